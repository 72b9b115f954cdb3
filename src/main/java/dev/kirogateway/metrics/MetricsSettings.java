package dev.kirogateway.metrics;

import dev.kirogateway.config.Settings;

/**
 * Metrics settings.
 *
 * @param metricsPublic serve {@code /metrics} without the API key ({@code METRICS_PUBLIC}, false),
 *     for a Prometheus scraper that cannot send it
 */
public record MetricsSettings(boolean metricsPublic) {

  public static MetricsSettings from(Settings s) {
    return new MetricsSettings(s.bool("METRICS_PUBLIC", false));
  }
}
