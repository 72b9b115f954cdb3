package dev.kirogateway.credentials;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The client identity Kiro sees (KIRO-UPSTREAM.md §2.2): a stable machine fingerprint and the
 * {@code User-Agent} / {@code x-amz-user-agent} values built from the SDK and IDE versions.
 */
public final class KiroIdentity {
  private static final String SUFFIX = "-kiro-gateway";

  private final String sdkVersion;
  private final String ideVersion;
  private final String fingerprint;

  /** An identity with an explicit fingerprint (tests, or callers that computed it already). */
  public KiroIdentity(String sdkVersion, String ideVersion, String fingerprint) {
    this.sdkVersion = Objects.requireNonNull(sdkVersion, "sdkVersion");
    this.ideVersion = Objects.requireNonNull(ideVersion, "ideVersion");
    this.fingerprint = Objects.requireNonNull(fingerprint, "fingerprint");
  }

  /** This machine's identity, with the versions from KIRO_SDK_VERSION / KIRO_IDE_VERSION. */
  public static KiroIdentity of(CredentialsSettings settings) {
    return new KiroIdentity(settings.sdkVersion(), settings.ideVersion(),
        MachineHolder.FINGERPRINT);
  }

  /**
   * Lower-case hex SHA-256 of {@code {hostname}-{username}-kiro-gateway}, or of {@code
   * default-kiro-gateway} when either part is unknown (blank).
   */
  public static String fingerprint(String hostname, String username) {
    boolean known = hostname != null && !hostname.isBlank() && username != null
        && !username.isBlank();
    String seed = known ? hostname + "-" + username + SUFFIX : "default" + SUFFIX;
    return sha256Hex(seed);
  }

  public String fingerprint() {
    return fingerprint;
  }

  public String sdkVersion() {
    return sdkVersion;
  }

  public String ideVersion() {
    return ideVersion;
  }

  /** The {@code User-Agent} for generateAssistantResponse and the other API calls. */
  public String userAgent() {
    return "aws-sdk-js/" + sdkVersion
        + " ua/2.1 os/win32#10.0.19044 lang/js md/nodejs#22.21.1 api/codewhispererstreaming#"
        + sdkVersion + " m/E " + ideTag();
  }

  /** The {@code x-amz-user-agent} header value. */
  public String amzUserAgent() {
    return "aws-sdk-js/" + sdkVersion + " " + ideTag();
  }

  /** The {@code User-Agent} for the Kiro desktop refresh call. */
  public String refreshUserAgent() {
    return ideTag();
  }

  @Override
  public String toString() {
    return "KiroIdentity[" + ideTag() + ", sdk=" + sdkVersion + "]";
  }

  private String ideTag() {
    return "KiroIDE-" + ideVersion + "-" + fingerprint;
  }

  static String sha256Hex(String text) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(md.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError("SHA-256 is required by every JDK", e);
    }
  }

  /** Computed once per process: the host name lookup can be slow. */
  private static final class MachineHolder {
    static final String FINGERPRINT = fingerprint(hostname(), System.getProperty("user.name"));

    // Same value as uname's node name (what the Python original hashes), without a DNS lookup.
    private static String hostname() {
      try {
        return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/sys/kernel/hostname"))
            .strip();
      } catch (java.io.IOException | RuntimeException e) {
        // not Linux: fall through
      }
      String env = System.getenv("COMPUTERNAME");
      if (env != null && !env.isBlank()) {
        return env;
      }
      try {
        return InetAddress.getLocalHost().getHostName();
      } catch (java.io.IOException | SecurityException e) {
        return "";
      }
    }
  }
}
