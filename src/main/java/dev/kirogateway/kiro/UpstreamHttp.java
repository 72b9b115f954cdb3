package dev.kirogateway.kiro;

import java.time.Duration;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/** Builds the Jetty HTTP client used for every Kiro and auth call. */
public final class UpstreamHttp {
  private UpstreamHttp() {}

  /** A started client; the caller stops it. */
  public static HttpClient start(Duration connectTimeout) {
    HttpClient http = new HttpClient();
    QueuedThreadPool pool = new QueuedThreadPool(16, 2);
    pool.setName("upstream");
    pool.setDaemon(true);
    http.setExecutor(pool);
    // Jetty's default of 64 would queue every stream past the 64th behind the others (STACK.md §6.3)
    http.setMaxConnectionsPerDestination(10_000);
    http.setMaxRequestsQueuedPerDestination(10_000);
    http.setConnectTimeout(connectTimeout.toMillis());
    // short pool idle time: long-lived idle sockets to Kiro end up half-closed (KIRO-UPSTREAM.md §2.2)
    http.setIdleTimeout(Duration.ofSeconds(30).toMillis());
    http.setFollowRedirects(false);
    http.setUserAgentField(null);
    try {
      http.start();
    } catch (Exception e) {
      throw new IllegalStateException("Cannot start the upstream HTTP client", e);
    }
    // Kiro must not be asked for a compressed event stream
    http.getContentDecoderFactories().clear();
    return http;
  }
}
