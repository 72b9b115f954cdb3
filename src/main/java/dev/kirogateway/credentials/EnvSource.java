package dev.kirogateway.credentials;

import java.util.Optional;

/** {@code REFRESH_TOKEN} (+ {@code PROFILE_ARN}): a Kiro desktop refresh token, memory only. */
record EnvSource(String refreshToken, Optional<String> profileArn) implements CredentialSource {

  @Override
  public TokenSnapshot read() {
    return new TokenSnapshot("REFRESH_TOKEN", Optional.empty(), refreshToken, Optional.empty(),
        profileArn, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.empty());
  }

  @Override
  public void writeBack(TokenSnapshot updated, RefreshResult result) {
    // Nowhere to write: rotated tokens live in memory until the process ends.
  }

  @Override
  public boolean rereadable() {
    return false;
  }

  @Override
  public String kind() {
    return "REFRESH_TOKEN environment variable";
  }

  @Override
  public Optional<String> location() {
    return Optional.empty();
  }

  @Override
  public String reloginHint() {
    return "set a fresh REFRESH_TOKEN, or log in with `kiro-cli login` and unset REFRESH_TOKEN";
  }

  @Override
  public String toString() {
    return "EnvSource[refreshToken=<redacted>, profileArn=" + profileArn.orElse("-") + "]";
  }
}
