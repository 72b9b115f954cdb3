package dev.kirogateway.chat;

import java.util.List;
import java.util.Objects;

/**
 * One client request in API-neutral form.
 *
 * @param model the model name exactly as the client sent it (echoed back in replies)
 * @param system top-level system text, {@code ""} when there is none
 * @param messages the turns in client order; may contain {@link Role#SYSTEM} messages
 * @param tools declared function tools, empty when none were declared
 * @param reasoning what the client asked about reasoning
 */
public record ChatRequest(
    String model, String system, List<Message> messages, List<ToolSpec> tools, Reasoning reasoning) {
  public ChatRequest {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(system, "system");
    messages = List.copyOf(messages);
    tools = List.copyOf(tools);
    Objects.requireNonNull(reasoning, "reasoning");
  }
}
