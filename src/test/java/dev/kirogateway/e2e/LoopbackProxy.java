package dev.kirogateway.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The shared half of the test proxies: a loopback listener with one virtual thread per
 * connection, a byte relay, and a record of what clients sent through it.
 */
abstract class LoopbackProxy implements AutoCloseable {
  private final ServerSocket server;
  private final StringBuffer sent = new StringBuffer();
  private final List<Socket> open = new CopyOnWriteArrayList<>();
  private final AtomicInteger connections = new AtomicInteger();
  private final AtomicInteger refused = new AtomicInteger();

  LoopbackProxy() throws IOException {
    this(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
  }

  /** Serves on {@code server} (already bound; e.g. a TLS server socket). */
  LoopbackProxy(ServerSocket server) {
    this.server = server;
    Thread.ofVirtual().name("test-proxy-accept").start(this::acceptLoop);
  }

  int port() {
    return server.getLocalPort();
  }

  /** Connections accepted so far. */
  int connections() {
    return connections.get();
  }

  /** Connections turned away for bad or missing credentials. */
  int refused() {
    return refused.get();
  }

  /** Everything clients sent towards the destinations (handshakes excluded), as ISO-8859-1. */
  String sent() {
    return sent.toString();
  }

  /** Speaks the proxy protocol on {@code client}; returns the destination socket, or null. */
  abstract Socket handshake(InputStream in, OutputStream out) throws IOException;

  void recordSent(byte[] bytes, int len) {
    sent.append(new String(bytes, 0, len, StandardCharsets.ISO_8859_1));
  }

  void refuse() {
    refused.incrementAndGet();
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        connections.incrementAndGet();
        open.add(client);
        Thread.ofVirtual().start(() -> serve(client));
      } catch (IOException e) {
        return;
      }
    }
  }

  private void serve(Socket client) {
    try (client) {
      InputStream in = client.getInputStream();
      Socket upstream = handshake(in, client.getOutputStream());
      if (upstream == null) {
        return;
      }
      open.add(upstream);
      try (upstream) {
        Thread.ofVirtual().start(() -> copy(in, upstream, true));
        copy(upstream.getInputStream(), client, false);
      }
    } catch (IOException e) {
      // the peer went away; nothing to clean up beyond the sockets
    }
  }

  private void copy(InputStream from, Socket to, boolean record) {
    byte[] buf = new byte[16384];
    try {
      OutputStream out = to.getOutputStream();
      for (int n; (n = from.read(buf)) >= 0; ) {
        if (record) {
          recordSent(buf, n);
        }
        out.write(buf, 0, n);
        out.flush();
      }
      to.shutdownOutput();
    } catch (IOException e) {
      closeQuietly(to);
    }
  }

  static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException ignored) {
      // closing anyway
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
    open.forEach(LoopbackProxy::closeQuietly);
  }
}
