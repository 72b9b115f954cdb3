package dev.kirogateway.bench;

import dev.kirogateway.bench.LoadClient.Api;
import java.util.List;
import java.util.Optional;

/** Everything one run measured. */
record Results(
    BenchConfig config,
    String machine,
    double meanTokens,
    List<PhaseResult> latency,
    List<PhaseResult> saturation,
    Slow slow,
    Startup startup) {

  /**
   * The slow-stream phase.
   *
   * @param held streams open at once when memory was measured
   */
  record Slow(
      int streams,
      int held,
      int errors,
      List<String> errorSamples,
      long idleHeapBytes,
      long idleRssBytes,
      long heapBytes,
      long rssBytes,
      double seconds) {}

  /** Spawn-to-first-answer times of the plain jar and with the AOT cache (empty if none). */
  record Startup(List<Long> plainNanos, List<Long> aotNanos, long aotCacheBytes, String note) {
    Dist plain() {
      return Dist.of(plainNanos.stream().mapToLong(Long::longValue).toArray());
    }

    Dist aot() {
      return Dist.of(aotNanos.stream().mapToLong(Long::longValue).toArray());
    }
  }

  Optional<PhaseResult> latency(Api api, int concurrency) {
    return latency.stream()
        .filter(p -> p.api() == api && p.concurrency() == concurrency)
        .findFirst();
  }

  Optional<PhaseResult> saturation(Api api, int concurrency) {
    return saturation.stream()
        .filter(p -> p.api() == api && p.concurrency() == concurrency)
        .findFirst();
  }

  /** The phase with the highest request rate for {@code api} among the saturation phases. */
  PhaseResult peak(Api api) {
    return saturation.stream()
        .filter(p -> p.api() == api)
        .max((a, b) -> Double.compare(a.requestsPerSecond(), b.requestsPerSecond()))
        .orElseThrow();
  }

  int totalErrors() {
    int e = slow.errors();
    for (PhaseResult p : latency) {
      e += p.errors();
    }
    for (PhaseResult p : saturation) {
      e += p.errors();
    }
    return e;
  }
}
