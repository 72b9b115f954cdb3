package dev.kirogateway.anthropic;

import dev.kirogateway.chat.ChatRequest;
import java.util.Objects;

/** A parsed Messages request: the canonical request plus whether to stream. */
public record AnthropicCall(ChatRequest request, boolean stream) {
  public AnthropicCall {
    Objects.requireNonNull(request, "request");
  }
}
