package dev.kirogateway.bench;

import dev.kirogateway.sim.KiroSimulator;
import dev.kirogateway.sim.Scenario;
import dev.kirogateway.sim.SimulatorOptions;
import dev.kirogateway.sim.SimulatorOptions.Chunking;
import dev.kirogateway.sim.SimulatorOptions.Latency;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The three upstreams of a run: the Kiro simulator with the realistic latency model, the
 * simulator with no delays (saturation), and the {@link SlowUpstream}. Both simulators answer
 * with the {@link ReplyMix}, kept queued by a timer (their demo model would answer otherwise),
 * and their request logs are cleared so that a long run does not grow them.
 *
 * <p>{@link #main} runs them in their own JVM and prints their URLs, so the benchmark can read
 * the CPU time of each process separately.
 */
final class Upstreams implements AutoCloseable {
  static final String REFRESH_TOKEN = "aorBenchRefreshToken0001";
  private static final int LOW_WATER = 2000;

  private final KiroSimulator realistic;
  private final KiroSimulator fast;
  private final SlowUpstream slow;
  private final List<Scenario> mix;
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          r -> Thread.ofPlatform().daemon().name("mix-top-up").unstarted(r));
  private long next;

  private Upstreams(BenchConfig config, ReplyMix mix) {
    this.mix = mix.scenarios();
    realistic = simulator(config.realistic());
    fast = simulator(Latency.NONE);
    slow = SlowUpstream.start(config.slowFrames(), config.slowInterval());
    topUp();
    timer.scheduleWithFixedDelay(this::topUp, 10, 10, TimeUnit.MILLISECONDS);
  }

  static Upstreams start(BenchConfig config, ReplyMix mix) {
    return new Upstreams(config, mix);
  }

  private static KiroSimulator simulator(Latency latency) {
    KiroSimulator sim =
        KiroSimulator.start(
            SimulatorOptions.defaults()
                .withRequireAuth(false)
                .withLatency(latency)
                .withChunking(Chunking.WHOLE_FRAMES)
                .withInitialResponse(true));
    sim.registerDesktopRefreshToken(REFRESH_TOKEN);
    return sim;
  }

  private synchronized void topUp() {
    for (KiroSimulator sim : List.of(realistic, fast)) {
      sim.clearRequests();
      if (sim.pendingScenarios() < LOW_WATER) {
        for (int i = 0; i < LOW_WATER; i++) {
          sim.enqueue(mix.get((int) (next++ % mix.size())));
        }
      }
    }
  }

  URI realistic() {
    return realistic.baseUrl();
  }

  URI fast() {
    return fast.baseUrl();
  }

  URI slow() {
    return slow.baseUrl();
  }

  @Override
  public void close() {
    timer.shutdownNow();
    realistic.close();
    fast.close();
    slow.close();
  }

  /** {@code Upstreams full|dev|quick}: prints one line with the three URLs, runs until stdin closes. */
  public static void main(String[] args) throws IOException {
    BenchConfig config = BenchConfig.named(args.length > 0 ? args[0] : "full");
    try (Upstreams u = start(config, ReplyMix.of(config.framesPerReply()))) {
      System.out.println("UPSTREAMS " + u.realistic() + " " + u.fast() + " " + u.slow());
      System.out.flush();
      while (System.in.read() >= 0) {
        // the benchmark closes our stdin when it is done (or dies)
      }
    }
  }
}
