package dev.kirogateway.debug;

import dev.kirogateway.chat.ChatBackend;
import dev.kirogateway.chat.ChatRequest;
import dev.kirogateway.chat.ReplySink;

/** A {@link ChatBackend} that can report its upstream traffic to a per-request {@link Capture}. */
public interface CapturingBackend extends ChatBackend {

  /** As {@link #chat(ChatRequest, ReplySink)}, telling {@code capture} what went up and down. */
  void chat(ChatRequest request, ReplySink sink, Capture capture);

  @Override
  default void chat(ChatRequest request, ReplySink sink) {
    chat(request, sink, Capture.NONE);
  }
}
