package dev.kirogateway.http;

import dev.kirogateway.anthropic.AnthropicRenderer;
import dev.kirogateway.chat.ChatException;
import dev.kirogateway.openai.OpenAiRenderer;
import dev.kirogateway.sse.ErrorBody;

/** Which client API a route speaks, for its native error shape. */
enum Dialect {
  OPENAI,
  ANTHROPIC;

  static Dialect forPath(String path) {
    return path.startsWith("/v1/messages") ? ANTHROPIC : OPENAI;
  }

  /** The native error body, carrying the gateway's request id. */
  ErrorBody error(ChatException e, String requestId) {
    return this == ANTHROPIC
        ? AnthropicRenderer.error(e, requestId)
        : OpenAiRenderer.error(e, requestId);
  }
}
