package dev.kirogateway.chat;

import java.util.List;
import java.util.Objects;

/** A whole reply, collected from the event stream for non-streaming responses. */
public record Reply(
    String text,
    String thinking,
    String thinkingSignature,
    List<String> redactedThinking,
    List<ToolCall> toolCalls,
    StopReason stopReason,
    Usage usage,
    int inputTokens) {

  public Reply {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(thinking, "thinking");
    Objects.requireNonNull(thinkingSignature, "thinkingSignature");
    redactedThinking = List.copyOf(redactedThinking);
    toolCalls = List.copyOf(toolCalls);
    Objects.requireNonNull(stopReason, "stopReason");
    Objects.requireNonNull(usage, "usage");
  }

  /** One tool call; {@code arguments} is the upstream JSON text, not re-serialised. */
  public record ToolCall(String id, String name, String arguments, boolean complete) {}
}
