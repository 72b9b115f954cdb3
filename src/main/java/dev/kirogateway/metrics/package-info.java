/**
 * Operational metrics behind a small recorder interface ({@link dev.kirogateway.metrics.Metrics}),
 * so {@code http}, {@code kiro} and {@code credentials} count what happens without knowing
 * Micrometer; {@link dev.kirogateway.metrics.PrometheusMetrics} is the one implementation that
 * does. May import: chat, config.
 */
package dev.kirogateway.metrics;
