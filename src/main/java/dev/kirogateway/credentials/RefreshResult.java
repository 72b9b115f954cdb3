package dev.kirogateway.credentials;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A successful refresh reply (§9.4). {@link #toString()} redacts the tokens.
 *
 * @param accessToken the new access token
 * @param refreshToken the rotated refresh token, if one was returned
 * @param expiresIn lifetime of the access token
 * @param profileArn the profile ARN (desktop refresh only), if returned
 */
record RefreshResult(
    String accessToken,
    Optional<String> refreshToken,
    Duration expiresIn,
    Optional<String> profileArn) {

  RefreshResult {
    Objects.requireNonNull(accessToken, "accessToken");
    Objects.requireNonNull(expiresIn, "expiresIn");
  }

  @Override
  public String toString() {
    return "RefreshResult[accessToken=<redacted>, refreshToken="
        + (refreshToken.isPresent() ? "<redacted>" : "-") + ", expiresIn=" + expiresIn
        + ", profileArn=" + profileArn.orElse("-") + "]";
  }
}
