package dev.kirogateway.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kirogateway.chat.ChatBackend;
import dev.kirogateway.chat.ChatEvent;
import dev.kirogateway.chat.ChatException;
import dev.kirogateway.chat.ChatRequest;
import dev.kirogateway.chat.ErrorKind;
import dev.kirogateway.chat.Message;
import dev.kirogateway.chat.Reasoning;
import dev.kirogateway.chat.ReplyCollector;
import dev.kirogateway.chat.ReplySink;
import dev.kirogateway.chat.Role;
import dev.kirogateway.chat.StopReason;
import dev.kirogateway.chat.Usage;
import dev.kirogateway.testing.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class KeyGuardTest {
  @TempDir Path dir;
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-27T23:59:00Z"));
  private SqliteKeyStore store;
  private KeyGuard guard;
  private volatile java.util.function.BiConsumer<ChatRequest, ReplySink> upstream =
      KeyGuardTest::reply;
  private KeyedBackend backend;

  @BeforeEach
  void open() {
    store = SqliteKeyStore.open(dir.resolve("keys.sqlite3"));
    guard = new KeyGuard(store, clock, m -> m.replace("4-5", "4.5"));
    backend =
        new KeyedBackend(
            new ChatBackend() {
              @Override
              public void chat(ChatRequest request, ReplySink sink) {
                upstream.accept(request, sink);
              }

              @Override
              public int countTokens(ChatRequest request) {
                return 1;
              }
            },
            guard);
  }

  @AfterEach
  void close() {
    store.close();
  }

  private static void reply(ChatRequest r, ReplySink sink) {
    sink.accept(new ChatEvent.Start(1));
    sink.accept(
        new ChatEvent.Finish(
            StopReason.END_TURN,
            new Usage(1, 1, false, OptionalDouble.of(1.0), OptionalDouble.empty())));
  }

  private static ChatRequest request(String model) {
    return new ChatRequest(
        model, "", List.of(Message.text(Role.USER, "Hi")), List.of(), new Reasoning.Default());
  }

  /** Authenticates {@code key} on this thread and sends one request. */
  private void call(String key, String model) {
    assertThat(guard.authenticate(key)).isTrue();
    try {
      backend.chat(request(model), new ReplyCollector());
    } finally {
      guard.clear();
    }
  }

  private String key(ClientKey.Limits limits) {
    return KeyGuard.create(store, "k" + System.nanoTime(), limits, clock);
  }

  @Test
  void onlyActiveKeysWithTheRightSecretAuthenticate() {
    String key = KeyGuard.create(store, "alice", ClientKey.Limits.none(), clock);
    assertThat(guard.authenticate(key)).isTrue();
    assertThat(guard.current()).hasValueSatisfying(k -> assertThat(k.name()).isEqualTo("alice"));
    guard.clear();
    assertThat(guard.current()).isEmpty();
    String wrong = key.substring(0, key.length() - 1) + (key.endsWith("A") ? "B" : "A");
    assertThat(guard.authenticate(wrong)).isFalse();
    assertThat(guard.authenticate("test-admin-key")).isFalse();
    store.revoke("alice", clock.instant());
    assertThat(guard.authenticate(key)).isFalse();
  }

  @Test
  void theAdminKeyHasNoLimits() {
    for (int i = 0; i < 5; i++) {
      backend.chat(request("claude-sonnet-4.5"), new ReplyCollector());
    }
  }

  @Test
  void aModelOutsideTheKeysListIsRefusedWith403() {
    String key =
        key(
            new ClientKey.Limits(
                List.of("claude-haiku-4.5"), 0, 0, OptionalDouble.empty(), OptionalDouble.empty()));
    call(key, "claude-haiku-4-5");
    assertThatThrownBy(() -> call(key, "claude-sonnet-4.5"))
        .isInstanceOfSatisfying(
            ChatException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.PERMISSION_DENIED))
        .hasMessageContaining("may not use model claude-sonnet-4.5");
  }

  @Test
  void requestsPerMinuteAreCountedOverASlidingMinute() {
    String key =
        key(new ClientKey.Limits(List.of(), 2, 0, OptionalDouble.empty(), OptionalDouble.empty()));
    call(key, "m");
    clock.advance(Duration.ofSeconds(20));
    call(key, "m");
    assertThatThrownBy(() -> call(key, "m"))
        .isInstanceOfSatisfying(
            ChatException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(ErrorKind.RATE_LIMITED);
              assertThat(e.retryAfter()).contains(Duration.ofSeconds(40));
            })
        .hasMessageContaining("2 requests per minute");
    clock.advance(Duration.ofSeconds(40));
    call(key, "m");
  }

  @Test
  void theDailyBudgetStopsAtItsLimitUntilMidnightUtc() {
    String key =
        key(new ClientKey.Limits(List.of(), 0, 0, OptionalDouble.of(2), OptionalDouble.empty()));
    call(key, "m");
    call(key, "m");
    assertThatThrownBy(() -> call(key, "m"))
        .isInstanceOfSatisfying(
            ChatException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(ErrorKind.RATE_LIMITED);
              assertThat(e.retryAfter()).contains(Duration.ofMinutes(1));
            })
        .hasMessageContaining("daily budget of 2.0 credits");
    clock.advance(Duration.ofMinutes(1));
    call(key, "m");
  }

  @Test
  void theMonthlyBudgetCountsEveryDayOfTheMonth() {
    String key =
        key(new ClientKey.Limits(List.of(), 0, 0, OptionalDouble.empty(), OptionalDouble.of(2)));
    call(key, "m");
    clock.advance(Duration.ofMinutes(1)); // next day, same month
    call(key, "m");
    assertThatThrownBy(() -> call(key, "m")).hasMessageContaining("monthly budget of 2.0");
    Object usage = guard.usage().get("keys");
    assertThat(usage.toString()).contains("creditsThisMonth=2.0").contains("requestsToday=1");
  }

  @Test
  void concurrentStreamsAreCappedPerKeyAndRefusalsAreNotBooked() throws Exception {
    String key =
        key(new ClientKey.Limits(List.of(), 0, 2, OptionalDouble.empty(), OptionalDouble.empty()));
    CountDownLatch inside = new CountDownLatch(2);
    CountDownLatch release = new CountDownLatch(1);
    upstream =
        (r, s) -> {
          inside.countDown();
          try {
            release.await(10, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          reply(r, s);
        };
    AtomicInteger ok = new AtomicInteger();
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      threads.add(
          Thread.ofVirtual()
              .start(
                  () -> {
                    call(key, "m");
                    ok.incrementAndGet();
                  }));
    }
    assertThat(inside.await(5, TimeUnit.SECONDS)).isTrue();
    assertThatThrownBy(() -> call(key, "m"))
        .isInstanceOfSatisfying(
            ChatException.class, e -> assertThat(e.retryAfter()).contains(Duration.ofSeconds(1)))
        .hasMessageContaining("2 requests at once");
    release.countDown();
    for (Thread t : threads) {
      assertThat(t.join(Duration.ofSeconds(5))).isTrue();
    }
    assertThat(ok).hasValue(2);
    upstream = KeyGuardTest::reply;
    call(key, "m"); // the slots came back
    assertThat(guard.usage().get("keys").toString())
        .contains("requestsToday=3")
        .contains("inFlight=0");
  }
}
