package dev.kirogateway.chat;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A failure the client should see, in API-neutral form. The message is the gateway's own wording,
 * safe to show (no secrets, no Java exception text).
 */
public final class ChatException extends RuntimeException {
  private final ErrorKind kind;
  private final String param;
  private final Duration retryAfter;

  public ChatException(ErrorKind kind, String message) {
    this(kind, message, null, null, null);
  }

  public ChatException(
      ErrorKind kind, String message, String param, Duration retryAfter, Throwable cause) {
    super(Objects.requireNonNull(message, "message"), cause, false, false);
    this.kind = Objects.requireNonNull(kind, "kind");
    this.param = param;
    this.retryAfter = retryAfter;
  }

  public static ChatException invalid(String message, String param) {
    return new ChatException(ErrorKind.INVALID_REQUEST, message, param, null, null);
  }

  public ErrorKind kind() {
    return kind;
  }

  /** The request field at fault, for validation errors. */
  public Optional<String> param() {
    return Optional.ofNullable(param);
  }

  /** How long the client should wait, when the upstream said so. */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }
}
