package dev.kirogateway.e2e;

import dev.kirogateway.Gateway;
import dev.kirogateway.config.Settings;
import dev.kirogateway.sim.KiroSimulator;
import dev.kirogateway.sim.RecordedRequest;
import dev.kirogateway.sim.SimulatorOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * A real gateway (built by the production composition root) wired to a real Kiro simulator on
 * loopback, with a refresh token the simulator knows, so every request goes through the real
 * refresh, request-building, HTTP and decoding code.
 */
final class GatewayHarness implements AutoCloseable {
  static final String API_KEY = "test-gateway-key";
  static final String REFRESH_TOKEN = "aorTestRefreshToken0001";

  private final KiroSimulator simulator;
  private final Gateway gateway;

  private final List<Duration> sleeps;
  private final Path dataDir;

  private GatewayHarness(
      KiroSimulator simulator, Gateway gateway, List<Duration> sleeps, Path dataDir) {
    this.simulator = simulator;
    this.gateway = gateway;
    this.sleeps = sleeps;
    this.dataDir = dataDir;
  }

  /** The retry waits the gateway asked for (recorded, not slept). */
  List<Duration> sleeps() {
    return sleeps;
  }

  /**
   * The simulator checks every §2.2 header exactly (content type without charset, target, user
   * agents …) and rejects empty content and unknown body fields, as the strictest Kiro would.
   */
  static GatewayHarness start(Map<String, String> overrides) {
    return start(SimulatorOptions.defaults().withStrictHeaders(true).withStrictBody(true), overrides);
  }

  static GatewayHarness start(SimulatorOptions options, Map<String, String> overrides) {
    return start(options, sim -> overrides);
  }

  /** As {@link #start(SimulatorOptions, Map)}, with overrides that may use the started simulator. */
  static GatewayHarness start(
      SimulatorOptions options, Function<KiroSimulator, Map<String, String>> overridesFor) {
    KiroSimulator sim = KiroSimulator.start(options);
    Map<String, String> overrides = overridesFor.apply(sim);
    sim.registerDesktopRefreshToken(REFRESH_TOKEN);
    Map<String, String> env = new LinkedHashMap<>();
    env.put("PROXY_API_KEY", API_KEY);
    env.put("SERVER_PORT", "0");
    env.put("KIRO_API_BASE_URL", sim.baseUrl().toString());
    env.put("KIRO_DESKTOP_AUTH_BASE_URL", sim.baseUrl().toString());
    env.put("KIRO_OIDC_BASE_URL", sim.baseUrl().toString());
    env.put("KIRO_MANAGEMENT_BASE_URL", sim.baseUrl().toString());
    env.put("REFRESH_TOKEN", REFRESH_TOKEN);
    env.put("PROFILE_ARN", "arn:aws:codewhisperer:us-east-1:123456789012:profile/TEST");
    env.putAll(overrides);
    Path dataDir = null;
    try {
      if (!env.containsKey("DATA_DIR")) {
        // the response store must never touch the real ~/.kiro-gateway
        dataDir = Files.createTempDirectory("kgw-data");
        env.put("DATA_DIR", dataDir.toString());
      }

      List<Duration> sleeps = new CopyOnWriteArrayList<>();
      Gateway gw = Gateway.start(Settings.layered(env), Path.of("target", "no-home"), sleeps::add);
      return new GatewayHarness(sim, gw, sleeps, dataDir);
    } catch (IOException e) {
      sim.close();
      throw new UncheckedIOException(e);
    } catch (RuntimeException e) {
      sim.close();
      deleteTree(dataDir);
      throw e;
    }
  }

  String baseUrl() {
    return gateway.baseUrl().toString();
  }

  String apiKey() {
    return API_KEY;
  }

  /**
   * The generateAssistantResponse calls the simulator received: token refreshes and the usage
   * lookups the account pool makes in the background (e.g. after a quota error) are left out.
   */
  List<RecordedRequest> kiroCalls() {
    return simulator.requests().stream()
        .filter(
            r ->
                r.header("x-amz-target")
                    .map(t -> t.endsWith(".GenerateAssistantResponse"))
                    .orElse(r.path().equals("/generateAssistantResponse")))
        .toList();
  }

  /**
   * Waits (bounded) until no request is in flight: the gateway records a request (metrics,
   * dashboard, debug capture) just after the client already has its response.
   */
  void awaitIdle() {
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (gateway.server().inFlight() > 0 && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
  }

  KiroSimulator simulator() {
    return simulator;
  }

  Gateway gateway() {
    return gateway;
  }

  @Override
  public void close() {
    gateway.close();
    simulator.close();
    deleteTree(dataDir);
  }

  private static void deleteTree(Path dir) {
    if (dir == null) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temp folder left behind is harmless
    }
  }
}
