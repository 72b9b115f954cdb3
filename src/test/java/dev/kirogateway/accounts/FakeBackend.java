package dev.kirogateway.accounts;

import dev.kirogateway.chat.ChatBackend;
import dev.kirogateway.chat.ChatEvent;
import dev.kirogateway.chat.ChatException;
import dev.kirogateway.chat.ChatRequest;
import dev.kirogateway.chat.ErrorKind;
import dev.kirogateway.chat.ReplySink;
import dev.kirogateway.chat.StopReason;
import dev.kirogateway.chat.Usage;
import dev.kirogateway.credentials.CredentialsException;
import dev.kirogateway.credentials.KiroCredentials;
import dev.kirogateway.credentials.TokenProvider;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;

/** A scripted account backend: queued behaviours first, then a short successful reply. */
final class FakeBackend implements ChatBackend {
  private final Queue<BiConsumer<ChatRequest, ReplySink>> script = new ConcurrentLinkedQueue<>();
  final AtomicInteger calls = new AtomicInteger();

  FakeBackend then(BiConsumer<ChatRequest, ReplySink> step) {
    script.add(step);
    return this;
  }

  FakeBackend thenFail(ErrorKind kind) {
    return then(
        (r, s) -> {
          throw new ChatException(kind, "scripted " + kind);
        });
  }

  FakeBackend thenThrottled(Duration retryAfter) {
    return then(
        (r, s) -> {
          throw new ChatException(ErrorKind.RATE_LIMITED, "scripted", null, retryAfter, null);
        });
  }

  @Override
  public void chat(ChatRequest request, ReplySink sink) {
    calls.incrementAndGet();
    BiConsumer<ChatRequest, ReplySink> step = script.poll();
    if (step == null) {
      reply(request, sink);
    } else {
      step.accept(request, sink);
    }
  }

  static void reply(ChatRequest request, ReplySink sink) {
    sink.accept(new ChatEvent.Start(10));
    sink.accept(new ChatEvent.TextDelta("hi"));
    sink.accept(
        new ChatEvent.Finish(
            StopReason.END_TURN,
            new Usage(10, 1, false, OptionalDouble.of(0.25), OptionalDouble.empty())));
  }

  @Override
  public int countTokens(ChatRequest request) {
    return 7;
  }

  /** Credentials that only report a state. */
  static final class Tokens implements TokenProvider {
    @Override
    public KiroCredentials current() {
      throw new CredentialsException("no token in this test");
    }

    @Override
    public KiroCredentials forceRefresh(KiroCredentials stale) {
      throw new CredentialsException("no token in this test");
    }

    @Override
    public Map<String, Object> status() {
      return Map.of("source", "test", "state", "valid");
    }
  }
}
