package dev.kirogateway.metrics;

import dev.kirogateway.chat.ErrorKind;

/**
 * Records what the gateway does, for {@code /metrics}. Implementations are thread-safe and never
 * throw; {@link #NONE} records nothing (for tests and tools that do not care).
 */
public interface Metrics {
  /** The content type of {@link #scrape()} (Prometheus text format 0.0.4). */
  String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  /** Records nothing; {@link #scrape()} is empty. */
  Metrics NONE = new Metrics() {};

  /** One client request ended (any route the request log covers). */
  default void requestFinished(RequestSummary request) {}

  /** A streaming reply began sending to its client. */
  default void streamStarted() {}

  /** A streaming reply ended, however it ended. */
  default void streamFinished() {}

  /** One upstream attempt failed, or credentials could not be had, classified by kind. */
  default void upstreamError(ErrorKind kind) {}

  /** The backend is trying Kiro again; {@code reason} is a short label such as "backoff". */
  default void retry(String reason) {}

  /** A token refresh ended: "success", "failure" or "adopted" (another program refreshed). */
  default void tokenRefresh(String outcome) {}

  /** The Prometheus text exposition of everything recorded. */
  default String scrape() {
    return "";
  }
}
