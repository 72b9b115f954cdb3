package dev.kirogateway.credentials;

import java.util.Optional;

/** Where one account's tokens come from (§9.1), and where rotated tokens go back to. */
sealed interface CredentialSource permits SqliteSource, JsonFileSource, EnvSource {

  /**
   * Reads the current tokens.
   *
   * @throws CredentialsException unreadable or unusable; the message names the path, no secret
   */
  TokenSnapshot read();

  /** Persists a refreshed snapshot, keeping unknown fields. */
  void writeBack(TokenSnapshot updated, RefreshResult result);

  /** Other programs may rotate the tokens here, so it is worth re-reading before a refresh. */
  boolean rereadable();

  /** Human label, e.g. "kiro-cli SQLite database". */
  String kind();

  /** The file, when there is one. */
  Optional<String> location();

  /** What the user should do when the refresh token stopped working. */
  String reloginHint();
}
