package dev.kirogateway.debug;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One request's capture, held in memory until the request ends (so {@code errors} mode can drop
 * it). Each stream is bounded; what goes past the bound is dropped and noted.
 */
final class RequestCapture implements Capture {
  static final int MAX_PART_BYTES = 8 * 1024 * 1024;

  /** One file of the capture. */
  record Part(String fileName, byte[] bytes) {}

  private final String requestId;
  private final Instant startedAt;
  private final DebugCaptures owner;
  private final StringBuilder summary = new StringBuilder();
  private String clientRequest = "";
  private final Map<Integer, String> upstreamRequests = new TreeMap<>();
  private final Map<Integer, Bounded> upstreamReplies = new TreeMap<>();
  private final Bounded toClient = new Bounded();
  private boolean finished;

  RequestCapture(String requestId, Instant startedAt, DebugCaptures owner) {
    this.requestId = requestId;
    this.startedAt = startedAt;
    this.owner = owner;
  }

  String requestId() {
    return requestId;
  }

  Instant startedAt() {
    return startedAt;
  }

  @Override
  public synchronized void clientRequest(
      String method, String path, Map<String, String> headers, byte[] body) {
    clientRequest = head(method + " " + path, headers) + Redaction.body(body) + "\n";
  }

  @Override
  public synchronized void upstreamRequest(
      int attempt, URI url, Map<String, String> headers, byte[] body) {
    upstreamRequests.put(attempt, head("POST " + url, headers) + Redaction.body(body) + "\n");
  }

  @Override
  public synchronized void upstreamStatus(int attempt, int status) {
    summary.append("kiro attempt ").append(attempt).append(": HTTP ").append(status).append('\n');
  }

  @Override
  public synchronized void upstreamBytes(int attempt, byte[] bytes, int offset, int length) {
    upstreamReplies.computeIfAbsent(attempt, a -> new Bounded()).write(bytes, offset, length);
  }

  @Override
  public synchronized void clientBytes(byte[] bytes) {
    toClient.write(bytes, 0, bytes.length);
  }

  @Override
  public void finish(int status, boolean failed) {
    synchronized (this) {
      if (finished) {
        return;
      }
      finished = true;
      summary.insert(
          0,
          "request " + requestId + "\nstarted " + startedAt + "\nstatus " + status
              + (failed ? " (failed)" : "") + "\n");
    }
    owner.finished(this, failed);
  }

  synchronized List<Part> parts() {
    List<Part> parts = new ArrayList<>();
    parts.add(text("summary.txt", summary.toString()));
    if (!clientRequest.isEmpty()) {
      parts.add(text("1-client-request.txt", clientRequest));
    }
    upstreamRequests.forEach((n, s) -> parts.add(text("2-kiro-request-" + n + ".txt", s)));
    // raw event-stream bytes as received: no tokens travel in Kiro's replies
    upstreamReplies.forEach(
        (n, b) -> parts.add(new Part("3-kiro-response-" + n + ".bin", b.bytes())));
    parts.add(
        text(
            "4-client-response.txt",
            Redaction.text(new String(toClient.bytes(), StandardCharsets.UTF_8))));
    return parts;
  }

  private static String head(String line, Map<String, String> headers) {
    StringBuilder b = new StringBuilder(line).append('\n');
    Redaction.headers(headers).forEach((k, v) -> b.append(k).append(": ").append(v).append('\n'));
    return b.append('\n').toString();
  }

  private static Part text(String name, String s) {
    return new Part(name, s.getBytes(StandardCharsets.UTF_8));
  }

  /** A byte buffer that stops growing at {@link #MAX_PART_BYTES}. */
  private static final class Bounded {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private boolean truncated;

    void write(byte[] b, int off, int len) {
      int room = MAX_PART_BYTES - out.size();
      if (len > room) {
        truncated = true;
      }
      out.write(b, off, Math.max(0, Math.min(len, room)));
    }

    byte[] bytes() {
      if (!truncated) {
        return out.toByteArray();
      }
      byte[] note = "\n[capture truncated]\n".getBytes(StandardCharsets.UTF_8);
      ByteArrayOutputStream copy = new ByteArrayOutputStream(out.size() + note.length);
      copy.writeBytes(out.toByteArray());
      copy.writeBytes(note);
      return copy.toByteArray();
    }
  }
}
