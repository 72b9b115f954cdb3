package dev.kirogateway.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;

/**
 * Checks the client's gateway key. Both sides are hashed first so the comparison takes the same
 * time whatever the length or content of the key offered.
 */
final class ApiKeys {
  private final byte[] expectedDigest;

  ApiKeys(String expectedKey) {
    this.expectedDigest = sha256(expectedKey);
  }

  boolean matches(String offered) {
    return offered != null && MessageDigest.isEqual(expectedDigest, sha256(offered));
  }

  /** The key from {@code Authorization: Bearer KEY} or {@code x-api-key: KEY}. */
  static Optional<String> offered(String authorization, String xApiKey) {
    if (xApiKey != null && !xApiKey.isBlank()) {
      return Optional.of(xApiKey.strip());
    }
    if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return Optional.of(authorization.substring(7).strip());
    }
    return Optional.empty();
  }

  private static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }
}
