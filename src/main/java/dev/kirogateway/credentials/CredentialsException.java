package dev.kirogateway.credentials;

/**
 * Credentials are missing, unreadable or could not be refreshed. The message is actionable (e.g.
 * "run `kiro-cli login`") and never contains a secret.
 */
public final class CredentialsException extends RuntimeException {
  public CredentialsException(String message) {
    super(message, null, false, false);
  }

  public CredentialsException(String message, Throwable cause) {
    super(message, cause, false, false);
  }
}
