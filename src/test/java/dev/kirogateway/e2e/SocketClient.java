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
