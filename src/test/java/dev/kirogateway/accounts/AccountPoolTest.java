package dev.kirogateway.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kirogateway.chat.ChatEvent;
import dev.kirogateway.chat.ChatException;
import dev.kirogateway.chat.ChatRequest;
import dev.kirogateway.chat.ErrorKind;
import dev.kirogateway.chat.Message;
import dev.kirogateway.chat.Reasoning;
import dev.kirogateway.chat.ReplyCollector;
import dev.kirogateway.chat.Role;
import dev.kirogateway.config.Settings;
import dev.kirogateway.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

final class AccountPoolTest {
  private static final Instant T0 = Instant.parse("2026-11-27T12:00:00Z");

  private final MutableClock clock = new MutableClock(T0);
  private final Map<String, FakeBackend> backends = new HashMap<>();
  private double dice = 0.99;
  private AccountPool pool;
  private PooledBackend backend;

  private void start(Map<String, String> settings, AccountSpec... specs) {
    for (AccountSpec s : specs) {
      backends.put(s.name(), new FakeBackend());
    }
    AccountsSettings as = AccountsSettings.from(Settings.of(settings));
    UnaryOperator<String> resolver = m -> m.replace("4-5", "4.5");
    pool =
        new AccountPool(
            as,
            spec -> new AccountOpener.Upstream(new FakeBackend.Tokens(), backends.get(spec.name())),
            resolver,
            clock,
            () -> dice,
            true);
    pool.load(List.of(specs), true);
    backend = new PooledBackend(pool, a -> {});
  }

  private static AccountSpec spec(String name) {
    return new AccountSpec(name, Map.of("REFRESH_TOKEN", "x"), List.of(), 0);
  }

  private static ChatRequest request(String model) {
    return new ChatRequest(
        model, "", List.of(Message.text(Role.USER, "Hi")), List.of(), new Reasoning.Default());
  }

  private void chat() {
    backend.chat(request("claude-sonnet-4.5"), new ReplyCollector());
  }

  private int calls(String name) {
    return backends.get(name).calls.get();
  }

  @Test
  void sticksToTheLastAccountThatWorked() {
    start(Map.of(), spec("a"), spec("b"));
    backends.get("a").thenFail(ErrorKind.QUOTA_EXCEEDED);
    chat();
    assertThat(calls("a")).isEqualTo(1);
    assertThat(calls("b")).isEqualTo(1);
    clock.advance(Duration.ofHours(2)); // a's quota cooldown is over, but b keeps working
    chat();
    chat();
    assertThat(calls("a")).isEqualTo(1);
    assertThat(calls("b")).isEqualTo(3);
    assertThat(pool.preferred()).contains("b");
  }

  @Test
  void quotaCoolsTheAccountForAnHourWhenTheResetDateIsUnknown() {
    start(Map.of(), spec("a"), spec("b"));
    backends.get("a").thenFail(ErrorKind.QUOTA_EXCEEDED);
    backends.get("b").thenFail(ErrorKind.QUOTA_EXCEEDED);
    assertThatThrownBy(this::chat)
        .isInstanceOfSatisfying(
            ChatException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(ErrorKind.QUOTA_EXCEEDED);
              assertThat(e.retryAfter()).isEmpty();
            })
        .hasMessage(
            "No Kiro account can take this request now: a: monthly quota exhausted (until"
                + " 2026-11-27T13:00:00Z); b: monthly quota exhausted (until"
                + " 2026-11-27T13:00:00Z).");
    clock.advance(Duration.ofMinutes(61));
    chat();
    assertThat(calls("a")).isEqualTo(2);
  }

  @Test
  void throttlingCoolsDownWithDoublingBackoffUpToTheMaximum() {
    start(Map.of("ACCOUNT_COOLDOWN", "30", "ACCOUNT_COOLDOWN_MAX", "100"), spec("a"));
    Account a = pool.accounts().getFirst();
    List<Duration> cooldowns = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      backends.get("a").thenThrottled(null);
      assertThatThrownBy(this::chat)
          .isInstanceOfSatisfying(
              ChatException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.RATE_LIMITED));
      Instant until =
          a.skipFor("claude-sonnet-4.5", clock.instant()).orElseThrow().until().orElseThrow();
      cooldowns.add(Duration.between(clock.instant(), until));
      clock.advance(Duration.between(clock.instant(), until));
    }
    assertThat(cooldowns)
        .containsExactly(
            Duration.ofSeconds(30),
            Duration.ofSeconds(60),
            Duration.ofSeconds(100),
            Duration.ofSeconds(100));
    chat(); // success resets the backoff
    backends.get("a").thenThrottled(null);
    assertThatThrownBy(this::chat).isInstanceOf(ChatException.class);
    assertThat(a.skipFor("claude-sonnet-4.5", clock.instant()).orElseThrow().until())
        .contains(clock.instant().plusSeconds(30));
  }

  @Test
  void whenEveryAccountIsUnavailableTheErrorSaysWhyForEach() {
    start(Map.of(), spec("account-a"), spec("account-b"));
    backends.get("account-a").thenThrottled(Duration.ofSeconds(240));
    backends.get("account-b").thenFail(ErrorKind.QUOTA_EXCEEDED);
    assertThatThrownBy(this::chat)
        .isInstanceOfSatisfying(
            ChatException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(ErrorKind.RATE_LIMITED);
              assertThat(e.retryAfter()).contains(Duration.ofSeconds(240));
            })
        .hasMessageContaining(
            "account-a: cooling down 4 min after throttling; "
                + "account-b: monthly quota exhausted");
    // the next request is refused without calling Kiro at all
    assertThatThrownBy(this::chat).isInstanceOf(ChatException.class);
    assertThat(calls("account-a") + calls("account-b")).isEqualTo(2);
  }

  @Test
  void aCoolingAccountIsReProbedWhenTheDiceSaySo() {
    start(Map.of("ACCOUNT_PROBE_CHANCE", "0.05"), spec("a"));
    backends.get("a").thenThrottled(null);
    assertThatThrownBy(this::chat).isInstanceOf(ChatException.class);
    dice = 0.06;
    assertThatThrownBy(this::chat).isInstanceOf(ChatException.class);
    assertThat(calls("a")).isEqualTo(1);
    dice = 0.04;
    chat();
    assertThat(calls("a")).isEqualTo(2);
    assertThat(pool.accounts().getFirst().skipFor("claude-sonnet-4.5", clock.instant())).isEmpty();
  }

  @Test
  void aModelOnlyGoesToAccountsThatHaveIt() {
    start(
        Map.of(),
        new AccountSpec("haiku-only", Map.of("REFRESH_TOKEN", "x"), List.of("claude-haiku-4-5"), 0),
        spec("b"));
    backend.chat(request("claude-haiku-4.5"), new ReplyCollector());
    assertThat(calls("haiku-only")).isEqualTo(1);
    chat();
    assertThat(calls("haiku-only")).isEqualTo(1);
    assertThat(calls("b")).isEqualTo(1);
  }

  @Test
  void aModelKiroRefusesForOneAccountMovesToAnotherAndIsRemembered() {
    start(Map.of(), spec("a"), spec("b"));
    backends.get("a").thenFail(ErrorKind.MODEL_NOT_FOUND);
    chat();
    assertThat(calls("b")).isEqualTo(1);
    pool.worked(pool.accounts().getFirst()); // make a preferred again
    chat();
    assertThat(calls("a")).isEqualTo(1);
    assertThat(calls("b")).isEqualTo(2);
    pool.worked(pool.accounts().getFirst());
    backend.chat(request("claude-haiku-4.5"), new ReplyCollector()); // other models still go to a
    assertThat(calls("a")).isEqualTo(2);
  }

  @Test
  void noAccountWithTheModelIsA404ListingWhy() {
    start(
        Map.of(),
        new AccountSpec("a", Map.of("REFRESH_TOKEN", "x"), List.of("claude-haiku-4.5"), 0));
    assertThatThrownBy(this::chat)
        .isInstanceOfSatisfying(
            ChatException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.MODEL_NOT_FOUND))
        .hasMessageContaining("a: model claude-sonnet-4.5 is not in its models list");
  }

  @Test
  void failuresThatAreNotTheAccountsOwnAreNotFailedOver() {
    start(Map.of(), spec("a"), spec("b"));
    backends.get("a").thenFail(ErrorKind.UPSTREAM_ERROR);
    assertThatThrownBy(this::chat)
        .isInstanceOfSatisfying(
            ChatException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.UPSTREAM_ERROR));
    assertThat(calls("b")).isZero();
  }

  @Test
  void nothingIsFailedOverOnceTheReplyStarted() {
    start(Map.of(), spec("a"), spec("b"));
    backends
        .get("a")
        .then(
            (r, s) -> {
              s.accept(new ChatEvent.Start(1));
              throw new ChatException(ErrorKind.RATE_LIMITED, "mid-stream");
            });
    assertThatThrownBy(this::chat).hasMessage("mid-stream");
    assertThat(calls("b")).isZero();
    assertThat(pool.accounts().getFirst().skipFor("claude-sonnet-4.5", clock.instant()))
        .hasValueSatisfying(s -> assertThat(s.kind()).isEqualTo(Skip.Kind.THROTTLED));
  }

  @Test
  void authFailuresMoveOnAndAreNamedInTheAccountState() {
    start(Map.of(), spec("a"), spec("b"));
    backends.get("a").thenFail(ErrorKind.UPSTREAM_AUTH);
    chat();
    assertThat(calls("b")).isEqualTo(1);
    Map<String, Object> view = pool.accounts().getFirst().view(clock.instant());
    assertThat(view)
        .containsEntry("state", "credentials failing")
        .containsEntry("until", T0.plusSeconds(30).toString());
  }

  @Test
  void creditsAreSummedPerAccount() {
    start(Map.of(), spec("a"));
    chat();
    chat();
    assertThat(pool.accounts().getFirst().credits()).isEqualTo(0.5);
    assertThat(pool.accounts().getFirst().view(clock.instant()))
        .containsEntry("requestsServed", 2L);
  }

  @Test
  void theImplicitSingleAccountIsAlwaysTriedAndKeepsItsOwnError() {
    backends.put("default", new FakeBackend());
    pool =
        new AccountPool(
            AccountsSettings.from(Settings.of(Map.of())),
            spec -> new AccountOpener.Upstream(new FakeBackend.Tokens(), backends.get("default")),
            m -> m,
            clock,
            () -> 0.99,
            false);
    pool.load(List.of(AccountSpec.implicit()), true);
    backend = new PooledBackend(pool, a -> {});
    backends.get("default").thenFail(ErrorKind.QUOTA_EXCEEDED);
    assertThatThrownBy(this::chat).hasMessage("scripted QUOTA_EXCEEDED");
    chat(); // no cooldown refusal without an accounts file
    assertThat(calls("default")).isEqualTo(2);
  }

  @Test
  void perAccountConcurrencyLimitSendsTheOverflowToTheNextAccountThenRefuses() throws Exception {
    start(
        Map.of(),
        new AccountSpec("a", Map.of("REFRESH_TOKEN", "x"), List.of(), 1),
        new AccountSpec("b", Map.of("REFRESH_TOKEN", "y"), List.of(), 1));
    CountDownLatch inside = new CountDownLatch(2);
    CountDownLatch release = new CountDownLatch(1);
    for (String name : List.of("a", "b")) {
      backends
          .get(name)
          .then(
              (r, s) -> {
                inside.countDown();
                try {
                  release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
                FakeBackend.reply(r, s);
              });
    }
    AtomicReference<Throwable> failure = new AtomicReference<>();
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      threads.add(
          Thread.ofVirtual()
              .start(
                  () -> {
                    try {
                      chat();
                    } catch (RuntimeException e) {
                      failure.set(e);
                    }
                  }));
      // the first holds a's only slot before the second picks
      if (i == 0) {
        awaitInUse("a", 1);
      }
    }
    assertThat(inside.await(5, TimeUnit.SECONDS)).isTrue();
    assertThatThrownBy(this::chat)
        .isInstanceOfSatisfying(
            ChatException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(ErrorKind.RATE_LIMITED);
              assertThat(e.retryAfter()).contains(Duration.ofSeconds(1));
            })
        .hasMessageContaining("a: all 1 concurrent slots in use; b: all 1 concurrent slots in use");
    release.countDown();
    for (Thread t : threads) {
      assertThat(t.join(Duration.ofSeconds(5))).isTrue();
    }
    assertThat(failure.get()).isNull();
    assertThat(calls("a")).isEqualTo(1);
    assertThat(calls("b")).isEqualTo(1);
    assertThat(pool.accounts()).allSatisfy(a -> assertThat(a.inUse()).isZero());
  }

  private void awaitInUse(String name, int n) throws InterruptedException {
    Account a =
        pool.accounts().stream().filter(x -> x.name().equals(name)).findFirst().orElseThrow();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (a.inUse() < n) {
      assertThat(System.nanoTime()).as("account %s never got busy", name).isLessThan(deadline);
      Thread.onSpinWait();
    }
  }

  @Test
  void explainNamesTheAccountThatWouldServeAndWhyOthersAreSkipped() {
    start(
        Map.of(),
        spec("a"),
        new AccountSpec("haiku-only", Map.of("REFRESH_TOKEN", "x"), List.of("claude-haiku-4.5"), 0),
        spec("c"),
        spec("d"));
    backends.get("a").thenThrottled(null);
    chat(); // a cools down, c serves
    Map<String, Object> e = pool.explain("claude-sonnet-4-5");
    assertThat(e).containsEntry("kiroModel", "claude-sonnet-4.5").containsEntry("wouldServe", "c");
    assertThat(e.get("accounts").toString())
        .isEqualTo(
            "[{account=c, verdict=would serve, reason=the last account that worked}, {account=a,"
                + " verdict=skipped, reason=cooling down 30 s after throttling (a request re-probes"
                + " it with 5 % chance)}, {account=haiku-only, verdict=skipped, reason=model"
                + " claude-sonnet-4.5 is not in its models list}, {account=d, verdict=standby,"
                + " reason=available; tried if c fails before the reply starts}]");
  }
}
