package dev.kirogateway.chat;

import java.util.OptionalDouble;

/**
 * Token usage of one reply.
 *
 * @param inputTokens input tokens (upstream figure when Kiro sent one, else a local estimate)
 * @param outputTokens output tokens, same rule
 * @param estimated true when the token figures are local estimates
 * @param credits Kiro credits consumed (from its metering event), never converted to tokens
 * @param contextUsagePercent share of the context window Kiro reported, 0-100
 */
public record Usage(
    int inputTokens,
    int outputTokens,
    boolean estimated,
    OptionalDouble credits,
    OptionalDouble contextUsagePercent) {

  public int totalTokens() {
    return inputTokens + outputTokens;
  }
}
