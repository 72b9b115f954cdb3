package dev.kirogateway.http;

import dev.kirogateway.sse.SseFormat;
import dev.kirogateway.sse.SseSink;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;

/**
 * Writes SSE events to the Jetty response, committing status 200 and the SSE headers with the
 * first event (so failures before it can still become a plain error response), flushing every
 * event. Thread-safe: keep-alive pings may come from another thread.
 */
final class JettySseSink implements SseSink {
  private final Exchange exchange;
  private OutputStream out;
  private long lastWriteNanos = System.nanoTime();
  private boolean broken;

  JettySseSink(Exchange exchange) {
    this.exchange = exchange;
  }

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
    return out != null;
  }

  synchronized long nanosSinceLastWrite() {
    return System.nanoTime() - lastWriteNanos;
  }

  private void write(byte[] bytes) {
    if (broken || exchange.clientGone()) {
      throw new UncheckedIOException(new IOException("client connection already failed"));
    }
    try {
      if (out == null) {
        var headers = exchange.response.getHeaders();
        exchange.response.setStatus(200);
        headers.put(HttpHeader.CONTENT_TYPE, "text/event-stream; charset=utf-8");
        headers.put(HttpHeader.CACHE_CONTROL, "no-cache");
        headers.put("X-Accel-Buffering", "no");
        out = Content.Sink.asOutputStream(exchange.response);
      }
      out.write(bytes);
      out.flush();
      exchange.capture.clientBytes(bytes);
      lastWriteNanos = System.nanoTime();
    } catch (IOException e) {
      broken = true;
      throw new UncheckedIOException(e);
    }
  }

  /** Ends the response: completes the stream, or reports the failure to Jetty. */
  synchronized void close() {
    exchange.markDone();
    if (out == null) {
      exchange.callback.succeeded();
      return;
    }
    try {
      out.close();
      exchange.callback.succeeded();
    } catch (IOException e) {
      exchange.callback.failed(e);
    }
  }
}
