package dev.kirogateway.sse;

/**
 * Where Server-Sent Events go. Implementations flush after every call and throw {@link
 * java.io.UncheckedIOException} when the client has gone away.
 */
public interface SseSink {

  /** Writes one event; {@code eventName} is null for a data-only event (OpenAI). */
  void event(String eventName, String data);

  /** Writes one comment line (keeps idle connections open through proxies). */
  void comment(String text);

  /** True once the first byte was handed to the client (the status can no longer change). */
  boolean committed();
}
