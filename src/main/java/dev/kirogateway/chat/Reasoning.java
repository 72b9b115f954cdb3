package dev.kirogateway.chat;

import java.util.Objects;
import java.util.OptionalInt;

/** What the client asked for about reasoning; the upstream dialect turns it into a budget. */
public sealed interface Reasoning {

  /** The client said nothing: the gateway's default applies. */
  record Default() implements Reasoning {}

  /** Reasoning explicitly off (Anthropic {@code thinking.type=disabled}). */
  record Off() implements Reasoning {}

  /** An explicit token budget (Anthropic {@code thinking.budget_tokens}). */
  record Budget(int tokens) implements Reasoning {}

  /**
   * An effort level (OpenAI {@code reasoning_effort}: none, minimal, low, medium, high, xhigh) with
   * the client's output-token limit, if any ({@code max_completion_tokens}, else {@code max_tokens}).
   */
  record Effort(String effort, OptionalInt maxOutputTokens) implements Reasoning {
    public Effort {
      Objects.requireNonNull(effort, "effort");
      Objects.requireNonNull(maxOutputTokens, "maxOutputTokens");
    }
  }
}
