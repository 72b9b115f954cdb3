package dev.kirogateway.openai;

import dev.kirogateway.chat.ChatRequest;
import java.util.Objects;

/** A parsed Chat Completions request: the canonical request plus the response-shape options. */
public record OpenAiChatCall(ChatRequest request, boolean stream, boolean includeUsage) {
  public OpenAiChatCall {
    Objects.requireNonNull(request, "request");
  }
}
