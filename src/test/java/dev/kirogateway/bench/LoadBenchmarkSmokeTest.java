package dev.kirogateway.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kirogateway.bench.LoadClient.Api;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Runs the load benchmark for a handful of streams, all in this JVM, so that the benchmark code
 * cannot rot: no timing is asserted, only that nothing failed and every figure was computed.
 */
final class LoadBenchmarkSmokeTest {

  @Test
  void computesEveryFigureWithoutErrors() throws Exception {
    Path out = Path.of("target", "bench-smoke");
    Results r = LoadBenchmark.run(BenchConfig.quick(), out, null);

    assertThat(r.totalErrors()).as(Report.markdown(r)).isZero();
    assertThat(r.latency()).hasSize(3);
    assertThat(r.saturation()).hasSize(3);
    for (PhaseResult p : r.latency()) {
      assertThat(p.samples()).as(p.api().label()).isPositive();
      assertThat(p.ttft().p50()).isPositive();
      assertThat(p.ttft().p99()).isGreaterThanOrEqualTo(p.ttft().p50());
      assertThat(p.e2e().max()).isGreaterThanOrEqualTo(p.ttft().max());
    }
    for (PhaseResult p : r.saturation()) {
      assertThat(p.requestsPerSecond()).as(p.api().label()).isPositive();
      assertThat(p.tokensPerSecond()).isPositive();
      assertThat(p.pathCpuNanos()).isPositive();
      assertThat(p.pathCpuPer1k()).isPositive();
    }
    assertThat(r.slow().held()).isEqualTo(r.slow().streams());
    assertThat(r.slow().heapBytes()).isPositive();
    assertThat(r.slow().rssBytes()).isPositive();
    assertThat(r.startup().plain().p50()).isPositive();
    assertThat(r.peak(Api.OPENAI).requestsPerSecond()).isPositive();
    assertThat(Report.targets(r)).hasSize(10);
    assertThat(Files.size(out.resolve("benchmarks.png"))).isPositive();
    assertThat(Files.readString(out.resolve("results.md"))).contains("TTFT p50", "× direct");
    assertThat(Files.readString(out.resolve("results.json"))).contains("\"latency\"");
  }
}
