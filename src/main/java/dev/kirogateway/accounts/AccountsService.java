package dev.kirogateway.accounts;

import dev.kirogateway.chat.ChatBackend;
import dev.kirogateway.chat.ChatException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;
import java.util.function.UnaryOperator;
import org.eclipse.jetty.client.HttpClient;

/**
 * The accounts feature as the composition root sees it: the pooled {@link ChatBackend}, the reload
 * timer and the JSON views. Without ACCOUNTS_CONFIG_FILE there is one implicit account, always
 * tried, so a single-account gateway behaves as before.
 */
public final class AccountsService implements AutoCloseable {
  private final AccountPool pool;
  private final PooledBackend backend;
  private final UsageLimitsClient limits;
  private final AccountsWatcher watcher;
  private final ScheduledFuture<?> reloads;

  private AccountsService(
      AccountPool pool,
      UsageLimitsClient limits,
      AccountsWatcher watcher,
      ScheduledExecutorService timer) {
    this.pool = pool;
    this.limits = limits;
    this.watcher = watcher;
    this.backend = new PooledBackend(pool, this::lookUpQuotaReset);
    long every = pool.settings().reloadInterval().toMillis();
    this.reloads =
        watcher == null
            ? null
            : timer.scheduleWithFixedDelay(watcher::check, every, every, TimeUnit.MILLISECONDS);
  }

  /**
   * Opens every account (at once, so a bad login fails startup) and starts watching the file.
   *
   * @param resolver client model name → Kiro model id, for the model allowlists
   * @param random the probe dice, in [0, 1)
   * @param userAgent sent with GetUsageLimits
   * @throws dev.kirogateway.config.ConfigException bad file, or an account that cannot be opened
   */
  public static AccountsService start(
      AccountsSettings settings,
      AccountOpener opener,
      UnaryOperator<String> resolver,
      HttpClient http,
      ScheduledExecutorService timer,
      Clock clock,
      DoubleSupplier random,
      String userAgent) {
    boolean fromFile = settings.configFile().isPresent();
    AccountPool pool = new AccountPool(settings, opener, resolver, clock, random, fromFile);
    AccountsWatcher watcher = null;
    if (fromFile) {
      watcher = new AccountsWatcher(settings.configFile().get(), pool);
      watcher.loadStrict();
    } else {
      pool.load(List.of(AccountSpec.implicit()), true);
    }
    return new AccountsService(
        pool, new UsageLimitsClient(http, settings, clock, userAgent), watcher, timer);
  }

  public ChatBackend backend() {
    return backend;
  }

  /** Re-reads the accounts file now if it changed; true when it did (tests, SIGHUP-like use). */
  public boolean reloadIfChanged() {
    return watcher != null && watcher.check();
  }

  /** The names of the live accounts, in file order. */
  public List<String> names() {
    return pool.accounts().stream().map(Account::name).toList();
  }

  /** The first account's credential state, for /health and the banner. */
  public Map<String, Object> primaryStatus() {
    return pool.accounts().getFirst().tokens().status();
  }

  /** Every account's redacted credential state, by account name, in file order. */
  public Map<String, Map<String, Object>> credentialStates() {
    Map<String, Map<String, Object>> out = new LinkedHashMap<>();
    for (Account a : pool.accounts()) {
      out.put(a.name(), a.tokens().status());
    }
    return out;
  }

  /** {@code GET /v1/accounts/explain?model=X}. */
  public Map<String, Object> explain(String model) {
    if (model == null || model.isBlank()) {
      throw ChatException.invalid(
          "Add ?model=NAME: the model to explain the account choice for.", "model");
    }
    return pool.explain(model.strip());
  }

  /** {@code GET /v1/accounts}: state, credentials (redacted), credits and Kiro's usage figures. */
  public Map<String, Object> view() {
    Instant now = pool.clock().instant();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put(
        "source",
        pool.settings()
            .configFile()
            .map(p -> "accounts file " + p)
            .orElse("single account from the settings"));
    out.put("lastWorked", pool.preferred().orElse(null));
    List<Account> all = pool.accounts();
    // one GetUsageLimits call per account whose cache is stale, side by side (5 s timeout each)
    List<java.util.concurrent.Future<Account.Cached>> fetched = new ArrayList<>();
    try (var executor = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
      for (Account a : all) {
        fetched.add(executor.submit(() -> limits.get(a)));
      }
    }
    List<Map<String, Object>> rows = new ArrayList<>();
    for (int i = 0; i < all.size(); i++) {
      Account a = all.get(i);
      Map<String, Object> row = a.view(now);
      row.put("credentials", a.tokens().status());
      Account.Cached c = fetched.get(i).resultNow();
      Map<String, Object> usage = c.limits().map(UsageLimits::view).orElseGet(LinkedHashMap::new);
      usage.put("fetchedAt", c.at().toString());
      usage.put("error", c.error());
      row.put("usageLimits", usage);
      rows.add(row);
    }
    out.put("accounts", rows);
    return out;
  }

  /** After a quota error: learn the reset date (off the request path) and cool down until then. */
  private void lookUpQuotaReset(Account account) {
    Thread.ofVirtual()
        .name("usage-limits-" + account.name())
        .start(
            () -> {
              Optional<Instant> reset =
                  limits.get(account).limits().flatMap(UsageLimits::nextReset);
              reset.ifPresent(r -> account.quotaResetsAt(r, pool.clock().instant()));
            });
  }

  @Override
  public void close() {
    if (reloads != null) {
      reloads.cancel(false);
    }
  }
}
