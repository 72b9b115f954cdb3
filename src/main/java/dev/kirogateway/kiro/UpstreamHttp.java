package dev.kirogateway.kiro;

import java.time.Duration;
import java.util.Optional;
import org.eclipse.jetty.client.BasicAuthentication;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.HttpProxy;
import org.eclipse.jetty.client.Origin;
import org.eclipse.jetty.client.ProxyConfiguration;
import org.eclipse.jetty.client.Socks5;
import org.eclipse.jetty.client.Socks5Proxy;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.ClientConnectionFactory;
import org.eclipse.jetty.io.ssl.SslClientConnectionFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Builds the Jetty HTTP client used for every Kiro and auth call. */
public final class UpstreamHttp {
  private static final Logger LOG = LoggerFactory.getLogger(UpstreamHttp.class);

  private UpstreamHttp() {}

  /** A started client without a proxy; the caller stops it. */
  public static HttpClient start(Duration connectTimeout) {
    return start(connectTimeout, Optional.empty());
  }

  /** A started client that sends every call through {@code proxy} (unless bypassed). */
  public static HttpClient start(Duration connectTimeout, Optional<ProxySettings> proxy) {
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
    proxy.ifPresent(p -> configureProxy(http, p));
    try {
      http.start();
    } catch (Exception e) {
      throw new IllegalStateException("Cannot start the upstream HTTP client", e);
    }
    // Kiro must not be asked for a compressed event stream
    http.getContentDecoderFactories().clear();
    return http;
  }

  static void configureProxy(HttpClient http, ProxySettings p) {
    Origin.Address address = new Origin.Address(p.host(), p.port());
    ProxyConfiguration.Proxy proxy =
        switch (p.scheme()) {
          case "socks5" -> socks5(address, p);
          case "https" -> new BypassingHttpProxy(address, http, p.noProxy());
          default -> new BypassingHttpProxy(address, p.noProxy());
        };
    if (!p.scheme().equals("socks5") && p.hasCredentials()) {
      // preemptive Basic: Jetty adds Proxy-Authorization to forwarded requests and CONNECTs
      http.getAuthenticationStore()
          .addAuthenticationResult(
              new BasicAuthentication.BasicResult(
                  proxy.getURI(),
                  HttpHeader.PROXY_AUTHORIZATION,
                  p.user().orElseThrow(),
                  p.password().orElse("")));
    }
    http.getProxyConfiguration().addProxy(proxy);
    LOG.info("Kiro and auth calls go through the proxy {}{}", p,
        p.noProxy().entries().isEmpty() ? "" : ", except " + p.noProxy().entries());
  }

  private static ProxyConfiguration.Proxy socks5(Origin.Address address, ProxySettings p) {
    Socks5Proxy socks = new BypassingSocks5Proxy(address, p.noProxy());
    if (p.hasCredentials()) {
      socks.putAuthenticationFactory(
          new Socks5.UsernamePasswordAuthenticationFactory(
              p.user().orElseThrow(), p.password().orElse("")));
    }
    return socks;
  }

  /** Jetty's HTTP proxy, skipping the VPN_PROXY_NO_PROXY hosts; optionally TLS to the proxy. */
  private static final class BypassingHttpProxy extends HttpProxy {
    private final NoProxy noProxy;
    private final HttpClient tlsClient;

    /** Plain HTTP to the proxy. */
    BypassingHttpProxy(Origin.Address address, NoProxy noProxy) {
      super(address, false);
      this.noProxy = noProxy;
      this.tlsClient = null;
    }

    /** TLS to the proxy ({@code https://} proxy URL), trusting what the client trusts. */
    BypassingHttpProxy(Origin.Address address, HttpClient client, NoProxy noProxy) {
      super(address, false);
      this.noProxy = noProxy;
      this.tlsClient = client;
    }

    /**
     * Jetty 12.1 does not wrap the connection to a "secure" HttpProxy in TLS (measured: it sends
     * plain text), so TLS to the proxy is added here, outermost. The TLS peer is the address
     * connected to, i.e. the proxy; a CONNECT tunnel then runs its own TLS to Kiro inside.
     */
    @Override
    public ClientConnectionFactory newClientConnectionFactory(ClientConnectionFactory factory) {
      ClientConnectionFactory proxied = super.newClientConnectionFactory(factory);
      if (tlsClient == null) {
        return proxied;
      }
      return new SslClientConnectionFactory(
          tlsClient.getSslContextFactory(),
          tlsClient.getByteBufferPool(),
          tlsClient.getExecutor(),
          proxied);
    }

    @Override
    public boolean matches(Origin origin) {
      Origin.Address a = origin.getAddress();
      return super.matches(origin) && !noProxy.bypasses(a.getHost(), a.getPort());
    }
  }

  /** Jetty's SOCKS5 proxy, skipping the VPN_PROXY_NO_PROXY hosts. */
  private static final class BypassingSocks5Proxy extends Socks5Proxy {
    private final NoProxy noProxy;

    BypassingSocks5Proxy(Origin.Address address, NoProxy noProxy) {
      super(address, false);
      this.noProxy = noProxy;
    }

    @Override
    public boolean matches(Origin origin) {
      Origin.Address a = origin.getAddress();
      return super.matches(origin) && !noProxy.bypasses(a.getHost(), a.getPort());
    }
  }
}
