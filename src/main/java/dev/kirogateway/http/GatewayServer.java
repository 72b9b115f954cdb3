package dev.kirogateway.http;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.VirtualThreads;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The gateway's HTTP server: Jetty core, one virtual thread per request. */
public final class GatewayServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(GatewayServer.class);

  private final Server server;
  private final ServerConnector connector;
  private final GatewayHandler handler;
  private final ScheduledExecutorService timer;
  private final Duration drainTimeout;
  private URI baseUrl;

  private GatewayServer(HttpSettings settings, Services services, Clock clock) {
    QueuedThreadPool pool = new QueuedThreadPool(32, 4);
    pool.setName("gateway");
    pool.setVirtualThreadsExecutor(VirtualThreads.getDefaultVirtualThreadsExecutor());
    server = new Server(pool);
    HttpConfiguration http = new HttpConfiguration();
    http.setSendServerVersion(false);
    http.setSendDateHeader(false);
    connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(http));
    connector.setHost(settings.host());
    connector.setPort(settings.port());
    connector.setAcceptQueueSize(4096);
    // streams can be silent for minutes while the model thinks; Anthropic pings keep them alive
    connector.setIdleTimeout(Duration.ofMinutes(10).toMillis());
    server.addConnector(connector);
    timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().daemon().name("gateway-timer").unstarted(r));
    handler = new GatewayHandler(settings, services, clock, timer);
    server.setHandler(handler);
    drainTimeout = settings.drainTimeout();
  }

  /** Starts serving {@code services}; the port is bound when this returns. */
  public static GatewayServer start(HttpSettings settings, Services services, Clock clock) {
    GatewayServer s = new GatewayServer(settings, services, clock);
    try {
      s.server.start();
      s.baseUrl = s.computeBaseUrl();
    } catch (Exception e) {
      s.close();
      throw new IllegalStateException(
          "Cannot listen on " + settings.host() + ":" + settings.port() + ": " + e.getMessage(), e);
    }
    return s;
  }

  public int port() {
    return baseUrl.getPort();
  }

  /** Where clients connect; fixed once the server started (still valid while it stops). */
  public URI baseUrl() {
    return baseUrl;
  }

  private URI computeBaseUrl() {
    String host = connector.getHost();
    if (host == null || host.equals("0.0.0.0") || host.equals("::")) {
      host = "127.0.0.1";
    } else if (host.contains(":")) {
      host = "[" + host + "]";
    }
    return URI.create("http://" + host + ":" + connector.getLocalPort());
  }

  /** Requests currently being handled (streams included). */
  public int inFlight() {
    return handler.inFlight();
  }

  /** Stops accepting, lets in-flight streams finish up to the drain timeout, then stops. */
  @Override
  public void close() {
    try {
      long deadline = System.nanoTime() + drainTimeout.toNanos();
      connector.close();
      while (handler.inFlight() > 0 && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      if (handler.inFlight() > 0) {
        LOG.warn("Stopping with {} request(s) still in flight", handler.inFlight());
      }
      // the drain above was the graceful part; a Jetty stop timeout would wait for the same
      // connections a second time (and for idle keep-alive ones too), doubling the bound
      server.setStopTimeout(0);
      server.stop();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      LOG.warn("Error while stopping the server: {}", e.toString());
    } finally {
      timer.shutdownNow();
    }
  }
}
