package dev.kirogateway.eventstream;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** One decoded event-stream message: ordered headers and a raw payload. */
public final class Message {
  private final Map<String, HeaderValue> headers;
  private final byte[] payload;

  public Message(Map<String, HeaderValue> headers, byte[] payload) {
    this(Collections.unmodifiableMap(new LinkedHashMap<>(headers)), payload.clone(), true);
  }

  private Message(Map<String, HeaderValue> headers, byte[] payload, boolean owned) {
    this.headers = headers;
    this.payload = payload;
  }

  /**
   * For the decoder: takes parts nobody else holds without copying them again (the copies were
   * a fifth of the decoder's allocation per frame, docs/BENCHMARKS.md).
   */
  static Message owning(LinkedHashMap<String, HeaderValue> headers, byte[] payload) {
    return new Message(Collections.unmodifiableMap(headers), payload, true);
  }

  /** A Kiro-style event: {@code :event-type}, {@code :content-type}, {@code :message-type}. */
  public static Message event(String eventType, String jsonPayload) {
    return typed(":event-type", eventType, "event", jsonPayload);
  }

  /** A Kiro-style exception: {@code :exception-type}, {@code :content-type}, {@code :message-type}. */
  public static Message exception(String exceptionType, String jsonPayload) {
    return typed(":exception-type", exceptionType, "exception", jsonPayload);
  }

  private static Message typed(String typeHeader, String type, String messageType, String json) {
    Map<String, HeaderValue> h = new LinkedHashMap<>();
    h.put(typeHeader, new HeaderValue.Str(type));
    h.put(":content-type", new HeaderValue.Str("application/json"));
    h.put(":message-type", new HeaderValue.Str(messageType));
    return new Message(h, json.getBytes(StandardCharsets.UTF_8));
  }

  public Map<String, HeaderValue> headers() {
    return headers;
  }

  /** The string value of a header, when present and of string type. */
  public Optional<String> stringHeader(String name) {
    return headers.get(name) instanceof HeaderValue.Str s ? Optional.of(s.value()) : Optional.empty();
  }

  public byte[] payload() {
    return payload.clone();
  }

  public int payloadLength() {
    return payload.length;
  }

  /** The payload decoded as UTF-8 (malformed sequences become U+FFFD). */
  public String payloadUtf8() {
    return new String(payload, StandardCharsets.UTF_8);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Message m && headers.equals(m.headers) && Arrays.equals(payload, m.payload);
  }

  @Override
  public int hashCode() {
    return headers.hashCode() * 31 + Arrays.hashCode(payload);
  }

  @Override
  public String toString() {
    return "Message" + headers + "[" + payload.length + " bytes]";
  }
}
