package dev.kirogateway.credentials;

/**
 * A refresh call failed. {@code staleGrant} marks the answers that mean "this refresh token is
 * no longer accepted" (OIDC 400 invalid_grant/invalid_request, desktop 401), after which the
 * source is re-read once (§9.6). The message holds status and error code only, never a body.
 */
final class RefreshException extends Exception {
  private final boolean staleGrant;

  RefreshException(String message, boolean staleGrant) {
    super(message, null, false, false);
    this.staleGrant = staleGrant;
  }

  boolean staleGrant() {
    return staleGrant;
  }
}
