package dev.kirogateway.sim;

import dev.kirogateway.config.Settings;
import dev.kirogateway.sim.SimulatorOptions.Chunking;
import dev.kirogateway.sim.SimulatorOptions.Latency;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Configuration of the {@code --demo} simulator, read from env-style keys:
 *
 * <ul>
 *   <li>{@code KIRO_SIM_PORT} (default 0 = any free port)
 *   <li>{@code KIRO_SIM_REQUIRE_AUTH} (default false)
 *   <li>{@code KIRO_SIM_CHUNKING} {@code whole_frames|random_splits|one_byte} (default
 *       random_splits)
 *   <li>{@code KIRO_SIM_FIRST_BYTE_DELAY} seconds (default 0.25)
 *   <li>{@code KIRO_SIM_FRAME_DELAY} seconds between frames (default 0.015)
 *   <li>{@code KIRO_SIM_SEED} seed for random splits (default: time-based)
 * </ul>
 */
public record SimulatorSettings(
    int port,
    boolean requireAuth,
    Chunking chunking,
    Duration firstByteDelay,
    Duration frameDelay,
    long seed) {

  public static SimulatorSettings from(Settings s) {
    List<String> modes =
        List.of(Chunking.values()).stream().map(c -> c.name().toLowerCase(Locale.ROOT)).toList();
    String chunking = s.oneOf("KIRO_SIM_CHUNKING", "random_splits", modes);
    return new SimulatorSettings(
        s.integer("KIRO_SIM_PORT", 0, 0, 65535),
        s.bool("KIRO_SIM_REQUIRE_AUTH", false),
        Chunking.valueOf(chunking.toUpperCase(Locale.ROOT)),
        s.seconds("KIRO_SIM_FIRST_BYTE_DELAY", Duration.ofMillis(250)),
        s.seconds("KIRO_SIM_FRAME_DELAY", Duration.ofMillis(15)),
        s.longValue("KIRO_SIM_SEED", System.nanoTime(), Long.MIN_VALUE, Long.MAX_VALUE));
  }

  /** The demo options with these settings applied. */
  public SimulatorOptions toOptions() {
    Latency base = SimulatorOptions.demo().latency();
    return SimulatorOptions.demo()
        .withPort(port)
        .withRequireAuth(requireAuth)
        .withChunking(chunking)
        .withLatency(new Latency(base.beforeHeaders(), firstByteDelay, frameDelay, 0))
        .withSeed(seed);
  }
}
