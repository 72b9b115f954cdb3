package dev.kirogateway.credentials;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.HttpResponseException;
import org.eclipse.jetty.client.StringRequestContent;
import org.eclipse.jetty.http.HttpMethod;

/** The JSON POST both refresh flows make, with a hard timeout; no body ever reaches a message. */
final class RefreshHttp {
  static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient client;
  private final Duration timeout;

  RefreshHttp(HttpClient client, Duration timeout) {
    this.client = client;
    this.timeout = timeout;
  }

  /** A reply: status and parsed JSON body (an empty object when the body is not JSON). */
  record Reply(int status, JsonNode body) {}

  Reply post(String url, String userAgent, ObjectNode body) throws RefreshException {
    URI uri = parseUrl(url);
    String host = uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "");
    ContentResponse response;
    try {
      response = client.newRequest(uri)
          .method(HttpMethod.POST)
          .agent(userAgent)
          .body(new StringRequestContent("application/json", body.toString(),
              StandardCharsets.UTF_8))
          .timeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
          .send();
    } catch (TimeoutException e) {
      throw new RefreshException(
          "no answer from " + host + " within " + timeout.toMillis() / 1000.0 + " s", false);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      // Jetty turns a 401 without WWW-Authenticate (what Kiro sends) into an exception.
      if (cause instanceof HttpResponseException hre && hre.getResponse() != null) {
        if (hre.getResponse().getStatus() == 407) {
          throw proxyAuthRequired(host);
        }
        return new Reply(hre.getResponse().getStatus(), RefreshHttp.JSON.createObjectNode());
      }
      String what = cause instanceof TimeoutException ? "timed out"
          : proxyFailure(cause) ? "the outbound proxy VPN_PROXY_URL refused: " + cause.getMessage()
          : cause.getClass().getSimpleName();
      throw new RefreshException("could not reach " + host + " (" + what + ")", false);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RefreshException("interrupted while refreshing", false);
    }
    if (response.getStatus() == 407) {
      throw proxyAuthRequired(host);
    }
    return new Reply(response.getStatus(), parse(response.getContentAsString()));
  }

  private static RefreshException proxyAuthRequired(String host) {
    return new RefreshException("could not reach " + host + " (the outbound proxy VPN_PROXY_URL"
        + " answered 407 Proxy Authentication Required; check its user and password)", false);
  }

  /** Jetty's SOCKS5 failures are IOExceptions naming SOCKS5; their text holds no secret. */
  private static boolean proxyFailure(Throwable cause) {
    return cause instanceof IOException && cause.getMessage() != null
        && cause.getMessage().contains("SOCK"); // Jetty 12.1 writes "SOCK5" for a bad password
  }

  private static URI parseUrl(String url) throws RefreshException {
    try {
      URI uri = URI.create(url);
      if (uri.getHost() == null || !(uri.getScheme().equals("https")
          || uri.getScheme().equals("http"))) {
        throw new IllegalArgumentException("not an http(s) URL");
      }
      return uri;
    } catch (IllegalArgumentException e) {
      throw new RefreshException("bad refresh URL '" + url + "'", false);
    }
  }

  private static JsonNode parse(String text) {
    try {
      JsonNode node = JSON.readTree(text);
      return node == null || !node.isObject() ? JSON.createObjectNode() : node;
    } catch (IOException e) {
      return JSON.createObjectNode();
    }
  }

  static Optional<String> text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || !v.isTextual() || v.asText().isEmpty()
        ? Optional.empty() : Optional.of(v.asText());
  }

  /** The fields both flows return on 200. */
  static RefreshResult result(JsonNode body, boolean withProfileArn) throws RefreshException {
    String access = text(body, "accessToken")
        .orElseThrow(() -> new RefreshException("refresh reply had no accessToken", false));
    JsonNode expiresIn = body.get("expiresIn");
    // Unknown lifetime: assume the documented hour rather than refreshing in a tight loop.
    long seconds = expiresIn != null && expiresIn.canConvertToLong() && expiresIn.asLong() > 0
        ? expiresIn.asLong() : 3600;
    return new RefreshResult(access, text(body, "refreshToken"), Duration.ofSeconds(seconds),
        withProfileArn ? text(body, "profileArn") : Optional.empty());
  }

  static String withRegion(String template, String region) {
    String base = template.replace("{region}", region);
    return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
  }
}
