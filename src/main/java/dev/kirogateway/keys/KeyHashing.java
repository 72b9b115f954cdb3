package dev.kirogateway.keys;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Key format {@code kgw-{id}-{secret}}: the id (8 hex digits) finds the record, the secret is only
 * ever stored as SHA-256(salt ‖ secret) and compared in constant time.
 */
final class KeyHashing {
  private static final Pattern FORMAT = Pattern.compile("kgw-([0-9a-f]{8})-([A-Za-z0-9_-]{43})");
  private static final HexFormat HEX = HexFormat.of();

  private KeyHashing() {}

  /** A new key and the parts to store. */
  record Minted(String key, String id, String salt, String hash) {
    @Override
    public String toString() {
      return "Minted[id=" + id + "]";
    }
  }

  /** The id and secret of an offered key, if it has the gateway's format. */
  record Offered(String id, String secret) {
    @Override
    public String toString() {
      return "Offered[id=" + id + "]";
    }
  }

  static Minted mint(SecureRandom random) {
    byte[] idBytes = new byte[4];
    byte[] secretBytes = new byte[32];
    byte[] salt = new byte[16];
    random.nextBytes(idBytes);
    random.nextBytes(secretBytes);
    random.nextBytes(salt);
    String id = HEX.formatHex(idBytes);
    String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(secretBytes);
    return new Minted(
        "kgw-" + id + "-" + secret, id, HEX.formatHex(salt), HEX.formatHex(digest(salt, secret)));
  }

  static Optional<Offered> parse(String offered) {
    Matcher m = FORMAT.matcher(offered);
    return m.matches() ? Optional.of(new Offered(m.group(1), m.group(2))) : Optional.empty();
  }

  static boolean matches(ClientKey stored, String secret) {
    byte[] expected = HEX.parseHex(stored.hash());
    return MessageDigest.isEqual(expected, digest(HEX.parseHex(stored.salt()), secret));
  }

  private static byte[] digest(byte[] salt, String secret) {
    try {
      MessageDigest d = MessageDigest.getInstance("SHA-256");
      d.update(salt);
      d.update(secret.getBytes(StandardCharsets.UTF_8));
      return d.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }
}
