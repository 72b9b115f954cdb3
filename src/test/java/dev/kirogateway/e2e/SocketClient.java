package dev.kirogateway.e2e;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * HTTP/1.1 over a bare socket: lets a test send exactly the bytes it wants (chunked bodies, bad
 * UTF-8, no body at all) and hang up whenever it likes, which the JDK client cannot do on demand.
 */
final class SocketClient implements AutoCloseable {
  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;
  private final ByteArrayOutputStream received = new ByteArrayOutputStream();

  private SocketClient(Socket socket) throws IOException {
    this.socket = socket;
    this.in = socket.getInputStream();
    this.out = socket.getOutputStream();
  }

  static SocketClient connect(String baseUrl, Duration readTimeout) {
    URI uri = URI.create(baseUrl);
    try {
      Socket s = new Socket();
      s.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 5_000);
      s.setSoTimeout((int) readTimeout.toMillis());
      return new SocketClient(s);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The request line and headers for a JSON POST with a Content-Length, then the body. */
  SocketClient post(String path, String authHeader, byte[] body) {
    String head =
        "POST " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
            + authHeader + "\r\nContent-Length: " + body.length + "\r\n\r\n";
    return send(head.getBytes(StandardCharsets.US_ASCII)).send(body);
  }

  /** A one-shot request with its own head; the server closes the connection after answering. */
  static Reply exchange(String baseUrl, String head, byte[] body) {
    try (SocketClient c = connect(baseUrl, Duration.ofSeconds(15))) {
      c.send(head.getBytes(StandardCharsets.ISO_8859_1)).send(body);
      return Reply.parse(c.readToEnd());
    }
  }

  /** {@code body} as HTTP/1.1 chunks of {@code size} bytes, with the terminating chunk. */
  static byte[] chunked(byte[] body, int size) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < body.length; i += size) {
      int n = Math.min(size, body.length - i);
      out.writeBytes((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
      out.write(body, i, n);
      out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
    }
    out.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    return out.toByteArray();
  }

  /** A parsed response: status, raw head and the (de-chunked) body. */
  record Reply(int status, String head, String body) {
    static Reply parse(String raw) {
      int split = raw.indexOf("\r\n\r\n");
      if (split < 0) {
        throw new AssertionError("no complete response head: " + raw);
      }
      String head = raw.substring(0, split);
      String body = raw.substring(split + 4);
      if (head.toLowerCase(java.util.Locale.ROOT).contains("transfer-encoding: chunked")) {
        body = dechunk(body);
      }
      return new Reply(Integer.parseInt(head.split(" ", 3)[1]), head, body);
    }

    private static String dechunk(String chunked) {
      StringBuilder out = new StringBuilder();
      int at = 0;
      while (true) {
        int eol = chunked.indexOf("\r\n", at);
        int size = Integer.parseInt(chunked.substring(at, eol).strip(), 16);
        if (size == 0) {
          return out.toString();
        }
        // sizes count bytes, not chars; the gateway's bodies are ASCII JSON/SSE here
        out.append(chunked, eol + 2, eol + 2 + size);
        at = eol + 2 + size + 2;
      }
    }
  }

  SocketClient send(byte[] bytes) {
    try {
      out.write(bytes);
      out.flush();
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads until the bytes received so far contain {@code marker}; fails on EOF or timeout. */
  String readUntil(String marker) {
    byte[] buf = new byte[4096];
    try {
      while (!text().contains(marker)) {
        int n = in.read(buf);
        if (n < 0) {
          throw new IOException("connection closed before '" + marker + "'; got: " + text());
        }
        received.write(buf, 0, n);
      }
      return text();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads until the server closes the connection (or the read timeout fails the test). */
  String readToEnd() {
    try {
      in.transferTo(received);
      return text();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String text() {
    return received.toString(StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException ignored) {
      // closing is all we wanted
    }
  }
}
