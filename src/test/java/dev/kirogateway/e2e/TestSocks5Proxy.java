package dev.kirogateway.e2e;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A tiny SOCKS5 proxy (RFC 1928, CONNECT only) with optional username/password authentication
 * (RFC 1929). Records each destination as {@code SOCKS host:port} in {@link #sent()}.
 */
final class TestSocks5Proxy extends LoopbackProxy {
  private static final int NO_AUTH = 0;
  private static final int USER_PASS = 2;
  private static final int NO_ACCEPTABLE = 0xFF;

  private final String user;
  private final String password;

  /** {@code user} null: no authentication required. */
  TestSocks5Proxy(String user, String password) throws IOException {
    this.user = user;
    this.password = password;
  }

  @Override
  Socket handshake(InputStream raw, OutputStream out) throws IOException {
    DataInputStream in = new DataInputStream(raw);
    expect(in.readUnsignedByte(), 5);
    byte[] methods = in.readNBytes(in.readUnsignedByte());
    int wanted = user == null ? NO_AUTH : USER_PASS;
    if (!contains(methods, wanted)) {
      refuse();
      out.write(new byte[] {5, (byte) NO_ACCEPTABLE});
      return null;
    }
    out.write(new byte[] {5, (byte) wanted});
    out.flush();
    if (user != null && !authenticate(in, out)) {
      refuse();
      return null;
    }
    expect(in.readUnsignedByte(), 5);
    expect(in.readUnsignedByte(), 1); // CONNECT
    in.readUnsignedByte(); // reserved
    String host =
        switch (in.readUnsignedByte()) {
          case 1 -> InetAddress.getByAddress(in.readNBytes(4)).getHostAddress();
          case 3 -> new String(in.readNBytes(in.readUnsignedByte()), StandardCharsets.US_ASCII);
          case 4 -> InetAddress.getByAddress(in.readNBytes(16)).getHostAddress();
          default -> throw new IOException("bad SOCKS5 address type");
        };
    int port = in.readUnsignedShort();
    Socket upstream = new Socket(host, port);
    byte[] note = ("SOCKS " + host + ":" + port + "\n").getBytes(StandardCharsets.ISO_8859_1);
    recordSent(note, note.length);
    out.write(new byte[] {5, 0, 0, 1, 0, 0, 0, 0, 0, 0});
    out.flush();
    return upstream;
  }

  private boolean authenticate(DataInputStream in, OutputStream out) throws IOException {
    expect(in.readUnsignedByte(), 1);
    String u = new String(in.readNBytes(in.readUnsignedByte()), StandardCharsets.UTF_8);
    String p = new String(in.readNBytes(in.readUnsignedByte()), StandardCharsets.UTF_8);
    boolean ok = user.equals(u) && password.equals(p);
    out.write(new byte[] {1, (byte) (ok ? 0 : 1)});
    out.flush();
    return ok;
  }

  private static boolean contains(byte[] methods, int method) {
    for (byte m : methods) {
      if ((m & 0xFF) == method) {
        return true;
      }
    }
    return false;
  }

  private static void expect(int actual, int expected) throws IOException {
    if (actual != expected) {
      throw new IOException("SOCKS5 protocol error: " + actual + " instead of " + expected);
    }
  }
}
