package dev.kirogateway.sse;

import dev.kirogateway.chat.ChatException;
import dev.kirogateway.chat.ErrorKind;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

/**
 * A complete error response: status, JSON body (UTF-8, {@code application/json}) and any extra
 * headers (e.g. {@code Retry-After}).
 */
public record ErrorBody(int status, byte[] json, Map<String, String> headers) {
  public ErrorBody {
    json = json.clone();
    headers = Map.copyOf(headers);
  }

  /**
   * {@code Retry-After} in whole seconds (rounded up) for 429/503/529 when the upstream gave a
   * delay; never for exhausted quota, which waiting does not fix (§8.2).
   */
  public static Map<String, String> retryAfterHeaders(ChatException e, int status) {
    boolean allowed =
        (status == 429 || status == 503 || status == 529) && e.kind() != ErrorKind.QUOTA_EXCEEDED;
    if (!allowed || e.retryAfter().isEmpty()) {
      return Map.of();
    }
    long millis = Math.max(0, e.retryAfter().get().toMillis());
    return Map.of("Retry-After", Long.toString((millis + 999) / 1000));
  }

  @Override
  public byte[] json() {
    return json.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ErrorBody e
        && e.status == status
        && Arrays.equals(e.json, json)
        && e.headers.equals(headers);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * status + Arrays.hashCode(json)) + headers.hashCode();
  }

  @Override
  public String toString() {
    String body = new String(json, StandardCharsets.UTF_8);
    return "ErrorBody[status=" + status + ", json=" + body + ", headers=" + headers + "]";
  }
}
