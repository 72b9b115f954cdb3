package dev.kirogateway.keys;

import dev.kirogateway.chat.ChatBackend;
import dev.kirogateway.debug.Capture;
import dev.kirogateway.debug.CapturingBackend;
import dev.kirogateway.chat.ChatEvent;
import dev.kirogateway.chat.ChatRequest;
import dev.kirogateway.chat.ReplySink;
import java.util.Optional;
import java.util.concurrent.atomic.DoubleAdder;

/** Applies the calling client key's limits around a backend and books its usage. */
public final class KeyedBackend implements CapturingBackend {
  private final ChatBackend inner;
  private final KeyGuard guard;

  public KeyedBackend(ChatBackend inner, KeyGuard guard) {
    this.inner = inner;
    this.guard = guard;
  }

  @Override
  public void chat(ChatRequest request, ReplySink sink, Capture capture) {
    Optional<ClientKey> key = guard.current();
    if (key.isEmpty()) {
      Capture.chat(inner, request, sink, capture); // the admin key has no limits
      return;
    }
    DoubleAdder credits = new DoubleAdder();
    Runnable release = guard.admit(key.get(), request.model()); // a refusal is not booked
    try {
      Capture.chat(
          inner,
          request,
          event -> {
            if (event instanceof ChatEvent.Finish f) {
              f.usage().credits().ifPresent(credits::add);
            }
            sink.accept(event);
          },
          capture);
    } finally {
      release.run();
      guard.record(key.get(), credits.sum());
    }
  }

  @Override
  public int countTokens(ChatRequest request) {
    return inner.countTokens(request);
  }
}
