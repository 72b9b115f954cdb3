package dev.kirogateway.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

/**
 * A minimal property-test runner: runs a check for N tries, each with its own seeded
 * {@link Random}. There is no shrinking: a failure reports the input as generated.
 *
 * <p>{@code -Dproperties.tries=N} overrides every call site's default try count; longer fuzz
 * runs: {@code ./mvnw -B -ntp verify -Dproperties.tries=5000} (surefire hands -D user properties
 * to its forked JVM). {@code -Dproperties.seed=S} sets the base seed: by default a fixed constant,
 * so CI is reproducible; {@code random} picks a new one per run. Try {@code i} uses the seed
 * {@link #seedOf seedOf(base, i)}, and try 0 the base itself: a failure names its exact seed, and
 * {@code -Dproperties.seed=S -Dproperties.tries=1} replays just that input.
 */
public final class Properties {
  /** The fixed default base seed; any constant works, it only has to stay the same. */
  public static final long DEFAULT_SEED = 0x6b69726f67617465L;
  private static final long GOLDEN = 0x9e3779b97f4a7c15L; // spreads neighbouring tries' seeds
  private static final long[] EDGE_LONGS = {0, 1, -1, Long.MIN_VALUE, Long.MAX_VALUE};

  private Properties() {}

  /** A property body; it may throw anything, which counts as a failure. */
  @FunctionalInterface
  public interface Check {
    void run(Random random) throws Exception;
  }

  /** Runs {@code check} for the configured tries (default {@code defaultTries}). */
  public static void check(String name, int defaultTries, Check check) {
    String tries = System.getProperty("properties.tries", "").trim();
    String seed = System.getProperty("properties.seed", "").trim();
    long base = seed.isEmpty() ? DEFAULT_SEED
        : seed.equals("random") ? new Random().nextLong() : Long.parseLong(seed);
    run(name, tries.isEmpty() ? defaultTries : Integer.parseInt(tries), base, check);
  }

  /** Runs {@code check} exactly {@code tries} times from base seed {@code base}. */
  public static void run(String name, int tries, long base, Check check) {
    for (int i = 0; i < tries; i++) {
      long seed = seedOf(base, i);
      try {
        check.run(new Random(seed));
      } catch (Throwable t) {
        throw new AssertionError(String.format(
            "property %s failed on try %d of %d with seed %d; replay it with"
                + " -Dproperties.seed=%d -Dproperties.tries=1 (and -Dtest=Class#method): %s",
            name, i, tries, seed, seed, t), t);
      }
    }
  }

  /** The seed of try {@code index} for base seed {@code base}. */
  public static long seedOf(long base, int index) {
    return base + index * GOLDEN;
  }

  /** A uniform int in {@code [min, max]}. */
  public static int between(Random r, int min, int max) {
    return min + r.nextInt(max - min + 1);
  }

  /** Any long, with 0, ±1 and the extremes more often than chance, as those break code most. */
  public static long anyLong(Random r) {
    return r.nextInt(8) == 0 ? EDGE_LONGS[r.nextInt(EDGE_LONGS.length)] : r.nextLong();
  }

  /** One of the values, uniformly. */
  @SafeVarargs
  public static <T> T oneOf(Random r, T... values) {
    return values[r.nextInt(values.length)];
  }

  /** One of the values, uniformly. */
  public static <T> T oneOf(Random r, List<T> values) {
    return values.get(r.nextInt(values.size()));
  }

  /** An index into {@code weights}, chosen with probability proportional to its weight. */
  public static int weighted(Random r, int... weights) {
    int total = 0;
    for (int w : weights) {
      total += w;
    }
    int x = r.nextInt(total);
    int i = 0;
    while (x >= weights[i]) {
      x -= weights[i++];
    }
    return i;
  }

  /** A list of {@code min..max} elements; the extreme sizes come up more often than chance. */
  public static <T> List<T> listOf(Random r, int min, int max, Function<Random, T> element) {
    int size = size(r, min, max);
    List<T> out = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      out.add(element.apply(r));
    }
    return out;
  }

  private static int size(Random r, int min, int max) {
    return r.nextInt(6) == 0 ? (r.nextBoolean() ? min : max) : between(r, min, max);
  }

  /** Random bytes, {@code 0..maxLength} of them. */
  public static byte[] bytes(Random r, int maxLength) {
    byte[] b = new byte[size(r, 0, maxLength)];
    r.nextBytes(b);
    return b;
  }

  /** Text of 0..max whole code points: ASCII, controls, Latin-1+, CJK and 4-byte UTF-8 emoji. */
  public static String text(Random r, int maxCodePoints) {
    StringBuilder b = new StringBuilder();
    for (int cp : listOf(r, 0, maxCodePoints, Properties::codePoint)) {
      b.appendCodePoint(cp);
    }
    return b.toString();
  }

  private static int codePoint(Random r) {
    return switch (weighted(r, 6, 1, 2, 2, 2)) {
      case 0 -> between(r, 0x20, 0x7e);
      case 1 -> between(r, 0, 0x1f);
      case 2 -> between(r, 0xa0, 0x17f);
      case 3 -> between(r, 0x4e00, 0x4fff);
      default -> between(r, 0x1f300, 0x1f64f);
    };
  }

  /** {@code bytes} cut at random places into chunks of 1..maxChunk bytes, in order. */
  public static List<byte[]> chunks(Random r, byte[] bytes, int maxChunk) {
    List<byte[]> out = new ArrayList<>();
    for (int at = 0; at < bytes.length; ) {
      int n = Math.min(between(r, 1, maxChunk), bytes.length - at);
      out.add(java.util.Arrays.copyOfRange(bytes, at, at + n));
      at += n;
    }
    return out;
  }
}
