package dev.kirogateway.credentials;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What the Kiro client needs to make one call. {@link #toString()} never shows the token.
 *
 * @param accessToken the bearer token (opaque; never logged)
 * @param expiresAt when the access token expires
 * @param profileArn the profile ARN to send, if any
 * @param apiRegion the region of the runtime host ({@code us-east-1} or {@code eu-central-1})
 * @param authType which refresh flow applies
 */
public record KiroCredentials(
    String accessToken,
    Instant expiresAt,
    Optional<String> profileArn,
    String apiRegion,
    AuthType authType) {

  public KiroCredentials {
    Objects.requireNonNull(accessToken, "accessToken");
    Objects.requireNonNull(expiresAt, "expiresAt");
    Objects.requireNonNull(profileArn, "profileArn");
    Objects.requireNonNull(apiRegion, "apiRegion");
    Objects.requireNonNull(authType, "authType");
  }

  @Override
  public String toString() {
    return "KiroCredentials[accessToken=<redacted>, expiresAt="
        + expiresAt
        + ", profileArn="
        + profileArn.orElse("-")
        + ", apiRegion="
        + apiRegion
        + ", authType="
        + authType
        + "]";
  }
}
