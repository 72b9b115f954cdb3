package dev.kirogateway.bench;

import java.util.Arrays;

/** Nearest-rank percentiles of a set of durations, in nanoseconds. */
record Dist(long p50, long p99, long max, int n) {
  static final Dist EMPTY = new Dist(0, 0, 0, 0);

  static Dist of(long[] values) {
    if (values.length == 0) {
      return EMPTY;
    }
    long[] v = values.clone();
    Arrays.sort(v);
    return new Dist(rank(v, 0.50), rank(v, 0.99), v[v.length - 1], v.length);
  }

  private static long rank(long[] sorted, double q) {
    int i = (int) Math.ceil(q * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
  }

  /** This minus {@code base}, percentile by percentile. */
  Dist minus(Dist base) {
    return new Dist(p50 - base.p50, p99 - base.p99, max - base.max, n);
  }
}
