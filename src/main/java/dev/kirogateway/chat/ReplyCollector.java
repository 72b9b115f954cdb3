package dev.kirogateway.chat;

import java.util.ArrayList;
import java.util.List;

/** A sink that assembles the event stream into one {@link Reply} (non-streaming responses). */
public final class ReplyCollector implements ReplySink {
  private final StringBuilder text = new StringBuilder();
  private final StringBuilder thinking = new StringBuilder();
  private final List<String> redacted = new ArrayList<>();
  private final List<Reply.ToolCall> toolCalls = new ArrayList<>();
  private String signature = "";
  private String toolId;
  private String toolName;
  private int inputTokens;
  private boolean started;
  private Reply reply;

  @Override
  public void accept(ChatEvent event) {
    switch (event) {
      case ChatEvent.Start s -> {
        started = true;
        inputTokens = s.inputTokens();
      }
      case ChatEvent.TextDelta t -> text.append(t.text());
      case ChatEvent.ThinkingDelta t -> thinking.append(t.text());
      case ChatEvent.ThinkingSignature s -> signature = s.signature();
      case ChatEvent.RedactedThinking r -> redacted.add(r.data());
      case ChatEvent.ToolCallStart s -> {
        toolId = s.id();
        toolName = s.name();
      }
      case ChatEvent.ToolCallDelta d -> {
        // the whole argument text arrives again in ToolCallEnd
      }
      case ChatEvent.ToolCallEnd e ->
          toolCalls.add(new Reply.ToolCall(toolId, toolName, e.arguments(), e.complete()));
      case ChatEvent.Finish f ->
          reply =
              new Reply(
                  text.toString(),
                  thinking.toString(),
                  signature,
                  redacted,
                  toolCalls,
                  f.reason(),
                  f.usage(),
                  inputTokens);
    }
  }

  /** True once the reply began ({@link ChatEvent.Start} arrived). */
  public boolean started() {
    return started;
  }

  /** The reply, once {@link ChatEvent.Finish} was received. */
  public Reply reply() {
    if (reply == null) {
      throw new IllegalStateException("the backend returned without finishing the reply");
    }
    return reply;
  }
}
