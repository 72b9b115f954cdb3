package dev.kirogateway.chat;

import java.util.Objects;

/**
 * The reply stream a backend produces, in order. Contract:
 *
 * <ol>
 *   <li>{@link Start} comes first, once, and only when the first content-bearing upstream event
 *       arrived; a failure before it becomes a plain error response (nothing was sent yet).
 *   <li>Thinking pieces ({@link ThinkingDelta}) form one block that is closed by exactly one {@link
 *       ThinkingSignature} before any other content event.
 *   <li>Each tool call is {@link ToolCallStart}, zero or more {@link ToolCallDelta}, then {@link
 *       ToolCallEnd}; tool calls never interleave with each other or with text.
 *   <li>{@link Finish} comes last, once, on success. A failure after {@link Start} is thrown as a
 *       {@link ChatException} instead of {@link Finish}.
 * </ol>
 */
public sealed interface ChatEvent {

  /** The reply begins; {@code inputTokens} is the estimate for the request as sent upstream. */
  record Start(int inputTokens) implements ChatEvent {}

  /** A piece of answer text. */
  record TextDelta(String text) implements ChatEvent {
    public TextDelta {
      Objects.requireNonNull(text, "text");
    }
  }

  /** A piece of reasoning text. */
  record ThinkingDelta(String text) implements ChatEvent {
    public ThinkingDelta {
      Objects.requireNonNull(text, "text");
    }
  }

  /** Closes the current thinking block; {@code signature} is upstream's or the gateway's own. */
  record ThinkingSignature(String signature) implements ChatEvent {
    public ThinkingSignature {
      Objects.requireNonNull(signature, "signature");
    }
  }

  /** Encrypted reasoning that only the upstream can read (Anthropic {@code redacted_thinking}). */
  record RedactedThinking(String data) implements ChatEvent {
    public RedactedThinking {
      Objects.requireNonNull(data, "data");
    }
  }

  /** A tool call begins; {@code name} is the client's original tool name. */
  record ToolCallStart(String id, String name) implements ChatEvent {
    public ToolCallStart {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(name, "name");
    }
  }

  /** A raw fragment of the tool call's JSON arguments, as the upstream sent it. */
  record ToolCallDelta(String fragment) implements ChatEvent {
    public ToolCallDelta {
      Objects.requireNonNull(fragment, "fragment");
    }
  }

  /**
   * The current tool call ends. {@code arguments} is the whole argument JSON text ({@code "{}"}
   * when empty); {@code complete} is false when it was cut off or is not a valid JSON object.
   */
  record ToolCallEnd(String arguments, boolean complete) implements ChatEvent {
    public ToolCallEnd {
      Objects.requireNonNull(arguments, "arguments");
    }
  }

  /** The reply ended normally (possibly truncated: see {@link StopReason#MAX_TOKENS}). */
  record Finish(StopReason reason, Usage usage) implements ChatEvent {
    public Finish {
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(usage, "usage");
    }
  }
}
