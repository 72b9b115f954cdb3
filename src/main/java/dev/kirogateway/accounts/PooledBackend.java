package dev.kirogateway.accounts;

import dev.kirogateway.chat.ChatBackend;
import dev.kirogateway.debug.Capture;
import dev.kirogateway.debug.CapturingBackend;
import dev.kirogateway.chat.ChatEvent;
import dev.kirogateway.chat.ChatException;
import dev.kirogateway.chat.ChatRequest;
import dev.kirogateway.chat.ReplySink;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves each request from one account of the pool and moves it to the next account when the
 * failure is the account's own (quota, credentials, throttling, a model it lacks) and nothing has
 * reached the client yet. Each account's backend has already done its own retries (§8.3), so a
 * throttled account is left only after those: short throttles stay on the same account, and a
 * Retry-After over 60 s comes back at once.
 */
final class PooledBackend implements CapturingBackend {
  private static final Logger LOG = LoggerFactory.getLogger(PooledBackend.class);

  private final AccountPool pool;
  private final Consumer<Account> quotaLookup;

  /**
   * @param quotaLookup asked (off the request path) to refine a quota cooldown with the reset date
   */
  PooledBackend(AccountPool pool, Consumer<Account> quotaLookup) {
    this.pool = pool;
    this.quotaLookup = quotaLookup;
  }

  @Override
  public int countTokens(ChatRequest request) {
    return pool.accounts().getFirst().backend().countTokens(request);
  }

  @Override
  public void chat(ChatRequest request, ReplySink sink, Capture capture) {
    String modelId = pool.modelId(request.model());
    Map<Account, Skip> tried = new LinkedHashMap<>();
    while (true) {
      AccountPool.Pick pick = pool.pick(modelId, tried);
      if (pick.account().isEmpty()) {
        throw pool.noAccount(modelId, pick.refused());
      }
      Account account = pick.account().get();
      Watch watch = new Watch(sink, account);
      try {
        Capture.chat(account.backend(), request, watch, capture);
        pool.worked(account);
        return;
      } catch (ChatException e) {
        boolean accountsFault = record(account, e, modelId);
        if (!accountsFault || watch.started || !pool.enforcing()) {
          throw e;
        }
        Instant now = pool.clock().instant();
        tried.put(
            account,
            account
                .skipFor(modelId, now)
                .orElse(new Skip(Skip.Kind.AUTH, "failed: " + e.getMessage(), Optional.empty())));
        LOG.warn(
            "Account '{}' failed ({}); moving the request to the next account",
            account.name(),
            e.kind());
      } finally {
        account.release();
      }
    }
  }

  /** Updates the account's health; true when the failure belongs to the account, not Kiro. */
  private boolean record(Account account, ChatException e, String modelId) {
    AccountsSettings s = pool.settings();
    Instant now = pool.clock().instant();
    switch (e.kind()) {
      case QUOTA_EXCEEDED -> {
        Instant until =
            Optional.ofNullable(account.limits())
                .flatMap(Account.Cached::limits)
                .flatMap(UsageLimits::nextReset)
                .filter(now::isBefore)
                .orElse(now.plus(s.quotaCooldown()));
        account.quotaExhausted(until);
        quotaLookup.accept(account);
      }
      case RATE_LIMITED ->
          account.failed(
              Skip.Kind.THROTTLED, "", now, s.cooldown(), s.maxCooldown(), e.retryAfter());
      case UPSTREAM_AUTH, PERMISSION_DENIED ->
          account.failed(
              Skip.Kind.AUTH,
              e.kind() == dev.kirogateway.chat.ErrorKind.PERMISSION_DENIED
                  ? "Kiro says not authorized"
                  : "token refused or refresh failed",
              now,
              s.cooldown(),
              s.maxCooldown(),
              Optional.empty());
      case MODEL_NOT_FOUND -> account.lacksModel(modelId, now.plus(s.missingModelCooldown()));
      default -> {
        return false;
      }
    }
    return true;
  }

  /** Passes events on, noting whether the client got anything and the credits Kiro metered. */
  private static final class Watch implements ReplySink {
    private final ReplySink sink;
    private final Account account;
    volatile boolean started;

    Watch(ReplySink sink, Account account) {
      this.sink = sink;
      this.account = account;
    }

    @Override
    public void accept(ChatEvent event) {
      if (event instanceof ChatEvent.Finish f) {
        f.usage().credits().ifPresent(account::addCredits);
      }
      started = true;
      sink.accept(event);
    }
  }
}
