package dev.kirogateway.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP relay between the gateway and the simulator that sees the gateway's side of every
 * upstream connection. The simulator (Jetty) only notices a caller hanging up when it next
 * writes, so during a scripted stall it cannot tell whether the gateway aborted; the relay
 * always reads, so it sees the gateway close the connection the moment it happens. It also
 * counts open upstream connections, for leak checks.
 */
final class TcpRelay implements AutoCloseable {
  private final ServerSocket server;
  private final Semaphore closedByGateway = new Semaphore(0);
  private final AtomicInteger open = new AtomicInteger();
  private volatile InetSocketAddress target;

  private TcpRelay(ServerSocket server) {
    this.server = server;
  }

  static TcpRelay start() {
    try {
      TcpRelay relay = new TcpRelay(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
      Thread.ofVirtual().name("relay-accept").start(relay::acceptLoop);
      return relay;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  URI url() {
    return URI.create("http://127.0.0.1:" + server.getLocalPort());
  }

  void forwardTo(URI upstream) {
    target = new InetSocketAddress(upstream.getHost(), upstream.getPort());
  }

  /** Upstream connections currently open (idle pooled ones included). */
  int openConnections() {
    return open.get();
  }

  /** True if the gateway closed an upstream connection (not yet awaited) within {@code timeout}. */
  boolean awaitGatewayClose(Duration timeout) throws InterruptedException {
    return closedByGateway.tryAcquire(timeout.toNanos(), TimeUnit.NANOSECONDS);
  }

  void forgetGatewayCloses() {
    closedByGateway.drainPermits();
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket gateway = server.accept();
        Socket sim = new Socket();
        sim.connect(target, 5_000);
        open.incrementAndGet();
        Link link = new Link(gateway, sim);
        Thread.ofVirtual().start(() -> link.pump(gateway, sim, true));
        Thread.ofVirtual().start(() -> link.pump(sim, gateway, false));
      } catch (IOException e) {
        // closed, or the simulator is gone: nothing to relay
      }
    }
  }

  /** One relayed connection; the first side to end closes both. */
  private final class Link {
    private final Socket gateway;
    private final Socket sim;
    private final AtomicBoolean ended = new AtomicBoolean();

    Link(Socket gateway, Socket sim) {
      this.gateway = gateway;
      this.sim = sim;
    }

    void pump(Socket from, Socket to, boolean fromGateway) {
      byte[] buf = new byte[16384];
      try (InputStream in = from.getInputStream()) {
        OutputStream out = to.getOutputStream();
        int n;
        while ((n = in.read(buf)) >= 0) {
          out.write(buf, 0, n);
          out.flush();
        }
      } catch (IOException e) {
        // a reset or the other pump closing: the link ends either way
      }
      end(fromGateway);
    }

    private void end(boolean byGateway) {
      if (ended.compareAndSet(false, true)) {
        if (byGateway) {
          closedByGateway.release();
        }
        open.decrementAndGet();
        closeQuietly(gateway);
        closeQuietly(sim);
      }
    }
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException ignored) {
      // already closed
    }
  }

  @Override
  public void close() {
    try {
      server.close();
    } catch (IOException ignored) {
      // closing anyway
    }
  }
}
