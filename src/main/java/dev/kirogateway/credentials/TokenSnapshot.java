package dev.kirogateway.credentials;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;

/**
 * What one read of a credential source yielded. Holds secrets: {@link #toString()} redacts them.
 *
 * @param entry where in the source the token lives (SQLite key, or a fixed label)
 * @param accessToken the access token, absent for a bare refresh token
 * @param refreshToken the refresh token
 * @param expiresAt expiry of the access token; absent = treat as expired
 * @param profileArn the profile ARN stored with the login, if any
 * @param ssoRegion the SSO/auth region recorded by the login, if any
 * @param clientId OIDC client id (device registration / companion file)
 * @param clientSecret OIDC client secret
 * @param startUrl OIDC start URL
 * @param provider login provider as recorded by Kiro IDE (Google, Github, BuilderId, Enterprise)
 */
record TokenSnapshot(
    String entry,
    Optional<String> accessToken,
    String refreshToken,
    Optional<Instant> expiresAt,
    Optional<String> profileArn,
    Optional<String> ssoRegion,
    Optional<String> clientId,
    Optional<String> clientSecret,
    Optional<String> startUrl,
    Optional<String> provider) {

  static final String BUILDER_ID_START_URL = "https://view.awsapps.com/start";

  TokenSnapshot {
    Objects.requireNonNull(entry, "entry");
    Objects.requireNonNull(refreshToken, "refreshToken");
  }

  /** Client id and secret both present → OIDC; otherwise Kiro desktop (§9.4). */
  LoginType loginType() {
    if (clientId.isEmpty() || clientSecret.isEmpty()) {
      return LoginType.SOCIAL;
    }
    boolean builderStart = startUrl.map(u -> stripSlash(u).equals(BUILDER_ID_START_URL))
        .orElse(false);
    boolean builderProvider = provider.map(p -> p.equalsIgnoreCase("BuilderId")).orElse(false);
    return builderStart || builderProvider ? LoginType.BUILDER_ID : LoginType.IDC;
  }

  /** The access token is usable for more than {@code margin} after {@code now}. */
  boolean validBeyond(Instant now, Duration margin) {
    return accessToken.isPresent()
        && expiresAt.map(e -> e.isAfter(now.plus(margin))).orElse(false);
  }

  /** A copy carrying what a refresh returned; expiry is stored at millisecond precision. */
  TokenSnapshot refreshed(RefreshResult r, Instant now) {
    Instant expiry = now.plus(r.expiresIn()).truncatedTo(ChronoUnit.MILLIS);
    return new TokenSnapshot(entry, Optional.of(r.accessToken()),
        r.refreshToken().orElse(refreshToken), Optional.of(expiry),
        r.profileArn().or(() -> profileArn), ssoRegion, clientId, clientSecret, startUrl,
        provider);
  }

  private static String stripSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  @Override
  public String toString() {
    return "TokenSnapshot[entry=" + entry + ", accessToken=" + (accessToken.isPresent()
        ? "<redacted>" : "-") + ", refreshToken=<redacted>, expiresAt="
        + expiresAt.map(Instant::toString).orElse("-") + ", profileArn=" + profileArn.orElse("-")
        + ", ssoRegion=" + ssoRegion.orElse("-") + ", clientId=" + (clientId.isPresent()
        ? "<redacted>" : "-") + ", clientSecret=" + (clientSecret.isPresent() ? "<redacted>" : "-")
        + ", startUrl=" + startUrl.orElse("-") + ", provider=" + provider.orElse("-") + "]";
  }
}
