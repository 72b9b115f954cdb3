package dev.kirogateway.kiro;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kirogateway.chat.ChatException;
import dev.kirogateway.chat.ErrorKind;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;

/**
 * Classifies Kiro's HTTP errors and in-stream exceptions (KIRO-UPSTREAM.md §8.1) into the
 * client-facing kinds of §8.2. Messages are the gateway's own wording plus a short upstream suffix;
 * raw bodies are never passed through whole.
 */
final class UpstreamErrors {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_UPSTREAM_TEXT = 200;

  private UpstreamErrors() {}

  /** Classifies a non-2xx response. */
  static UpstreamFailure http(
      int status, byte[] body, String errorType, String requestId, String retryAfterHeader, Instant now) {
    String message = "";
    String reason = "";
    String type = errorType == null ? "" : errorType;
    try {
      JsonNode node = JSON.readTree(body);
      if (node != null && node.isObject()) {
        message = node.path("message").asText(node.path("Message").asText(""));
        reason = node.path("reason").isTextual() ? node.path("reason").asText() : "";
        if (type.isEmpty()) {
          type = node.path("__type").asText("");
        }
      }
    } catch (java.io.IOException | RuntimeException e) {
      message = new String(body, 0, Math.min(body.length, MAX_UPSTREAM_TEXT), StandardCharsets.UTF_8);
    }
    Optional<Duration> retryAfter = retryAfter(retryAfterHeader, now);
    String upstream = suffix(status + " " + (reason.isEmpty() ? message : reason), requestId);
    UpstreamFailure f = classify(status, message, reason, type, upstream, retryAfter);
    return new UpstreamFailure(f.error(), f.retryable(), f.retryAfter(), message);
  }

  /** Classifies an exception or error frame inside a 200 stream. */
  static UpstreamFailure stream(KiroStreamException e, String requestId) {
    String upstreamType = e.upstreamType() == null ? "" : e.upstreamType();
    String message = e.upstreamMessage() == null ? "" : e.upstreamMessage();
    String reason = e.reason() == null ? "" : e.reason();
    String upstream =
        suffix(
            switch (e.kind()) {
              case EXCEPTION_FRAME, ERROR_FRAME, INVALID_STATE ->
                  "stream " + upstreamType + (message.isEmpty() ? "" : ": " + message);
              case CORRUPT_FRAME -> "corrupt event-stream frame";
              case TRUNCATED_FRAME -> "stream ended inside a frame";
              case EMPTY_STREAM -> "empty reply";
            },
            requestId);
    return switch (e.kind()) {
      case EXCEPTION_FRAME -> classify(streamStatus(upstreamType), message, reason, upstreamType, upstream, Optional.empty());
      case ERROR_FRAME, INVALID_STATE ->
          failure(ErrorKind.UPSTREAM_ERROR, "Kiro reported an error in the middle of its reply", upstream, true, Optional.empty());
      case CORRUPT_FRAME, TRUNCATED_FRAME ->
          failure(ErrorKind.UPSTREAM_ERROR, "Kiro's reply stream was cut or corrupted", upstream, true, Optional.empty());
      case EMPTY_STREAM ->
          failure(ErrorKind.UPSTREAM_ERROR, "Kiro ended the reply without sending anything", upstream, true, Optional.empty());
    };
  }

  private static int streamStatus(String exceptionType) {
    return switch (exceptionType) {
      case "ThrottlingException" -> 429;
      case "ValidationException" -> 400;
      case "ServiceQuotaExceededException" -> 402;
      case "AccessDeniedException" -> 403;
      case "ResourceNotFoundException" -> 404;
      default -> 500;
    };
  }

  private static UpstreamFailure classify(
      int status, String message, String reason, String type, String upstream, Optional<Duration> retryAfter) {
    String lower = message.toLowerCase(Locale.ROOT);
    if ("CONTENT_LENGTH_EXCEEDS_THRESHOLD".equals(reason) || lower.contains("input is too long")) {
      return failure(ErrorKind.CONTEXT_TOO_LONG,
          "prompt is too long: the conversation exceeds the model's context window; compact or shorten it",
          upstream, false, retryAfter);
    }
    if ("INVALID_MODEL_ID".equals(reason) || lower.startsWith("invalid model")) {
      return failure(ErrorKind.MODEL_NOT_FOUND,
          "Kiro does not offer this model to this account; pick one from GET /v1/models", upstream, false, retryAfter);
    }
    if ("INSUFFICIENT_MODEL_CAPACITY".equals(reason) || "MODEL_TEMPORARILY_UNAVAILABLE".equals(reason)
        || lower.contains("unexpectedly high load") || lower.contains("high traffic")) {
      return failure(ErrorKind.OVERLOADED, "Kiro has no capacity for this model right now; try again shortly",
          upstream, true, retryAfter);
    }
    if (status == 429 || type.contains("Throttling")) {
      return failure(ErrorKind.RATE_LIMITED, "Kiro is throttling requests for this account; slow down and retry",
          upstream, true, retryAfter);
    }
    if (status == 402 || "MONTHLY_REQUEST_COUNT".equals(reason)) {
      return failure(ErrorKind.QUOTA_EXCEEDED,
          "The Kiro account has used up its monthly credits; they reset at the start of the next billing period",
          upstream, false, Optional.empty());
    }
    if (lower.contains("profilearn")) {
      return failure(ErrorKind.UPSTREAM_CONFIG,
          "Kiro refused the gateway's profile ARN; check PROFILE_ARN / KIRO_PROFILE_ARN_MODE (see `kiro-gateway doctor`)",
          upstream, false, retryAfter);
    }
    if (status == 407) {
      return failure(ErrorKind.UPSTREAM_UNREACHABLE,
          "The outbound proxy (VPN_PROXY_URL) refused the gateway: check the user and password in VPN_PROXY_URL",
          "(proxy: 407 Proxy Authentication Required)", false, Optional.empty());
    }
    if (status == 403) {
      return lower.contains("not authorized")
          ? failure(ErrorKind.PERMISSION_DENIED,
              "Kiro says this account is not authorized to make this call (login type, profile ARN or subscription)",
              upstream, false, retryAfter)
          : failure(ErrorKind.UPSTREAM_AUTH,
              "The gateway's Kiro credentials were rejected even after a refresh; run `kiro-cli login` (or log in again in Kiro IDE)",
              upstream, false, retryAfter);
    }
    if (status == 400 || status == 413 || status == 422) {
      return failure(ErrorKind.INVALID_REQUEST,
          "Kiro rejected the request as improperly formed even after the gateway's repairs",
          upstream, false, retryAfter);
    }
    if (status >= 500) {
      return failure(ErrorKind.UPSTREAM_ERROR, "Kiro failed to answer", upstream, true, retryAfter);
    }
    return failure(ErrorKind.UPSTREAM_ERROR, "Kiro answered with an unexpected status", upstream, false, retryAfter);
  }

  /**
   * What the outbound proxy said when it refused to connect us (Jetty reports a refused CONNECT
   * as a response exception and every SOCKS5 refusal as an IOException whose text starts "SOCKS5",
   * or "SOCK5" for a rejected password, as Jetty 12.1 spells it).
   */
  static Optional<String> proxyRefusal(Throwable root) {
    if (root instanceof org.eclipse.jetty.client.HttpResponseException hre
        && hre.getResponse() != null && hre.getResponse().getRequest() != null
        && "CONNECT".equals(hre.getResponse().getRequest().getMethod())) {
      int status = hre.getResponse().getStatus();
      return Optional.of("CONNECT answered " + status
          + (status == 407 ? " Proxy Authentication Required; check the user and password" : ""));
    }
    String message = root.getMessage();
    if (root instanceof java.io.IOException && message != null && message.contains("SOCK")) {
      return Optional.of(message + (message.contains("authentication")
          ? "; check the user and password" : ""));
    }
    return Optional.empty();
  }

  static UpstreamFailure failure(
      ErrorKind kind, String wording, String upstream, boolean retryable, Optional<Duration> retryAfter) {
    ChatException e = new ChatException(kind, wording + " " + upstream, null, retryAfter.orElse(null), null);
    return new UpstreamFailure(e, retryable, retryAfter);
  }

  static String suffix(String what, String requestId) {
    String text = what.strip().replaceAll("\\s+", " ");
    if (text.length() > MAX_UPSTREAM_TEXT) {
      text = text.substring(0, MAX_UPSTREAM_TEXT) + "…";
    }
    return "(upstream: " + text + (requestId == null || requestId.isEmpty() ? "" : "; request id " + requestId) + ")";
  }

  /** Retry-After as seconds or an HTTP date. */
  static Optional<Duration> retryAfter(String header, Instant now) {
    if (header == null || header.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(header.strip()))));
    } catch (NumberFormatException e) {
      try {
        Instant at = ZonedDateTime.parse(header.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        return Optional.of(Duration.between(now, at).isNegative() ? Duration.ZERO : Duration.between(now, at));
      } catch (RuntimeException ignored) {
        return Optional.empty();
      }
    }
  }
}
