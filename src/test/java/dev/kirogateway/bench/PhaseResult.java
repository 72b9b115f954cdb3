package dev.kirogateway.bench;

import dev.kirogateway.bench.LoadClient.Api;
import java.util.List;

/**
 * One closed-loop phase: {@code concurrency} clients of one API for {@code seconds}.
 *
 * @param completed good requests that ended inside the window (throughput counts these)
 * @param samples every request started in the window (latencies are over these)
 * @param pathCpuNanos CPU of the process that does the path's work: the gateway, or for the
 *     direct baseline the load generator (its event-stream decoding client)
 * @param pathSysNanos the kernel part of {@code pathCpuNanos}
 * @param totalCpuNanos CPU of every process of the run (upstream, gateway, load generator)
 * @param tokens cl100k tokens streamed by all good requests of the phase (window and drain)
 */
record PhaseResult(
    String kind,
    Api api,
    int concurrency,
    double seconds,
    int completed,
    int samples,
    int errors,
    List<String> errorSamples,
    Dist ttft,
    Dist e2e,
    double requestsPerSecond,
    double tokensPerSecond,
    long pathCpuNanos,
    long pathSysNanos,
    long totalCpuNanos,
    double tokens,
    long rssBytes) {

  double pathCpuPer1k() {
    return tokens == 0 ? 0 : pathCpuNanos / 1e9 / tokens * 1000;
  }

  double pathSysShare() {
    return pathCpuNanos == 0 ? 0 : (double) pathSysNanos / pathCpuNanos;
  }

  double totalCpuPer1k() {
    return tokens == 0 ? 0 : totalCpuNanos / 1e9 / tokens * 1000;
  }
}
