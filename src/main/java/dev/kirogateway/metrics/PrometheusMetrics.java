package dev.kirogateway.metrics;

import dev.kirogateway.chat.ErrorKind;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@link Metrics} on a Micrometer Prometheus registry. Every name starts with {@code kiro_gateway_}.
 * Histogram buckets are fixed and few (LLM latencies span 0.1 s to minutes), not Micrometer's
 * ~70-bucket default, to keep the scrape small.
 */
public final class PrometheusMetrics implements Metrics {
  static final int MAX_MODELS = 50;

  private static final Duration[] LATENCY_BUCKETS = {
    Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
    Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30),
    Duration.ofSeconds(60), Duration.ofSeconds(120), Duration.ofSeconds(300)
  };

  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final AtomicInteger streams = new AtomicInteger();
  private final Set<String> models = ConcurrentHashMap.newKeySet();

  public PrometheusMetrics() {
    registry.gauge("kiro.gateway.streams.in.flight", streams);
    // pre-register the refresh and error counters so dashboards see zeros, not gaps
    for (String outcome : new String[] {"success", "failure", "adopted"}) {
      refreshCounter(outcome);
    }
  }

  @Override
  public void requestFinished(RequestSummary r) {
    String model = modelLabel(r.model());
    Tags tags = Tags.of("api", r.api(), "model", model);
    Counter.builder("kiro.gateway.requests")
        .description("Client requests by API, model and HTTP status")
        .tags(tags.and("status", Integer.toString(r.status())))
        .register(registry)
        .increment();
    timer("kiro.gateway.request.duration", "Time from request to the end of the reply", tags)
        .record(Duration.ofMillis(r.durationMillis()));
    r.ttftMillis()
        .ifPresent(
            ms ->
                timer("kiro.gateway.time.to.first.token", "Time to the first reply content", tags)
                    .record(Duration.ofMillis(ms)));
    if (r.inputTokens() > 0) {
      tokens(model, "in").increment(r.inputTokens());
    }
    if (r.outputTokens() > 0) {
      tokens(model, "out").increment(r.outputTokens());
    }
    r.credits()
        .ifPresent(
            c ->
                Counter.builder("kiro.gateway.credits.used")
                    .description("Kiro credits used, as Kiro's metering events report them")
                    .tag("model", model)
                    .register(registry)
                    .increment(c));
  }

  @Override
  public void streamStarted() {
    streams.incrementAndGet();
  }

  @Override
  public void streamFinished() {
    streams.decrementAndGet();
  }

  @Override
  public void upstreamError(ErrorKind kind) {
    Counter.builder("kiro.gateway.upstream.errors")
        .description("Failed upstream attempts by error kind")
        .tag("kind", kind.name().toLowerCase(Locale.ROOT))
        .register(registry)
        .increment();
  }

  @Override
  public void retry(String reason) {
    Counter.builder("kiro.gateway.upstream.retries")
        .description("Upstream attempts after the first, by reason")
        .tag("reason", reason)
        .register(registry)
        .increment();
  }

  @Override
  public void tokenRefresh(String outcome) {
    refreshCounter(outcome).increment();
  }

  @Override
  public String scrape() {
    return registry.scrape();
  }

  /**
   * Clients choose model names freely; past {@link #MAX_MODELS} distinct ones the rest count as
   * "other", so a misbehaving client cannot grow the scrape without bound.
   */
  private String modelLabel(String model) {
    String m = model.length() > 80 ? model.substring(0, 80) : model;
    if (models.contains(m) || (models.size() < MAX_MODELS && models.add(m))) {
      return m;
    }
    return "other";
  }

  private Counter refreshCounter(String outcome) {
    return Counter.builder("kiro.gateway.token.refreshes")
        .description("Kiro access token refreshes by outcome")
        .tag("outcome", outcome)
        .register(registry);
  }

  private Counter tokens(String model, String direction) {
    return Counter.builder("kiro.gateway.tokens")
        .description("Tokens in (prompt) and out (completion)")
        .tags("model", model, "direction", direction)
        .register(registry);
  }

  private Timer timer(String name, String description, Tags tags) {
    return Timer.builder(name)
        .description(description)
        .tags(tags)
        .serviceLevelObjectives(LATENCY_BUCKETS)
        .register(registry);
  }
}
