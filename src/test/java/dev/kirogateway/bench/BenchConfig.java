package dev.kirogateway.bench;

import dev.kirogateway.sim.SimulatorOptions.Latency;
import java.time.Duration;
import java.util.List;

/**
 * What one benchmark run does. {@link #full()} is the run behind docs/BENCHMARKS.md (about seven
 * minutes); {@link #quick()} is the seconds-long run of the test build, which only checks that
 * every figure gets computed.
 *
 * @param name {@code full}, {@code dev} or {@code quick}
 * @param inProcess in-process gateway and upstreams (no jar, no child JVMs)
 * @param warmup closed-loop warm-up per API before anything is recorded
 * @param latencyPhase length of each realistic-latency phase
 * @param latencyLevels concurrent streams of the realistic-latency phases (one phase per API)
 * @param saturationPhase length of each no-delay phase
 * @param saturationLevels concurrent streams of the no-delay phases
 * @param framesPerReply content frames in every scripted reply
 * @param realistic the simulator's latency model for the latency phases
 * @param slowStreams streams held open at once in the slow phase
 * @param slowFrames content frames per slow stream
 * @param slowInterval time between the frames of a slow stream (one token a second)
 * @param slowRamp time over which the slow streams are opened
 * @param startupRounds gateway starts measured per variant (plain, AOT cache)
 */
record BenchConfig(
    String name,
    boolean inProcess,
    Duration warmup,
    Duration latencyPhase,
    List<Integer> latencyLevels,
    Duration saturationPhase,
    List<Integer> saturationLevels,
    int framesPerReply,
    Latency realistic,
    int slowStreams,
    int slowFrames,
    Duration slowInterval,
    Duration slowRamp,
    int startupRounds) {

  /** The concurrency at which the TTFT targets apply. */
  static final int TARGET_STREAMS = 100;

  /** The concurrency the TTFT targets are checked at (the largest level in a smoke run). */
  int targetStreams() {
    return latencyLevels.contains(TARGET_STREAMS)
        ? TARGET_STREAMS
        : latencyLevels.get(latencyLevels.size() - 1);
  }

  /** The configuration called {@code name}. */
  static BenchConfig named(String name) {
    return switch (name) {
      case "dev" -> dev();
      case "quick" -> quick();
      default -> full();
    };
  }

  BenchConfig {
    latencyLevels = List.copyOf(latencyLevels);
    saturationLevels = List.copyOf(saturationLevels);
  }

  /**
   * A Claude-like upstream: 0.5 s to the first frame (0.2 s to the headers), then frames of two
   * words each at about 25 frames a second (the simulator's rate counts payload bytes / 4, JSON
   * included, so 20 ms + 33-byte payload at 400/s ~ 40 ms per frame).
   */
  static Latency realisticLatency() {
    return new Latency(Duration.ofMillis(200), Duration.ofMillis(300), Duration.ofMillis(20), 400);
  }

  static BenchConfig full() {
    return new BenchConfig(
        "full",
        false,
        Duration.ofSeconds(6),
        Duration.ofSeconds(10),
        List.of(10, 50, 100, 250),
        Duration.ofSeconds(6),
        List.of(1, 8, 32, 128),
        60,
        realisticLatency(),
        5000,
        30,
        Duration.ofSeconds(1),
        Duration.ofSeconds(8),
        5);
  }

  /** A shorter run of the real setup (child JVMs), for developing the benchmark itself. */
  static BenchConfig dev() {
    return new BenchConfig(
        "dev",
        false,
        Duration.ofSeconds(3),
        Duration.ofSeconds(5),
        List.of(10, 100),
        Duration.ofSeconds(4),
        List.of(8, 32),
        60,
        realisticLatency(),
        1000,
        10,
        Duration.ofSeconds(1),
        Duration.ofSeconds(3),
        2);
  }

  static BenchConfig quick() {
    return new BenchConfig(
        "quick",
        true,
        Duration.ofMillis(300),
        Duration.ofMillis(800),
        List.of(2),
        Duration.ofMillis(600),
        List.of(2),
        12,
        new Latency(Duration.ofMillis(5), Duration.ofMillis(5), Duration.ofMillis(1), 0),
        6,
        3,
        Duration.ofMillis(200),
        Duration.ofMillis(100),
        1);
  }
}
