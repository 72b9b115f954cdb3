package dev.kirogateway;

import dev.kirogateway.accounts.AccountOpener;
import dev.kirogateway.accounts.AccountsService;
import dev.kirogateway.accounts.AccountsSettings;
import dev.kirogateway.chat.ChatBackend;
import dev.kirogateway.config.Settings;
import dev.kirogateway.credentials.Credentials;
import dev.kirogateway.credentials.CredentialsSettings;
import dev.kirogateway.credentials.KiroIdentity;
import dev.kirogateway.credentials.RefreshingTokenProvider;
import dev.kirogateway.debug.DebugCaptures;
import dev.kirogateway.debug.DebugSettings;
import dev.kirogateway.credentials.TokenProvider;
import dev.kirogateway.http.GatewayServer;
import dev.kirogateway.http.HttpSettings;
import dev.kirogateway.http.OpsHooks;
import dev.kirogateway.http.Services;
import dev.kirogateway.http.ClientKeys;
import dev.kirogateway.http.JsonRoutes;
import dev.kirogateway.keys.KeyGuard;
import dev.kirogateway.keys.KeyedBackend;
import dev.kirogateway.keys.KeysSettings;
import dev.kirogateway.keys.SqliteKeyStore;
import dev.kirogateway.kiro.KiroBackend;
import dev.kirogateway.kiro.KiroRequestBuilder;
import dev.kirogateway.kiro.KiroSettings;
import dev.kirogateway.kiro.ProxySettings;
import dev.kirogateway.kiro.ReplySettings;
import dev.kirogateway.kiro.RequestSettings;
import dev.kirogateway.kiro.Sleeper;
import dev.kirogateway.kiro.TokenCounter;
import dev.kirogateway.kiro.UpstreamHttp;
import dev.kirogateway.metrics.Metrics;
import dev.kirogateway.metrics.MetricsSettings;
import dev.kirogateway.metrics.PrometheusMetrics;
import dev.kirogateway.model.ModelCatalog;
import dev.kirogateway.model.ModelResolver;
import dev.kirogateway.model.ModelSettings;
import dev.kirogateway.responses.ResponseIds;
import dev.kirogateway.responses.ResponsesService;
import dev.kirogateway.sim.KiroSimulator;
import dev.kirogateway.store.ResponseStore;
import dev.kirogateway.store.SqliteResponseStore;
import dev.kirogateway.store.StoreSettings;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.eclipse.jetty.client.HttpClient;

/** The composition root: builds every component from settings by hand and owns their lifetimes. */
public final class Gateway implements AutoCloseable {
  private final KiroSimulator simulator;
  private final HttpClient http;
  private final ScheduledExecutorService timer;
  private final GatewayServer server;
  private final ResponseStore responseStore;
  private final AccountsService accounts;
  private final SqliteKeyStore keyStore;
  private final KeyGuard keyGuard;
  private final ModelCatalog catalog;
  private final String apiKey;
  private final boolean demo;
  private final Metrics metrics;
  private volatile boolean closed;

  private Gateway(Settings settings, KiroSimulator simulator, Path home, Sleeper sleeper) {
    this.simulator = simulator;
    this.demo = simulator != null;
    Clock clock = Clock.systemUTC();
    HttpSettings httpSettings = HttpSettings.from(settings);
    KiroSettings kiroSettings = KiroSettings.from(settings);
    CredentialsSettings credentialsSettings = CredentialsSettings.from(settings);
    RequestSettings requestSettings = RequestSettings.from(settings);
    ReplySettings replySettings = ReplySettings.from(settings);
    ModelSettings modelSettings = ModelSettings.from(settings);
    this.apiKey = httpSettings.apiKey();
    this.metrics = new PrometheusMetrics();
    timer =
        Executors.newScheduledThreadPool(
            1, r -> Thread.ofPlatform().daemon().name("kiro-timer").unstarted(r));
    http = UpstreamHttp.start(kiroSettings.connectTimeout(), ProxySettings.from(settings));
    try {
      catalog = new ModelCatalog(modelSettings);
      ModelResolver resolver = ModelResolver.from(modelSettings);
      TokenCounter counter = new TokenCounter();
      KiroRequestBuilder builder =
          new KiroRequestBuilder(requestSettings, resolver, counter, UUID::randomUUID);
      byte[] signatureKey = new byte[32];
      new SecureRandom().nextBytes(signatureKey);
      // accounts (issue 8): one token provider and KiroBackend per Kiro account; the pool picks
      // one per request and fails over. Without ACCOUNTS_CONFIG_FILE: one account, as before.
      AccountOpener opener =
          spec -> {
            Settings own = spec.over(settings);
            CredentialsSettings creds = CredentialsSettings.from(own);
            String os = System.getProperty("os.name");
            RefreshingTokenProvider tokens =
                Credentials.open(creds, http, clock, own.asMap(), os, home);
            tokens.onRefresh(metrics::tokenRefresh);
            KiroIdentity identity = KiroIdentity.of(creds);
            return new AccountOpener.Upstream(
                tokens,
                new KiroBackend(
                    kiroSettings,
                    builder,
                    tokens,
                    http,
                    replySettings,
                    counter,
                    signatureKey,
                    identity.userAgent(),
                    identity.amzUserAgent(),
                    timer,
                    sleeper,
                    clock,
                    metrics));
          };
      accounts =
          AccountsService.start(
              AccountsSettings.from(settings),
              opener,
              resolver::resolve,
              http,
              timer,
              clock,
              () -> ThreadLocalRandom.current().nextDouble(),
              KiroIdentity.of(credentialsSettings).userAgent());
      // client keys (issue 8): only when `kiro-gateway keys create` has made the key store
      Path keyDb = KeysSettings.from(settings, home).database();
      keyStore = java.nio.file.Files.isRegularFile(keyDb) ? SqliteKeyStore.open(keyDb) : null;
      keyGuard = keyStore == null ? null : new KeyGuard(keyStore, clock, resolver::resolve);
      ChatBackend served =
          keyGuard == null ? accounts.backend() : new KeyedBackend(accounts.backend(), keyGuard);
      DebugCaptures captures = new DebugCaptures(DebugSettings.from(settings, userHome()), clock);
      OpsHooks ops =
          new OpsHooks(
              metrics, MetricsSettings.from(settings).metricsPublic(), captures::start);
      StoreSettings storeSettings = StoreSettings.from(settings);
      responseStore = SqliteResponseStore.open(storeSettings, clock);
      ResponsesService responses =
          new ResponsesService(
              responseStore, clock, storeSettings.retention(), ResponseIds.random());
      Services services =
          new Services(
              served,
              responses,
              this::modelIds,
              this::health,
              ops,
              adminRoutes(),
              keyGuard == null ? ClientKeys.NONE : clientKeys(keyGuard));
      server = GatewayServer.start(httpSettings, services, clock);
      // loading cl100k takes ~0.4 s: do it now, off the request path
      Thread.ofVirtual().start(() -> counter.count("warm up"));
    } catch (RuntimeException e) {
      closeQuietly();
      throw e;
    }
  }

  /** Starts against the real Kiro service with the configured credentials. */
  public static Gateway start(Settings settings) {
    return start(settings, Path.of(System.getProperty("user.home")));
  }

  /** As {@link #start(Settings)}, looking for default credential files under {@code home}. */
  public static Gateway start(Settings settings, Path home) {
    return start(settings, home, Sleeper.REAL);
  }

  /** For tests: retries wait through {@code sleeper} instead of the clock on the wall. */
  public static Gateway start(Settings settings, Path home, Sleeper sleeper) {
    return new Gateway(settings, null, home, sleeper);
  }

  /**
   * Starts the embedded Kiro simulator and a gateway wired to it: the real client, refresh and
   * streaming code run unchanged against loopback. Real credential files are never read.
   */
  public static Gateway startDemo(Settings settings) {
    KiroSimulator sim = KiroSimulator.startDemo(0);
    try {
      String refreshToken = "demo-refresh-" + randomHex(8);
      sim.registerDesktopRefreshToken(refreshToken);
      URI base = sim.baseUrl();
      Map<String, String> demo = new LinkedHashMap<>();
      demo.put("KIRO_API_BASE_URL", base.toString());
      demo.put("KIRO_DESKTOP_AUTH_BASE_URL", base.toString());
      demo.put("KIRO_OIDC_BASE_URL", base.toString());
      demo.put("KIRO_MANAGEMENT_BASE_URL", base.toString()); // GET /v1/accounts asks it
      demo.put("REFRESH_TOKEN", refreshToken);
      demo.put("PROFILE_ARN", "arn:aws:codewhisperer:us-east-1:000000000000:profile/DEMO");
      if (settings.optional("DATA_DIR").isEmpty()) {
        // a demo leaves nothing behind in the user's home
        demo.put("DATA_DIR", tempDir().toString());
      }
      if (settings.optional("PROXY_API_KEY").isEmpty()) {
        demo.put("PROXY_API_KEY", "demo-" + randomHex(12));
      }
      // the demo must never read or refresh a real login, whatever the environment holds
      Settings userSettings =
          settings.without(
              "KIRO_CLI_DB_FILE",
              "KIRO_CREDS_FILE",
              "KIRO_API_FALLBACK_BASE_URLS",
              "KIRO_API_PATH",
              "VPN_PROXY_URL", // the simulator is on this machine
              "ACCOUNTS_CONFIG_FILE");
      Settings merged = Settings.layered(demo, userSettings.asMap());
      return new Gateway(merged, sim, Path.of("/nonexistent-demo-home"), Sleeper.REAL);
    } catch (RuntimeException e) {
      sim.close();
      throw e;
    }
  }

  private static Path tempDir() {
    try {
      return java.nio.file.Files.createTempDirectory("kiro-gateway-demo-");
    } catch (java.io.IOException e) {
      throw new IllegalStateException("Cannot create a temporary folder for the demo: " + e.getMessage(), e);
    }
  }

  private static Path userHome() {
    return Path.of(System.getProperty("user.home"));
  }

  /** What this gateway recorded, as {@code /metrics} serves it. */
  public Metrics metrics() {
    return metrics;
  }

  private static String randomHex(int bytes) {
    byte[] b = new byte[bytes];
    new SecureRandom().nextBytes(b);
    return HexFormat.of().formatHex(b);
  }

  public URI baseUrl() {
    return server.baseUrl();
  }

  public String apiKey() {
    return apiKey;
  }

  public GatewayServer server() {
    return server;
  }

  private java.util.List<String> modelIds() {
    return catalog.entries().stream().map(ModelCatalog.Entry::id).toList();
  }

  /** GET /v1/accounts, /v1/accounts/explain and /v1/keys/usage (issue 8): admin key only. */
  private JsonRoutes adminRoutes() {
    return new JsonRoutes() {
      @Override
      public boolean handles(String path) {
        return path.equals("/v1/accounts")
            || path.equals("/v1/accounts/explain")
            || path.equals("/v1/keys/usage");
      }

      @Override
      public Object get(String path, Map<String, String> query) {
        if (keyGuard != null && keyGuard.current().isPresent()) {
          throw new dev.kirogateway.chat.ChatException(
              dev.kirogateway.chat.ErrorKind.PERMISSION_DENIED,
              path + " is for the admin key (PROXY_API_KEY) only.");
        }
        return switch (path) {
          case "/v1/accounts/explain" -> accounts.explain(query.get("model"));
          case "/v1/keys/usage" -> keyGuard == null ? Map.of("keys", List.of()) : keyGuard.usage();
          default -> accounts.view();
        };
      }
    };
  }

  private static ClientKeys clientKeys(KeyGuard guard) {
    return new ClientKeys() {
      @Override
      public boolean authenticate(String offered) {
        return guard.authenticate(offered);
      }

      @Override
      public void clear() {
        guard.clear();
      }
    };
  }

  /** The live accounts (one unless ACCOUNTS_CONFIG_FILE lists several). */
  public AccountsService accounts() {
    return accounts;
  }

  private Map<String, Object> health() {
    Map<String, Object> h = new LinkedHashMap<>();
    Map<String, Map<String, Object>> states = accounts.credentialStates();
    // honest, not constant: "ok" while some account's credentials work, "degraded" when refreshes
    // fail but a token is still valid, "error" when no account has a usable token
    boolean anyOk = states.values().stream().anyMatch(c -> c.get("lastError") == null);
    boolean anyUsable = states.values().stream().anyMatch(c -> !"expired".equals(c.get("state")));
    h.put("status", anyOk ? "ok" : anyUsable ? "degraded" : "error");
    h.put("version", dev.kirogateway.http.Version.current());
    h.put("mode", demo ? "demo (Kiro simulator)" : "kiro");
    if (states.size() == 1) {
      h.put("credentials", states.values().iterator().next());
    } else {
      h.put("accounts", states);
    }
    return h;
  }

  /** The startup banner: where to connect, with what, and what is served. */
  public String banner() {
    StringBuilder b = new StringBuilder();
    String url = baseUrl().toString();
    b.append("kiro-gateway ").append(dev.kirogateway.http.Version.current());
    b.append(demo ? " — DEMO mode: answers come from the built-in Kiro simulator\n" : "\n");
    b.append("  Base URL:  ").append(url).append("/v1\n");
    if (demo) {
      b.append("  API key:   ").append(apiKey).append('\n');
    } else {
      b.append("  API key:   the value of PROXY_API_KEY\n");
    }
    b.append("  Endpoints: POST /v1/chat/completions, POST /v1/messages,")
        .append(" POST /v1/messages/count_tokens, POST /v1/responses, GET /v1/models,")
        .append(" GET /health\n");
    b.append("  Ops:       GET /metrics (Prometheus), ").append(url)
        .append("/dashboard?key=").append(demo ? apiKey : "$PROXY_API_KEY").append('\n');
    b.append("  Models:    ").append(String.join(", ", modelIds())).append('\n');
    Object source = accounts.primaryStatus().get("source");
    b.append("  Credentials: ").append(source == null ? "-" : source).append('\n');
    b.append("  Try:       curl ").append(url).append("/v1/chat/completions -H 'Authorization: Bearer ")
        .append(demo ? apiKey : "$PROXY_API_KEY")
        .append("' -H 'Content-Type: application/json' -d '{\"model\":\"claude-sonnet-4.5\",")
        .append("\"messages\":[{\"role\":\"user\",\"content\":\"Hello\"}]}'");
    return b.toString();
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    closeQuietly();
  }

  private void closeQuietly() {
    if (server != null) {
      server.close();
    }
    if (accounts != null) {
      accounts.close();
    }
    if (keyStore != null) {
      keyStore.close();
    }
    try {
      http.stop();
    } catch (Exception ignored) {
      // stopping anyway
    }
    timer.shutdownNow();
    if (responseStore != null) {
      responseStore.close();
    }
    if (simulator != null) {
      simulator.close();
    }
  }
}
