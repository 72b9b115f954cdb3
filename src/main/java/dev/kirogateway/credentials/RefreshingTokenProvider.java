package dev.kirogateway.credentials;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link TokenProvider}: refreshes ahead of expiry, one refresh at a time (§9.5, §9.6),
 * re-reads its source before refreshing, writes rotated tokens back and falls back to a still
 * valid access token when a refresh fails. Build it with {@link Credentials#open}.
 */
public final class RefreshingTokenProvider implements TokenProvider {
  private static final Logger LOG = LoggerFactory.getLogger(RefreshingTokenProvider.class);
  /** After a failed refresh with a usable token, how long to keep using it before retrying. */
  static final Duration RETRY_AFTER_FAILURE = Duration.ofSeconds(30);

  private final CredentialSource source;
  private final Refresher desktop;
  private final Refresher oidc;
  private final Clock clock;
  private final CredentialsSettings settings;
  private final Duration threshold;
  private final Duration waitLimit;
  private final Object lock = new Object();

  private volatile State state;
  private volatile Consumer<String> refreshListener = outcome -> {};
  private CompletableFuture<State> inFlight; // guarded by lock
  // Touched only by the thread running the (single) refresh, or the constructor.
  private TokenSnapshot lastFromSource;
  private boolean readOnlyNoticeLogged;

  RefreshingTokenProvider(CredentialSource source, TokenSnapshot initial, Refresher desktop,
      Refresher oidc, Clock clock, CredentialsSettings settings) {
    this.source = source;
    this.desktop = desktop;
    this.oidc = oidc;
    this.clock = clock;
    this.settings = settings;
    this.threshold = settings.refreshThreshold();
    // Two refresh calls (first try + stale-grant retry), two SQLite busy waits, some slack.
    this.waitLimit = settings.refreshTimeout().multipliedBy(2).plusSeconds(15);
    this.lastFromSource = initial;
    this.state = State.of(initial, credentialsFor(initial));
    String requested = Accounts.requestedApiRegion(settings, initial);
    if (!Accounts.API_REGIONS.contains(requested)) {
      LOG.warn("API region {} has no Kiro runtime host; using us-east-1 (set KIRO_API_REGION to"
          + " us-east-1 or eu-central-1)", requested);
    }
    LOG.info("Kiro credentials from {}{}: {} login, SSO region {}, API region {}", source.kind(),
        source.location().map(p -> " " + p).orElse(""), initial.loginType(),
        Accounts.ssoRegion(settings, initial), Accounts.apiRegion(requested));
  }

  /**
   * Tells {@code listener} how each refresh ended: "success", "failure", or "adopted" (another
   * program had refreshed the shared source). Called on the refreshing thread; must be quick.
   */
  public void onRefresh(Consumer<String> listener) {
    this.refreshListener = listener;
  }

  private void notifyRefresh(String outcome) {
    try {
      refreshListener.accept(outcome);
    } catch (RuntimeException e) {
      LOG.warn("refresh listener failed: {}", e.toString());
    }
  }

  @Override
  public KiroCredentials current() {
    State s = state;
    if (s.fresh(clock.instant(), threshold) || s.inBackoff(clock.instant())) {
      return s.creds().orElseThrow();
    }
    try {
      State after = singleFlight(
          st -> !st.fresh(clock.instant(), threshold) && !st.inBackoff(clock.instant()),
          false, Optional.empty());
      return after.creds().orElseThrow(() -> failure(after));
    } catch (CredentialsException e) {
      State c = state;
      if (c.usable(clock.instant())) {
        return c.creds().orElseThrow();
      }
      throw e;
    }
  }

  @Override
  public KiroCredentials forceRefresh(KiroCredentials stale) {
    String staleToken = stale.accessToken();
    State after = singleFlight(st -> st.hasToken(staleToken), true, Optional.of(staleToken));
    if (after.hasToken(staleToken) || after.creds().isEmpty()) {
      throw failure(after);
    }
    return after.creds().get();
  }

  /** Refreshes now, whatever the expiry (doctor); single-flight. */
  KiroCredentials refreshNow() {
    Optional<String> replacing = state.creds().map(KiroCredentials::accessToken);
    State after = singleFlight(st -> replacing.map(st::hasToken).orElse(true), true, replacing);
    return after.creds().filter(c -> !replacing.map(c.accessToken()::equals).orElse(false))
        .orElseThrow(() -> failure(after));
  }

  private CredentialsException failure(State s) {
    return new CredentialsException(s.lastError().orElse("no valid Kiro access token; "
        + source.reloginHint()));
  }

  private State singleFlight(Predicate<State> needed, boolean forced,
      Optional<String> replacing) {
    CompletableFuture<State> flight;
    boolean owner = false;
    synchronized (lock) {
      if (!needed.test(state)) {
        return state;
      }
      if (inFlight == null) {
        inFlight = new CompletableFuture<>();
        owner = true;
      }
      flight = inFlight;
    }
    if (owner) {
      try {
        State next = refreshOnce(forced, replacing);
        state = next; // publish before the flight ends, so late arrivals see it
        flight.complete(next);
      } catch (RuntimeException e) {
        flight.completeExceptionally(e);
      } finally {
        synchronized (lock) {
          inFlight = null;
        }
      }
    }
    return await(flight);
  }

  private State await(CompletableFuture<State> flight) {
    try {
      return flight.get(waitLimit.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof CredentialsException ce) {
        throw ce;
      }
      LOG.error("token refresh failed unexpectedly ({})", e.getCause().getClass().getName());
      throw new CredentialsException("token refresh failed unexpectedly; see the gateway log");
    } catch (TimeoutException e) {
      throw new CredentialsException("gave up waiting " + waitLimit.toSeconds()
          + " s for the Kiro token refresh");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CredentialsException("interrupted while waiting for the Kiro token refresh");
    }
  }

  /** One refresh attempt, run by the flight owner only. */
  private State refreshOnce(boolean forced, Optional<String> replacing) {
    TokenSnapshot base = state.snap();
    if (source.rereadable()) {
      base = reread(base);
      if (adoptable(base, replacing)) {
        return adopt(base);
      }
    }
    RefreshResult result;
    try {
      result = refresherFor(base).refresh(base);
    } catch (RefreshException first) {
      if (!first.staleGrant() || !source.rereadable()) {
        return failed(first, forced);
      }
      LOG.info("refresh token was not accepted ({}); re-reading {} and retrying once",
          first.getMessage(), where());
      TokenSnapshot again = reread(base);
      if (adoptable(again, replacing)) {
        return adopt(again);
      }
      if (again.refreshToken().equals(base.refreshToken())) {
        return failed(first, forced);
      }
      base = again;
      try {
        result = refresherFor(base).refresh(base);
      } catch (RefreshException second) {
        return failed(second, forced);
      }
    }
    Instant now = clock.instant();
    TokenSnapshot updated = base.refreshed(result, now);
    writeBack(updated, result);
    LOG.info("Kiro access token refreshed ({} login), valid until {}", updated.loginType(),
        updated.expiresAt().orElseThrow());
    notifyRefresh("success");
    return State.of(updated, credentialsFor(updated)).refreshedAt(now);
  }

  /**
   * The source's current content if another program changed it since we last looked; otherwise
   * our in-memory copy (which may hold rotated tokens that read-only mode did not persist).
   */
  private TokenSnapshot reread(TokenSnapshot memory) {
    TokenSnapshot read;
    try {
      read = source.read();
    } catch (CredentialsException e) {
      LOG.warn("could not re-read {} before refreshing: {}", where(), e.getMessage());
      return memory;
    }
    if (read.equals(lastFromSource)) {
      return memory;
    }
    lastFromSource = read;
    return read;
  }

  private boolean adoptable(TokenSnapshot snap, Optional<String> replacing) {
    return snap.validBeyond(clock.instant(), threshold)
        && !snap.accessToken().equals(replacing)
        && !snap.accessToken().equals(state.snap().accessToken());
  }

  private State adopt(TokenSnapshot snap) {
    LOG.info("adopted the access token another program refreshed in {} (valid until {})",
        where(), snap.expiresAt().orElseThrow());
    notifyRefresh("adopted");
    return State.of(snap, credentialsFor(snap));
  }

  private State failed(RefreshException e, boolean forced) {
    Instant now = clock.instant();
    String message = "Kiro token refresh failed: " + e.getMessage() + " (credentials from "
        + where() + "); " + source.reloginHint();
    State current = state;
    State failedState = current.failedAt(now, message);
    notifyRefresh("failure");
    if (!forced && current.usable(now)) {
      LOG.warn("{}. The current access token stays valid until {}; fix this soon", message,
          current.snap().expiresAt().orElseThrow());
      return failedState;
    }
    LOG.error("{}", message);
    state = failedState;
    throw new CredentialsException(message);
  }

  private void writeBack(TokenSnapshot updated, RefreshResult result) {
    if (source instanceof EnvSource) {
      return;
    }
    if (settings.readOnly()) {
      if (!readOnlyNoticeLogged) {
        readOnlyNoticeLogged = true;
        LOG.info("read-only mode (SQLITE_READONLY / KIRO_CREDS_READONLY): refreshed tokens stay"
            + " in memory; the copy in {} may go stale", where());
      }
      return;
    }
    try {
      source.writeBack(updated, result);
      lastFromSource = updated;
    } catch (CredentialsException e) {
      LOG.warn("{}", e.getMessage());
    }
  }

  private Refresher refresherFor(TokenSnapshot snap) {
    return snap.loginType().authType() == AuthType.AWS_SSO_OIDC ? oidc : desktop;
  }

  private Optional<KiroCredentials> credentialsFor(TokenSnapshot snap) {
    return snap.accessToken().map(token -> new KiroCredentials(token,
        snap.expiresAt().orElse(Instant.EPOCH), Accounts.effectiveArn(settings, snap),
        Accounts.apiRegion(Accounts.requestedApiRegion(settings, snap)),
        snap.loginType().authType()));
  }

  private String where() {
    return source.kind() + source.location().map(p -> " " + p).orElse("");
  }

  @Override
  public Map<String, Object> status() {
    State s = state;
    TokenSnapshot snap = s.snap();
    Instant now = clock.instant();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("source", source.kind());
    m.put("path", source.location().orElse(null));
    m.put("loginType", snap.loginType().name());
    m.put("authType", snap.loginType().authType().name());
    m.put("ssoRegion", Accounts.ssoRegion(settings, snap));
    m.put("apiRegion", Accounts.apiRegion(Accounts.requestedApiRegion(settings, snap)));
    m.put("profileArn", Accounts.effectiveArn(settings, snap).orElse(null));
    m.put("profileArnMode", settings.profileArnMode().name().toLowerCase(java.util.Locale.ROOT));
    m.put("accessToken", snap.accessToken().isPresent() ? "present" : "absent");
    m.put("expiresAt", snap.expiresAt().map(Instant::toString).orElse(null));
    m.put("expiresInSeconds", snap.expiresAt()
        .map(e -> Duration.between(now, e).toSeconds()).orElse(null));
    m.put("state", s.fresh(now, threshold) ? "valid" : s.usable(now) ? "refresh due" : "expired");
    m.put("writeBack", source instanceof EnvSource ? "none (memory only)"
        : settings.readOnly() ? "off (read-only)" : "on");
    m.put("lastRefresh", s.lastRefresh().map(Instant::toString).orElse(null));
    m.put("lastError", s.lastError().orElse(null));
    return m;
  }

  /** An immutable view of the current tokens and the last refresh outcome. */
  private record State(TokenSnapshot snap, Optional<KiroCredentials> creds,
      Optional<Instant> lastRefresh, Optional<Instant> lastFailure, Optional<String> lastError) {

    static State of(TokenSnapshot snap, Optional<KiroCredentials> creds) {
      return new State(snap, creds, Optional.empty(), Optional.empty(), Optional.empty());
    }

    State refreshedAt(Instant when) {
      return new State(snap, creds, Optional.of(when), Optional.empty(), Optional.empty());
    }

    State failedAt(Instant when, String message) {
      return new State(snap, creds, lastRefresh, Optional.of(when), Optional.of(message));
    }

    boolean fresh(Instant now, Duration threshold) {
      return creds.isPresent() && snap.validBeyond(now, threshold);
    }

    boolean usable(Instant now) {
      return creds.isPresent() && snap.validBeyond(now, Duration.ZERO);
    }

    boolean inBackoff(Instant now) {
      return usable(now)
          && lastFailure.map(f -> now.isBefore(f.plus(RETRY_AFTER_FAILURE))).orElse(false);
    }

    boolean hasToken(String token) {
      return creds.map(c -> c.accessToken().equals(token)).orElse(false);
    }
  }
}
