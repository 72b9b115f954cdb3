package dev.kirogateway.credentials;

import java.util.Map;

/** Hands out Kiro credentials, refreshing them when needed. Thread-safe. */
public interface TokenProvider {

  /**
   * Credentials whose access token is valid beyond the refresh threshold, refreshing first
   * (single-flight) when needed.
   *
   * @throws CredentialsException when no usable token can be had
   */
  KiroCredentials current();

  /**
   * Refreshes regardless of expiry (after Kiro answered 403), unless another caller already
   * replaced {@code stale} meanwhile; single-flight.
   *
   * @throws CredentialsException when the refresh fails
   */
  KiroCredentials forceRefresh(KiroCredentials stale);

  /** State for /health and {@code doctor}: source, login type, regions, expiry; no secrets. */
  Map<String, Object> status();
}
