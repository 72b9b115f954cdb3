package dev.kirogateway.keys;

import dev.kirogateway.chat.ChatException;
import dev.kirogateway.chat.ErrorKind;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/**
 * Authenticates client keys and enforces their limits. The key of the current request is kept in a
 * thread-local (one virtual thread per request) between authentication and the backend call.
 */
public final class KeyGuard {
  private final KeyStore store;
  private final Clock clock;
  private final UnaryOperator<String> resolver;
  private final ThreadLocal<ClientKey> current = new ThreadLocal<>();
  private final Map<String, Deque<Instant>> recent = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();

  /**
   * @param resolver client model name → Kiro model id, to compare allowlists
   */
  public KeyGuard(KeyStore store, Clock clock, UnaryOperator<String> resolver) {
    this.store = store;
    this.clock = clock;
    this.resolver = resolver;
  }

  /** Creates a key; returns the key text, shown once and never stored. */
  public static String create(KeyStore store, String name, ClientKey.Limits limits, Clock clock) {
    if (!name.matches("[A-Za-z0-9][A-Za-z0-9._@-]{0,63}")) {
      throw new IllegalArgumentException(
          "Key names are 1-64 letters, digits, '.', '_', '@' or '-'");
    }
    KeyHashing.Minted m = KeyHashing.mint(new SecureRandom());
    store.add(
        new ClientKey(m.id(), name, m.salt(), m.hash(), limits, clock.instant(), Optional.empty()));
    return m.key();
  }

  /** True (and the key becomes the current caller) when {@code offered} is an active client key. */
  public boolean authenticate(String offered) {
    Optional<KeyHashing.Offered> parsed = KeyHashing.parse(offered);
    if (parsed.isEmpty()) {
      return false;
    }
    Optional<ClientKey> key =
        store
            .byId(parsed.get().id())
            .filter(k -> k.revoked().isEmpty())
            .filter(k -> KeyHashing.matches(k, parsed.get().secret()));
    key.ifPresent(current::set);
    return key.isPresent();
  }

  /** The client key of this request; empty for the admin key (PROXY_API_KEY). */
  public Optional<ClientKey> current() {
    return Optional.ofNullable(current.get());
  }

  /** Ends the request: forgets the caller. */
  public void clear() {
    current.remove();
  }

  /**
   * Checks every limit of {@code key} for a request for {@code model} and takes a concurrency slot;
   * running the returned action gives it back.
   *
   * @throws ChatException 403 for a model the key may not use, 429 with Retry-After for the rest
   */
  Runnable admit(ClientKey key, String model) {
    ClientKey.Limits l = key.limits();
    String modelId = resolver.apply(model);
    if (!l.models().isEmpty() && l.models().stream().map(resolver).noneMatch(modelId::equals)) {
      throw new ChatException(
          ErrorKind.PERMISSION_DENIED,
          "This API key ('"
              + key.name()
              + "') may not use model "
              + model
              + "; it may use: "
              + String.join(", ", l.models()));
    }
    Instant now = clock.instant();
    LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
    KeyStore.Usage usage = store.usage(key.id(), today);
    if (l.dailyCredits().isPresent() && usage.creditsToday() >= l.dailyCredits().getAsDouble()) {
      Instant midnight = today.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
      throw limited(
          key,
          "its daily budget of " + l.dailyCredits().getAsDouble() + " credits is used up",
          Duration.between(now, midnight));
    }
    if (l.monthlyCredits().isPresent()
        && usage.creditsThisMonth() >= l.monthlyCredits().getAsDouble()) {
      Instant next = today.withDayOfMonth(1).plusMonths(1).atStartOfDay(ZoneOffset.UTC).toInstant();
      throw limited(
          key,
          "its monthly budget of " + l.monthlyCredits().getAsDouble() + " credits is used up",
          Duration.between(now, next));
    }
    if (l.rpm() > 0) {
      Deque<Instant> window = recent.computeIfAbsent(key.id(), k -> new ArrayDeque<>());
      synchronized (window) {
        while (!window.isEmpty() && !window.peekFirst().isAfter(now.minusSeconds(60))) {
          window.pollFirst();
        }
        if (window.size() >= l.rpm()) {
          throw limited(
              key,
              "it may make " + l.rpm() + " requests per minute",
              Duration.between(now, window.peekFirst().plusSeconds(60)));
        }
        window.addLast(now);
      }
    }
    AtomicInteger slots = inFlight.computeIfAbsent(key.id(), k -> new AtomicInteger());
    if (l.concurrent() > 0 && slots.incrementAndGet() > l.concurrent()) {
      slots.decrementAndGet();
      throw limited(
          key, "it may run " + l.concurrent() + " requests at once", Duration.ofSeconds(1));
    }
    if (l.concurrent() <= 0) {
      slots.incrementAndGet();
    }
    return slots::decrementAndGet;
  }

  private static ChatException limited(ClientKey key, String why, Duration wait) {
    Duration atLeast = wait.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : wait;
    return new ChatException(
        ErrorKind.RATE_LIMITED,
        "This API key ('" + key.name() + "') is over its limit: " + why + ".",
        null,
        atLeast,
        null);
  }

  /** Adds a finished request and its credits to the key's usage. */
  void record(ClientKey key, double credits) {
    store.record(key.id(), LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC), credits);
  }

  /** {@code GET /v1/keys/usage}: every key with its limits and usage (no secrets, no hashes). */
  public Map<String, Object> usage() {
    LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    List<Map<String, Object>> rows =
        store.all().stream()
            .map(
                k -> {
                  KeyStore.Usage u = store.usage(k.id(), today);
                  Map<String, Object> m = new LinkedHashMap<>();
                  m.put("name", k.name());
                  m.put("id", k.id());
                  m.put("created", k.created().toString());
                  m.put("revoked", k.revoked().map(Instant::toString).orElse(null));
                  m.put("models", k.limits().models().isEmpty() ? "all" : k.limits().models());
                  m.put("rpm", k.limits().rpm() > 0 ? k.limits().rpm() : null);
                  m.put("concurrent", k.limits().concurrent() > 0 ? k.limits().concurrent() : null);
                  m.put(
                      "dailyCredits",
                      k.limits().dailyCredits().isPresent()
                          ? k.limits().dailyCredits().getAsDouble()
                          : null);
                  m.put(
                      "monthlyCredits",
                      k.limits().monthlyCredits().isPresent()
                          ? k.limits().monthlyCredits().getAsDouble()
                          : null);
                  m.put("requestsToday", u.requestsToday());
                  m.put("creditsToday", u.creditsToday());
                  m.put("creditsThisMonth", u.creditsThisMonth());
                  AtomicInteger slots = inFlight.get(k.id());
                  m.put("inFlight", slots == null ? 0 : slots.get());
                  return m;
                })
            .toList();
    return Map.of("keys", rows);
  }
}
