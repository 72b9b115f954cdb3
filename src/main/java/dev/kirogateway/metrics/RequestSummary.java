package dev.kirogateway.metrics;

import java.time.Instant;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * What one client request did, as the request log saw it.
 *
 * @param id the gateway's request id ({@code x-request-id})
 * @param method HTTP method
 * @param path request path
 * @param api "openai", "anthropic" or "other"
 * @param model the model the client asked for, "-" when none
 * @param stream whether the client asked for a stream
 * @param status HTTP status sent (200 for a stream that later failed in-band)
 * @param startedAt when the request arrived
 * @param ttftMillis time to the first reply content, when there was any
 * @param durationMillis time until the request finished
 * @param inputTokens input tokens, -1 when unknown
 * @param outputTokens output tokens, -1 when unknown
 * @param credits Kiro credits used, when Kiro reported them
 * @param outcome the error kind in lower case ("rate_limited"), empty when it succeeded
 */
public record RequestSummary(
    String id,
    String method,
    String path,
    String api,
    String model,
    boolean stream,
    int status,
    Instant startedAt,
    OptionalLong ttftMillis,
    long durationMillis,
    int inputTokens,
    int outputTokens,
    OptionalDouble credits,
    String outcome) {

  /** True when the client got an error, as a status or in-band in a stream. */
  public boolean failed() {
    return status >= 400 || !outcome.isEmpty();
  }
}
