package dev.kirogateway.e2e;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

/**
 * A tiny HTTP proxy: CONNECT tunnels and absolute-form forwarding (what clients send for plain
 * http:// destinations), with optional Basic proxy authentication. The forwarded request head is
 * passed on unchanged: HTTP/1.1 servers accept absolute-form targets.
 */
final class TestHttpProxy extends LoopbackProxy {
  private final String expectedAuthorization;

  /** {@code user} null: no authentication required. */
  TestHttpProxy(String user, String password) throws IOException {
    this(user, password, new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
  }

  /** On a given listener, e.g. a TLS one for an {@code https://} proxy URL. */
  TestHttpProxy(String user, String password, ServerSocket server) {
    super(server);
    expectedAuthorization =
        user == null
            ? null
            : "Basic "
                + Base64.getEncoder()
                    .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  @Override
  Socket handshake(InputStream in, OutputStream out) throws IOException {
    byte[] head = readHead(in);
    String text = new String(head, StandardCharsets.ISO_8859_1);
    String[] requestLine = text.substring(0, text.indexOf("\r\n")).split(" ");
    if (expectedAuthorization != null
        && !expectedAuthorization.equals(header(text, "proxy-authorization"))) {
      refuse();
      out.write(
          ("HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm=\"test\""
                  + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
              .getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      return null;
    }
    if (requestLine[0].equals("CONNECT")) {
      URI target = URI.create("//" + requestLine[1]);
      Socket upstream = new Socket(target.getHost(), target.getPort());
      recordSent(head, head.length);
      out.write("HTTP/1.1 200 Connection established\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      return upstream;
    }
    URI target = URI.create(requestLine[1]);
    Socket upstream = new Socket(target.getHost(), target.getPort());
    recordSent(head, head.length);
    upstream.getOutputStream().write(head);
    return upstream;
  }

  private static String header(String head, String name) {
    for (String line : head.split("\r\n")) {
      int colon = line.indexOf(':');
      if (colon > 0 && line.substring(0, colon).strip().toLowerCase(Locale.ROOT).equals(name)) {
        return line.substring(colon + 1).strip();
      }
    }
    return null;
  }

  /** Bytes up to and including the blank line that ends the head. */
  private static byte[] readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    byte[] end = {'\r', '\n', '\r', '\n'};
    while (matched < 4) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("client closed before the end of the request head");
      }
      head.write(b);
      matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
    }
    return head.toByteArray();
  }
}
