package dev.kirogateway.sim;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One request the simulator received. Header names are case-insensitive (first value of each).
 * {@link #toString()} shows no headers or body, because they carry tokens.
 */
public record RecordedRequest(
    String method, String path, String query, Map<String, String> headers, byte[] body) {

  public RecordedRequest {
    Map<String, String> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    h.putAll(headers);
    headers = Collections.unmodifiableMap(h);
    body = body.clone();
  }

  @Override
  public byte[] body() {
    return body.clone();
  }

  /** The body decoded as UTF-8. */
  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }

  /** The body parsed as JSON, when it is JSON. */
  public Optional<JsonNode> json() {
    return Json.parse(body);
  }

  public Optional<String> header(String name) {
    return Optional.ofNullable(headers.get(name));
  }

  @Override
  public boolean equals(Object o) {
    return this == o;
  }

  @Override
  public int hashCode() {
    return System.identityHashCode(this);
  }

  @Override
  public String toString() {
    return "RecordedRequest[" + method + " " + path + ", " + body.length + " body bytes]";
  }
}
