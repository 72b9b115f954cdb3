package dev.kirogateway.accounts;

import dev.kirogateway.chat.ChatException;
import dev.kirogateway.chat.ErrorKind;
import dev.kirogateway.config.ConfigException;
import dev.kirogateway.credentials.CredentialsException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.DoubleSupplier;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live accounts and the choice of one per request: the last account that worked first, then the
 * others in file order; an account is skipped while it cools down (unless a small random probe
 * picks it), when its slots are full, or when it does not serve the model.
 */
final class AccountPool {
  private static final Logger LOG = LoggerFactory.getLogger(AccountPool.class);

  private final AccountsSettings settings;
  private final AccountOpener opener;
  private final UnaryOperator<String> resolver;
  private final Clock clock;
  private final DoubleSupplier random;
  private final boolean enforce;
  private volatile List<Account> accounts = List.of();
  private final AtomicReference<String> preferred = new AtomicReference<>();

  /** An account refused for this request, and why. */
  record Refusal(String account, Skip skip) {}

  /** The outcome of a pick: an account holding a slot, or every refusal. */
  record Pick(Optional<Account> account, boolean probe, List<Refusal> refused) {}

  /**
   * @param resolver client model name → Kiro model id
   * @param enforce false for the implicit single account: it is always tried, whatever its state
   */
  AccountPool(
      AccountsSettings settings,
      AccountOpener opener,
      UnaryOperator<String> resolver,
      Clock clock,
      DoubleSupplier random,
      boolean enforce) {
    this.settings = settings;
    this.opener = opener;
    this.resolver = resolver;
    this.clock = clock;
    this.random = random;
    this.enforce = enforce;
  }

  AccountsSettings settings() {
    return settings;
  }

  Clock clock() {
    return clock;
  }

  boolean enforcing() {
    return enforce;
  }

  List<Account> accounts() {
    return accounts;
  }

  Optional<String> preferred() {
    return Optional.ofNullable(preferred.get());
  }

  String modelId(String clientModel) {
    return resolver.apply(clientModel);
  }

  /**
   * Replaces the accounts with {@code specs}. An unchanged spec keeps its live account (state,
   * tokens, credits); a changed or new one is opened. With {@code strict}, an account that cannot
   * be opened fails the whole load (startup); otherwise it is left out (or kept as it was) and
   * logged, so a bad edit never takes working accounts away.
   */
  synchronized void load(List<AccountSpec> specs, boolean strict) {
    Map<String, Account> old = new LinkedHashMap<>();
    for (Account a : accounts) {
      old.put(a.name(), a);
    }
    List<Account> next = new ArrayList<>();
    for (AccountSpec spec : specs) {
      Account kept = old.get(spec.name());
      if (kept != null && kept.spec().equals(spec)) {
        next.add(kept);
        continue;
      }
      try {
        AccountOpener.Upstream up = opener.open(spec);
        next.add(new Account(spec, resolved(spec), up.tokens(), up.backend()));
      } catch (CredentialsException | ConfigException e) {
        if (strict && !enforce) {
          throw e; // the implicit single account fails startup exactly as before
        }
        if (strict) {
          throw new ConfigException("Account '" + spec.name() + "': " + e.getMessage());
        }
        LOG.warn("Account '{}' cannot be used: {}", spec.name(), e.getMessage());
        if (kept != null) {
          next.add(kept);
        }
      }
    }
    accounts = List.copyOf(next);
    LOG.info(
        "Kiro accounts: {}", next.stream().map(Account::name).collect(Collectors.joining(", ")));
  }

  private Set<String> resolved(AccountSpec spec) {
    Set<String> ids = new LinkedHashSet<>();
    for (String m : spec.models()) {
      ids.add(resolver.apply(m));
    }
    return ids;
  }

  /**
   * Picks an account for {@code modelId} and takes one of its slots; {@code tried} are left out.
   */
  Pick pick(String modelId, Map<Account, Skip> tried) {
    Instant now = clock.instant();
    List<Refusal> refused = new ArrayList<>();
    tried.forEach((a, s) -> refused.add(new Refusal(a.name(), s)));
    for (Account a : ordered()) {
      if (tried.containsKey(a)) {
        continue;
      }
      Optional<Skip> skip = enforce ? a.skipFor(modelId, now) : Optional.empty();
      boolean probe = false;
      if (skip.isPresent()) {
        probe = skip.get().kind().probeable() && random.getAsDouble() < settings.probeChance();
        if (!probe) {
          refused.add(new Refusal(a.name(), skip.get()));
          continue;
        }
        LOG.info("Re-probing account '{}' ({})", a.name(), skip.get().text());
      }
      if (a.tryAcquire()) {
        return new Pick(Optional.of(a), probe, refused);
      }
      refused.add(
          new Refusal(
              a.name(),
              a.skipFor(modelId, now)
                  .orElse(
                      new Skip(Skip.Kind.BUSY, "all concurrent slots in use", Optional.empty()))));
    }
    return new Pick(Optional.empty(), false, refused);
  }

  /** The last account that worked first, then the rest in file order. */
  private List<Account> ordered() {
    List<Account> all = accounts;
    String first = preferred.get();
    List<Account> out = new ArrayList<>(all.size());
    for (Account a : all) {
      if (a.name().equals(first)) {
        out.add(a);
      }
    }
    for (Account a : all) {
      if (!a.name().equals(first)) {
        out.add(a);
      }
    }
    return out;
  }

  void worked(Account a) {
    a.succeeded();
    preferred.set(a.name());
  }

  /**
   * The error when no account is left: the kind follows the reasons (every account lacks the model
   * → 404; all out of quota → quota; any only cooling or busy → 429 with Retry-After; else the
   * credentials failed), and the message lists each account's reason.
   */
  ChatException noAccount(String modelId, List<Refusal> refused) {
    Instant now = clock.instant();
    Set<Skip.Kind> kinds = refused.stream().map(r -> r.skip().kind()).collect(Collectors.toSet());
    String reasons =
        refused.stream()
            .map(r -> r.account() + ": " + r.skip().text())
            .collect(Collectors.joining("; "));
    if (refused.isEmpty()) {
      return new ChatException(
          ErrorKind.UPSTREAM_CONFIG,
          "No Kiro account is configured" + " (check ACCOUNTS_CONFIG_FILE).");
    }
    if (kinds.equals(Set.of(Skip.Kind.MODEL))) {
      return new ChatException(
          ErrorKind.MODEL_NOT_FOUND,
          "No configured Kiro account offers model "
              + modelId
              + ": "
              + reasons
              + ". Pick one from GET /v1/models.");
    }
    String message = "No Kiro account can take this request now: " + reasons + ".";
    if (Set.of(Skip.Kind.MODEL, Skip.Kind.QUOTA).containsAll(kinds)) {
      return new ChatException(ErrorKind.QUOTA_EXCEEDED, message);
    }
    if (kinds.contains(Skip.Kind.THROTTLED) || kinds.contains(Skip.Kind.BUSY)) {
      Duration wait = Duration.ofSeconds(1);
      if (!kinds.contains(Skip.Kind.BUSY)) {
        wait =
            refused.stream()
                .filter(r -> r.skip().kind() == Skip.Kind.THROTTLED)
                .flatMap(r -> r.skip().until().stream())
                .map(
                    u ->
                        Duration.ofSeconds(
                            Math.max(1, (Duration.between(now, u).toMillis() + 999) / 1000)))
                .min(Duration::compareTo)
                .orElse(wait);
      }
      return new ChatException(ErrorKind.RATE_LIMITED, message, null, wait, null);
    }
    return new ChatException(ErrorKind.UPSTREAM_AUTH, message);
  }

  /**
   * For {@code GET /v1/accounts/explain}: who would serve {@code clientModel} now, and why not the
   * others.
   */
  Map<String, Object> explain(String clientModel) {
    String modelId = resolver.apply(clientModel);
    Instant now = clock.instant();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("model", clientModel);
    out.put("kiroModel", modelId);
    List<Map<String, Object>> rows = new ArrayList<>();
    List<Refusal> refused = new ArrayList<>();
    String chosen = null;
    String first = preferred.get();
    for (Account a : ordered()) {
      Optional<Skip> skip = enforce ? a.skipFor(modelId, now) : Optional.empty();
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("account", a.name());
      if (skip.isPresent()) {
        refused.add(new Refusal(a.name(), skip.get()));
        row.put("verdict", "skipped");
        row.put(
            "reason",
            skip.get().text()
                + (skip.get().kind().probeable() && settings.probeChance() > 0
                    ? " (a request re-probes it with "
                        + Math.round(settings.probeChance() * 100)
                        + " % chance)"
                    : ""));
      } else if (chosen == null) {
        chosen = a.name();
        row.put("verdict", "would serve");
        row.put(
            "reason",
            !enforce
                ? "the only account"
                : a.name().equals(first)
                    ? "the last account that worked"
                    : first == null
                        ? "the first available account in file order"
                        : "the first available account after the last one that worked");
      } else {
        row.put("verdict", "standby");
        row.put("reason", "available; tried if " + chosen + " fails before the reply starts");
      }
      rows.add(row);
    }
    out.put("wouldServe", chosen);
    if (chosen == null) {
      ChatException e = noAccount(modelId, refused);
      out.put("error", Map.of("kind", e.kind().name(), "message", e.getMessage()));
    }
    out.put("accounts", rows);
    return out;
  }
}
