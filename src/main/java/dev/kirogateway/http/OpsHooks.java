package dev.kirogateway.http;

import dev.kirogateway.debug.Capture;
import dev.kirogateway.metrics.Metrics;
import java.util.function.Function;

/**
 * The operational hooks the server feeds.
 *
 * @param metrics where request, stream and error counts go; served at {@code /metrics}
 * @param metricsPublic serve {@code /metrics} without the API key ({@code METRICS_PUBLIC})
 * @param captures a debug capture for a request id ({@code DEBUG_MODE})
 */
public record OpsHooks(Metrics metrics, boolean metricsPublic, Function<String, Capture> captures) {
  /** No metrics, no captures. */
  public static final OpsHooks NONE = new OpsHooks(Metrics.NONE, false, id -> Capture.NONE);
}
