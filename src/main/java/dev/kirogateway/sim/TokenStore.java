package dev.kirogateway.sim;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Access tokens the simulator issued and the refresh tokens it accepts; thread-safe. */
final class TokenStore {
  /** An OIDC client registration. */
  record OidcClient(String clientId, String clientSecret) {
    @Override
    public String toString() {
      return "OidcClient[" + clientId + "]";
    }
  }

  /** What a successful refresh returns. */
  record Refreshed(String accessToken, long expiresInSeconds, String refreshToken) {
    @Override
    public String toString() {
      return "Refreshed[expiresIn=" + expiresInSeconds + "]";
    }
  }

  private final SecureRandom random = new SecureRandom();
  private final Clock clock;
  private final Map<String, Instant> accessTokens = new ConcurrentHashMap<>();
  private final Map<String, Boolean> desktopRefreshTokens = new ConcurrentHashMap<>();
  private final Map<String, OidcClient> oidcRefreshTokens = new ConcurrentHashMap<>();
  private final AtomicInteger notAuthorized = new AtomicInteger();
  private final AtomicInteger desktopCalls = new AtomicInteger();
  private final AtomicInteger oidcCalls = new AtomicInteger();
  private volatile RefreshMode mode;
  private volatile Duration expiresIn;

  TokenStore(Clock clock, RefreshMode mode, Duration expiresIn) {
    this.clock = clock;
    this.mode = mode;
    this.expiresIn = expiresIn;
  }

  String issueAccessToken(Duration ttl) {
    String token = "aoa" + randomText();
    accessTokens.put(token, clock.instant().plus(ttl));
    return token;
  }

  boolean isValid(String token) {
    Instant expiry = accessTokens.get(token);
    return expiry != null && clock.instant().isBefore(expiry);
  }

  void expire(String token) {
    accessTokens.computeIfPresent(token, (t, e) -> Instant.EPOCH);
  }

  void revokeAll() {
    accessTokens.clear();
  }

  void failNextWithNotAuthorized(int n) {
    notAuthorized.set(n);
  }

  /** Consumes one scripted "not authorized" answer, if any are left. */
  boolean takeNotAuthorized() {
    return notAuthorized.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0;
  }

  void registerDesktop(String refreshToken) {
    desktopRefreshTokens.put(refreshToken, Boolean.TRUE);
  }

  void registerOidc(String clientId, String clientSecret, String refreshToken) {
    oidcRefreshTokens.put(refreshToken, new OidcClient(clientId, clientSecret));
  }

  boolean isKnownOidcClient(String clientId, String clientSecret) {
    return oidcRefreshTokens.values().stream()
        .anyMatch(c -> c.clientId().equals(clientId) && c.clientSecret().equals(clientSecret));
  }

  void countDesktopCall() {
    desktopCalls.incrementAndGet();
  }

  void countOidcCall() {
    oidcCalls.incrementAndGet();
  }

  Optional<Refreshed> refreshDesktop(String refreshToken) {
    if (desktopRefreshTokens.get(refreshToken) == null) {
      return Optional.empty();
    }
    String next = rotate(refreshToken);
    if (!next.equals(refreshToken)) {
      desktopRefreshTokens.put(next, Boolean.TRUE);
      if (mode == RefreshMode.ROTATE_INVALIDATE_OLD) {
        desktopRefreshTokens.remove(refreshToken);
      }
    }
    return Optional.of(refreshed(next));
  }

  Optional<Refreshed> refreshOidc(String clientId, String clientSecret, String refreshToken) {
    OidcClient client = oidcRefreshTokens.get(refreshToken);
    if (client == null || !client.equals(new OidcClient(clientId, clientSecret))) {
      return Optional.empty();
    }
    String next = rotate(refreshToken);
    if (!next.equals(refreshToken)) {
      oidcRefreshTokens.put(next, client);
      if (mode == RefreshMode.ROTATE_INVALIDATE_OLD) {
        oidcRefreshTokens.remove(refreshToken);
      }
    }
    return Optional.of(refreshed(next));
  }

  int desktopCalls() {
    return desktopCalls.get();
  }

  int oidcCalls() {
    return oidcCalls.get();
  }

  void mode(RefreshMode mode) {
    this.mode = mode;
  }

  void expiresIn(Duration expiresIn) {
    this.expiresIn = expiresIn;
  }

  private String rotate(String refreshToken) {
    return mode == RefreshMode.KEEP ? refreshToken : "aor" + randomText();
  }

  private Refreshed refreshed(String refreshToken) {
    Duration ttl = expiresIn;
    return new Refreshed(issueAccessToken(ttl), ttl.toSeconds(), refreshToken);
  }

  private String randomText() {
    byte[] b = new byte[24];
    random.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }
}
