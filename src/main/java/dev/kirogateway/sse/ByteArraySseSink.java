package dev.kirogateway.sse;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * An {@link SseSink} that collects the bytes in memory (tests, debug capture). {@link #disconnect()}
 * makes later writes fail the way a vanished client does.
 */
public final class ByteArraySseSink implements SseSink {
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private boolean disconnected;

  @Override
  public synchronized void event(String eventName, String data) {
    write(SseFormat.event(eventName, data));
  }

  @Override
  public synchronized void comment(String text) {
    write(SseFormat.comment(text));
  }

  @Override
  public synchronized boolean committed() {
    return bytes.size() > 0;
  }

  /** Simulates the client going away: every later write throws {@link UncheckedIOException}. */
  public synchronized void disconnect() {
    disconnected = true;
  }

  public synchronized byte[] toByteArray() {
    return bytes.toByteArray();
  }

  /** The collected bytes as UTF-8 text. */
  public synchronized String text() {
    return bytes.toString(StandardCharsets.UTF_8);
  }

  private void write(byte[] b) {
    if (disconnected) {
      throw new UncheckedIOException(new IOException("client disconnected"));
    }
    bytes.writeBytes(b);
  }
}
