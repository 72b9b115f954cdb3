package dev.kirogateway.debug;

import java.net.URI;
import java.util.Map;

/**
 * Receives what one request sent and received, for a debug capture. Called from the request's
 * own thread; implementations copy what they keep (callers reuse their buffers). {@link #NONE}
 * keeps nothing. Secrets may be passed in (headers, bodies): redacting them is the capture's job.
 */
public interface Capture {
  /** Keeps nothing. */
  Capture NONE = new Capture() {};

  /** The client's request: method, path, headers and body. */
  default void clientRequest(String method, String path, Map<String, String> headers, byte[] body) {}

  /** Upstream attempt {@code attempt} (from 1): where it went, its headers and body. */
  default void upstreamRequest(int attempt, URI url, Map<String, String> headers, byte[] body) {}

  /** The HTTP status Kiro answered attempt {@code attempt} with. */
  default void upstreamStatus(int attempt, int status) {}

  /** Raw reply bytes of attempt {@code attempt}, as they arrived. */
  default void upstreamBytes(int attempt, byte[] bytes, int offset, int length) {}

  /** Bytes sent to the client (a whole body, or one SSE event). */
  default void clientBytes(byte[] bytes) {}

  /** The request ended; {@code failed} when the client got an error (status or in-band). */
  default void finish(int status, boolean failed) {}

  /** Runs {@code backend}, passing {@code capture} along when the backend can take it. */
  static void chat(
      dev.kirogateway.chat.ChatBackend backend,
      dev.kirogateway.chat.ChatRequest request,
      dev.kirogateway.chat.ReplySink sink,
      Capture capture) {
    if (backend instanceof CapturingBackend capturing) {
      capturing.chat(request, sink, capture);
    } else {
      backend.chat(request, sink);
    }
  }
}
