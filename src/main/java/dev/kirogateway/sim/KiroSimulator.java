package dev.kirogateway.sim;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.VirtualThreads;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running Kiro simulator on 127.0.0.1 (plain HTTP/1.1). Chat calls answer with the next {@link
 * #enqueue enqueued} {@link Scenario}, or with the deterministic demo model when none is queued.
 * Every request is recorded. Thread-safe; close it when done.
 *
 * <pre>{@code
 * try (KiroSimulator sim = KiroSimulator.start(SimulatorOptions.defaults())) {
 *   String token = sim.issueAccessToken(Duration.ofHours(1));
 *   sim.enqueue(Scenario.HttpError.modelTemporarilyUnavailable(), 2); // then the demo model
 *   // point KIRO_API_BASE_URL (and the OIDC / desktop base URLs) at sim.baseUrl()
 * }
 * }</pre>
 *
 * <p>Client disconnects are noticed at the next write or, during a pause, within about 10 ms.
 */
public final class KiroSimulator implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(KiroSimulator.class);

  private final SimulatorOptions options;
  private final TokenStore tokens;
  private final Server server;
  private final ConcurrentLinkedDeque<Scenario> scenarios = new ConcurrentLinkedDeque<>();
  private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
  private final AtomicInteger aborts = new AtomicInteger();
  private final Semaphore abortSignal = new Semaphore(0);
  private final AtomicLong streams = new AtomicLong();
  private volatile KiroRequestValidator validator;
  private URI baseUrl = URI.create("http://127.0.0.1:0");

  private KiroSimulator(SimulatorOptions options) {
    this.options = options;
    this.tokens = new TokenStore(options.clock(), options.refreshMode(), options.expiresIn());
    this.validator =
        new KiroRequestValidator(
            KiroRequestValidator.Rules.from(options, options.profileArnMode()));
    QueuedThreadPool pool = new QueuedThreadPool();
    pool.setName("kiro-sim");
    pool.setVirtualThreadsExecutor(VirtualThreads.getDefaultVirtualThreadsExecutor());
    this.server = new Server(pool);
    HttpConfiguration http = new HttpConfiguration();
    http.setSendServerVersion(false);
    ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
    connector.setHost("127.0.0.1");
    connector.setPort(options.port());
    server.addConnector(connector);
    server.setHandler(new SimHandler(this));
  }

  /** Starts a simulator; fails with {@link IllegalStateException} if the port cannot be bound. */
  public static KiroSimulator start(SimulatorOptions options) {
    KiroSimulator sim = new KiroSimulator(options);
    try {
      sim.server.start();
    } catch (Exception e) {
      sim.close();
      throw new IllegalStateException(
          "cannot start the Kiro simulator on port " + options.port(), e);
    }
    int port = ((ServerConnector) sim.server.getConnectors()[0]).getLocalPort();
    sim.baseUrl = URI.create("http://127.0.0.1:" + port);
    LOG.info("Kiro simulator listening on {}", sim.baseUrl);
    return sim;
  }

  /** Starts with {@link SimulatorOptions#demo()} on {@code port} (0 = any free port). */
  public static KiroSimulator startDemo(int port) {
    return start(SimulatorOptions.demo().withPort(port));
  }

  /** E.g. {@code http://127.0.0.1:40123}; every endpoint hangs off it. */
  public URI baseUrl() {
    return baseUrl;
  }

  public SimulatorOptions options() {
    return options;
  }

  /** Scripts the reply to the next chat call that passes auth and validation (FIFO). */
  public void enqueue(Scenario scenario) {
    scenarios.addLast(scenario);
  }

  /** Enqueues {@code scenario} {@code times} times (e.g. "503 twice, then success"). */
  public void enqueue(Scenario scenario, int times) {
    for (int i = 0; i < times; i++) {
      enqueue(scenario);
    }
  }

  /** Scenarios not yet consumed. */
  public int pendingScenarios() {
    return scenarios.size();
  }

  /** Every request received so far, in arrival order. */
  public List<RecordedRequest> requests() {
    return List.copyOf(new ArrayList<>(requests));
  }

  public void clearRequests() {
    requests.clear();
  }

  /** A new access token the chat endpoint accepts until {@code ttl} has passed. */
  public String issueAccessToken(Duration ttl) {
    return tokens.issueAccessToken(ttl);
  }

  /** Makes {@code token} expired from now on. */
  public void expireAccessToken(String token) {
    tokens.expire(token);
  }

  /** Forgets every issued access token. */
  public void revokeAll() {
    tokens.revokeAll();
  }

  /** The next {@code n} chat calls answer 403 {@code User is not authorized to make this call.} */
  public void failNextWithNotAuthorized(int n) {
    tokens.failNextWithNotAuthorized(n);
  }

  /** A refresh token {@code POST /refreshToken} (desktop/social flow) accepts. */
  public void registerDesktopRefreshToken(String refreshToken) {
    tokens.registerDesktop(refreshToken);
  }

  /** An OIDC client and one of its refresh tokens, for {@code POST /token}. */
  public void registerOidcClient(String clientId, String clientSecret, String refreshToken) {
    tokens.registerOidc(clientId, clientSecret, refreshToken);
  }

  /** Changes what the refresh endpoints do with refresh tokens from the next call on. */
  public void refreshMode(RefreshMode mode) {
    tokens.mode(mode);
  }

  /** The {@code expiresIn} the refresh endpoints return (and the new tokens' lifetime). */
  public void expiresIn(Duration expiresIn) {
    tokens.expiresIn(expiresIn);
  }

  /** Changes how the chat endpoint treats {@code profileArn} from the next call on. */
  public void profileArnMode(ProfileArnMode mode) {
    validator = new KiroRequestValidator(KiroRequestValidator.Rules.from(options, mode));
  }

  /** Calls to both refresh endpoints. */
  public int refreshCalls() {
    return desktopRefreshCalls() + oidcRefreshCalls();
  }

  public int desktopRefreshCalls() {
    return tokens.desktopCalls();
  }

  public int oidcRefreshCalls() {
    return tokens.oidcCalls();
  }

  /** Streams whose client disconnected before the reply was fully written. */
  public int clientAborts() {
    return aborts.get();
  }

  /** Waits for a client disconnect not yet awaited; true if one happened within {@code timeout}. */
  public boolean awaitClientAbort(Duration timeout) throws InterruptedException {
    return abortSignal.tryAcquire(timeout.toNanos(), TimeUnit.NANOSECONDS);
  }

  /** Stops the server; in-flight streams are cut. */
  @Override
  public void close() {
    try {
      server.stop();
    } catch (Exception e) {
      LOG.warn("Kiro simulator did not stop cleanly", e);
    }
  }

  TokenStore tokens() {
    return tokens;
  }

  KiroRequestValidator validator() {
    return validator;
  }

  void record(RecordedRequest request) {
    requests.add(request);
  }

  Optional<Scenario> nextScenario() {
    return Optional.ofNullable(scenarios.pollFirst());
  }

  /** A per-stream generator, so random splits are reproducible for a given seed and call order. */
  Random nextRandom() {
    return new Random(options.seed() + streams.getAndIncrement());
  }

  void onClientAbort() {
    aborts.incrementAndGet();
    abortSignal.release();
  }
}
