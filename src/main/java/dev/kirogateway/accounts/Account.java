package dev.kirogateway.accounts;

import dev.kirogateway.chat.ChatBackend;
import dev.kirogateway.credentials.TokenProvider;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/** One live account: its spec, its token provider and backend, and its health. Thread-safe. */
final class Account {
  private final AccountSpec spec;
  private final Set<String> allowedModels;
  private final TokenProvider tokens;
  private final ChatBackend backend;
  private final AtomicInteger inUse = new AtomicInteger();
  private final DoubleAdder credits = new DoubleAdder();
  private final LongAdder served = new LongAdder();
  // guarded by this
  private Instant coolUntil = Instant.MIN;
  private Skip.Kind trouble;
  private String troubleDetail = "";
  private int strikes;
  private final Map<String, Instant> missingModels = new HashMap<>();
  private volatile Cached limits;

  /** A GetUsageLimits outcome and when it was fetched. */
  record Cached(Instant at, Optional<UsageLimits> limits, String error) {}

  /**
   * @param allowedModels the spec's allowlist resolved to Kiro model ids; empty allows all
   */
  Account(AccountSpec spec, Set<String> allowedModels, TokenProvider tokens, ChatBackend backend) {
    this.spec = spec;
    this.allowedModels = Set.copyOf(allowedModels);
    this.tokens = tokens;
    this.backend = backend;
  }

  String name() {
    return spec.name();
  }

  AccountSpec spec() {
    return spec;
  }

  TokenProvider tokens() {
    return tokens;
  }

  ChatBackend backend() {
    return backend;
  }

  /** Why this account cannot take {@code modelId} at {@code now}; empty when it can. */
  synchronized Optional<Skip> skipFor(String modelId, Instant now) {
    if (!allowedModels.isEmpty() && !allowedModels.contains(modelId)) {
      return Optional.of(
          new Skip(
              Skip.Kind.MODEL,
              "model " + modelId + " is not in its models list",
              Optional.empty()));
    }
    Instant missingUntil = missingModels.get(modelId);
    if (missingUntil != null && now.isBefore(missingUntil)) {
      return Optional.of(
          new Skip(
              Skip.Kind.MODEL,
              "Kiro does not offer model "
                  + modelId
                  + " to it (checked again in "
                  + Durations.human(Duration.between(now, missingUntil))
                  + ")",
              Optional.of(missingUntil)));
    }
    if (now.isBefore(coolUntil)) {
      String left = Durations.human(Duration.between(now, coolUntil));
      String text =
          switch (trouble) {
            case QUOTA -> "monthly quota exhausted (until " + seconds(coolUntil) + ")";
            case THROTTLED -> "cooling down " + left + " after throttling";
            default ->
                "credentials failing"
                    + (troubleDetail.isEmpty() ? "" : " (" + troubleDetail + ")")
                    + "; retried in "
                    + left;
          };
      return Optional.of(new Skip(trouble, text, Optional.of(coolUntil)));
    }
    if (spec.maxConcurrent() > 0 && inUse.get() >= spec.maxConcurrent()) {
      return Optional.of(
          new Skip(
              Skip.Kind.BUSY,
              "all " + spec.maxConcurrent() + " concurrent slots in use",
              Optional.empty()));
    }
    return Optional.empty();
  }

  private static Instant seconds(Instant t) {
    return t.truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
  }

  /** Takes a concurrency slot; false when all are in use. */
  boolean tryAcquire() {
    int max = spec.maxConcurrent();
    if (max <= 0) {
      inUse.incrementAndGet();
      return true;
    }
    while (true) {
      int n = inUse.get();
      if (n >= max) {
        return false;
      }
      if (inUse.compareAndSet(n, n + 1)) {
        return true;
      }
    }
  }

  void release() {
    inUse.decrementAndGet();
  }

  int inUse() {
    return inUse.get();
  }

  synchronized void succeeded() {
    strikes = 0;
    coolUntil = Instant.MIN;
    trouble = null;
    troubleDetail = "";
    served.increment();
  }

  /** Throttling or an auth failure: cool down, doubling from {@code base} up to {@code max}. */
  synchronized Instant failed(
      Skip.Kind kind,
      String detail,
      Instant now,
      Duration base,
      Duration max,
      Optional<Duration> atLeast) {
    strikes++;
    Duration wait = base.multipliedBy(1L << Math.min(strikes - 1, 20));
    if (wait.compareTo(max) > 0) {
      wait = max;
    }
    if (atLeast.isPresent() && atLeast.get().compareTo(wait) > 0) {
      wait = atLeast.get();
    }
    return coolUntil(kind, detail, now.plus(wait));
  }

  /** Quota exhausted: no requests until {@code until}. */
  synchronized Instant quotaExhausted(Instant until) {
    return coolUntil(Skip.Kind.QUOTA, "", until);
  }

  /** Extends a quota cooldown to the reset date learned later; other states are left alone. */
  synchronized void quotaResetsAt(Instant reset, Instant now) {
    if (trouble == Skip.Kind.QUOTA && now.isBefore(coolUntil) && reset.isAfter(now)) {
      coolUntil = reset;
    }
  }

  private Instant coolUntil(Skip.Kind kind, String detail, Instant until) {
    trouble = kind;
    troubleDetail = detail;
    coolUntil = until;
    return until;
  }

  synchronized void lacksModel(String modelId, Instant until) {
    missingModels.put(modelId, until);
  }

  void addCredits(double c) {
    credits.add(c);
  }

  double credits() {
    return credits.sum();
  }

  Cached limits() {
    return limits;
  }

  void limits(Cached c) {
    limits = c;
  }

  /** State for {@code GET /v1/accounts}: health, slots, credits; the caller adds the rest. */
  synchronized Map<String, Object> view(Instant now) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", name());
    boolean cooling = now.isBefore(coolUntil);
    m.put(
        "state",
        !cooling
            ? "healthy"
            : switch (trouble) {
              case QUOTA -> "quota exhausted";
              case THROTTLED -> "cooling down";
              default -> "credentials failing";
            });
    m.put("until", cooling ? seconds(coolUntil).toString() : null);
    m.put("detail", cooling && !troubleDetail.isEmpty() ? troubleDetail : null);
    m.put("consecutiveFailures", strikes);
    Map<String, Object> slots = new LinkedHashMap<>();
    slots.put("inUse", inUse.get());
    slots.put("max", spec.maxConcurrent() > 0 ? spec.maxConcurrent() : null);
    m.put("concurrency", slots);
    m.put("models", spec.models().isEmpty() ? "all" : spec.models());
    Map<String, String> missing = new LinkedHashMap<>();
    missingModels.forEach(
        (model, until) -> {
          if (now.isBefore(until)) {
            missing.put(model, until.toString());
          }
        });
    m.put("modelsRefusedByKiro", missing);
    m.put("requestsServed", served.sum());
    m.put("creditsUsed", credits.sum());
    return m;
  }
}
