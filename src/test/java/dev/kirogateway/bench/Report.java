package dev.kirogateway.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.kirogateway.bench.LoadClient.Api;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Formats {@link Results}: the Markdown tables of docs/BENCHMARKS.md, JSON, and the targets. */
final class Report {
  private Report() {}

  /** One target of the issue and whether this run met it. */
  record Target(String name, String goal, String measured, boolean met) {}

  static List<Target> targets(Results r) {
    List<Target> t = new ArrayList<>();
    int c = r.config().targetStreams();
    for (Api api : List.of(Api.OPENAI, Api.ANTHROPIC)) {
      r.latency(api, c)
          .ifPresent(
              p -> {
                Dist added = p.ttft().minus(r.latency(Api.DIRECT, c).orElseThrow().ttft());
                t.add(target("added TTFT p50, " + api.label() + ", " + c + " streams", "≤ 1 ms", ms(added.p50()), added.p50() <= 1_000_000));
                t.add(target("added TTFT p99, " + api.label() + ", " + c + " streams", "≤ 5 ms", ms(added.p99()), added.p99() <= 5_000_000));
              });
    }
    PhaseResult direct = r.peak(Api.DIRECT);
    for (Api api : List.of(Api.OPENAI, Api.ANTHROPIC)) {
      PhaseResult g = r.peak(api);
      double ratio = g.requestsPerSecond() / direct.requestsPerSecond();
      t.add(target("peak throughput, " + api.label() + " / direct", "≥ 50 %", pct(ratio), ratio >= 0.5));
    }
    Results.Slow s = r.slow();
    t.add(target(s.streams() + " slow streams: errors", "0", Integer.toString(s.errors()), s.errors() == 0 && s.held() == s.streams()));
    t.add(target(s.streams() + " slow streams: heap after GC", "≤ 256 MB", mb(s.heapBytes()), s.heapBytes() <= 256L << 20));
    Results.Startup st = r.startup();
    Dist best = st.aotNanos().isEmpty() ? st.plain() : st.aot();
    t.add(target("start to first served request (median" + (st.aotNanos().isEmpty() ? "" : ", AOT cache") + ")", "≤ 1 s", ms(best.p50()), best.p50() <= 1_000_000_000L));
    t.add(target("errors in the whole run", "0", Integer.toString(r.totalErrors()), r.totalErrors() == 0));
    return t;
  }

  private static Target target(String name, String goal, String measured, boolean met) {
    return new Target(name, goal, measured, met);
  }

  static String markdown(Results r) {
    StringBuilder b = new StringBuilder();
    b.append("Machine: ").append(r.machine()).append("\n\n");
    b.append(String.format(Locale.ROOT, "Replies: %d content frames each (text / thinking + text / text + tool call, round-robin), %.1f cl100k tokens on average.%n%n", r.config().framesPerReply(), r.meanTokens()));
    b.append("### Targets\n\n| target | goal | measured | met |\n|---|---|---|---|\n");
    for (Target t : targets(r)) {
      b.append("| ").append(t.name()).append(" | ").append(t.goal()).append(" | ").append(t.measured()).append(" | ").append(t.met() ? "yes" : "**no**").append(" |\n");
    }
    b.append("\n### Latency with the realistic upstream (time to first token and end to end; added = gateway − direct, percentile by percentile)\n\n");
    b.append("| streams | path | requests | errors | TTFT p50 | TTFT p99 | TTFT max | added p50 | added p99 | added max | e2e p50 | e2e p99 | added e2e p50 | added e2e p99 | gateway RSS |\n");
    b.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
    for (PhaseResult p : r.latency()) {
      PhaseResult d = r.latency(Api.DIRECT, p.concurrency()).orElseThrow();
      boolean base = p.api() == Api.DIRECT;
      Dist addT = p.ttft().minus(d.ttft());
      Dist addE = p.e2e().minus(d.e2e());
      b.append(row(
          Integer.toString(p.concurrency()), p.api().label(), Integer.toString(p.samples()), Integer.toString(p.errors()),
          ms(p.ttft().p50()), ms(p.ttft().p99()), ms(p.ttft().max()),
          base ? "–" : ms(addT.p50()), base ? "–" : ms(addT.p99()), base ? "–" : ms(addT.max()),
          ms(p.e2e().p50()), ms(p.e2e().p99()),
          base ? "–" : ms(addE.p50()), base ? "–" : ms(addE.p99()),
          base ? "–" : mb(p.rssBytes())));
    }
    b.append("\n### Throughput with the no-delay upstream (closed loop; CPU per 1,000 streamed tokens)\n\n");
    b.append("| streams | path | req/s | tokens/s | × direct | TTFT p50 | e2e p50 | path CPU s/1k tok | kernel share | × direct | all processes CPU s/1k tok | × direct | errors |\n");
    b.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
    for (PhaseResult p : r.saturation()) {
      PhaseResult d = r.saturation(Api.DIRECT, p.concurrency()).orElseThrow();
      boolean base = p.api() == Api.DIRECT;
      b.append(row(
          Integer.toString(p.concurrency()), p.api().label(), num(p.requestsPerSecond(), 0), num(p.tokensPerSecond(), 0),
          base ? "1" : num(p.requestsPerSecond() / d.requestsPerSecond(), 2),
          ms(p.ttft().p50()), ms(p.e2e().p50()),
          num(p.pathCpuPer1k(), 4), pct(p.pathSysShare()),
          base ? "1" : num(p.pathCpuPer1k() / d.pathCpuPer1k(), 2),
          num(p.totalCpuPer1k(), 4), base ? "1" : num(p.totalCpuPer1k() / d.totalCpuPer1k(), 2),
          Integer.toString(p.errors())));
    }
    b.append("\n(path CPU: the gateway process for gateway rows; for the direct rows the load generator, whose only work then is the event-stream client.)\n");
    Results.Slow s = r.slow();
    b.append("\n### Slow streams (one token a second, half OpenAI, half Anthropic)\n\n");
    b.append("| streams | open when measured | errors | heap after GC idle | heap after GC at N | per stream | RSS idle | RSS at N | per stream |\n|---|---|---|---|---|---|---|---|---|\n");
    b.append(row(Integer.toString(s.streams()), Integer.toString(s.held()), Integer.toString(s.errors()),
        mb(s.idleHeapBytes()), mb(s.heapBytes()), kb((s.heapBytes() - s.idleHeapBytes()) / Math.max(1, s.held())),
        mb(s.idleRssBytes()), mb(s.rssBytes()), kb((s.rssBytes() - s.idleRssBytes()) / Math.max(1, s.held()))));
    Results.Startup st = r.startup();
    b.append("\n### Start to first served request (`GET /v1/models` → 200, polled every 2 ms)\n\n");
    b.append("| variant | runs | median | min–max |\n|---|---|---|---|\n");
    b.append(row("plain `java -jar`", Integer.toString(st.plainNanos().size()), ms(st.plain().p50()), range(st.plainNanos())));
    if (!st.aotNanos().isEmpty()) {
      b.append(row("with `-XX:AOTCache` (" + mb(st.aotCacheBytes()) + ")", Integer.toString(st.aotNanos().size()), ms(st.aot().p50()), range(st.aotNanos())));
    }
    b.append("\n").append(st.note()).append("\n");
    List<String> errors = new ArrayList<>(s.errorSamples());
    r.latency().forEach(p -> errors.addAll(p.errorSamples()));
    r.saturation().forEach(p -> errors.addAll(p.errorSamples()));
    if (!errors.isEmpty()) {
      b.append("\nError samples: ").append(errors.stream().distinct().limit(10).toList()).append('\n');
    }
    return b.toString();
  }

  static String json(Results r) {
    try {
      ObjectMapper m = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
      // the config holds java.time values, which plain Jackson refuses: keep it as text
      var root = m.createObjectNode();
      root.put("machine", r.machine());
      root.put("config", r.config().toString());
      root.put("meanTokens", r.meanTokens());
      root.set("latency", m.valueToTree(r.latency()));
      root.set("saturation", m.valueToTree(r.saturation()));
      root.set("slow", m.valueToTree(r.slow()));
      root.set("startup", m.valueToTree(r.startup()));
      root.set("targets", m.valueToTree(targets(r)));
      return m.writeValueAsString(root);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static String row(String... cells) {
    return "| " + String.join(" | ", cells) + " |\n";
  }

  private static String range(List<Long> nanos) {
    long min = nanos.stream().mapToLong(Long::longValue).min().orElse(0);
    long max = nanos.stream().mapToLong(Long::longValue).max().orElse(0);
    return ms(min) + "–" + ms(max);
  }

  static String ms(long nanos) {
    double ms = nanos / 1e6;
    return String.format(Locale.ROOT, Math.abs(ms) < 10 ? "%.2f ms" : "%.0f ms", ms);
  }

  static String mb(long bytes) {
    return String.format(Locale.ROOT, "%.1f MB", bytes / 1024.0 / 1024.0);
  }

  static String kb(long bytes) {
    return String.format(Locale.ROOT, "%.1f KB", bytes / 1024.0);
  }

  static String pct(double ratio) {
    return String.format(Locale.ROOT, "%.0f %%", ratio * 100);
  }

  static String num(double v, int decimals) {
    return String.format(Locale.ROOT, "%." + decimals + "f", v);
  }
}
