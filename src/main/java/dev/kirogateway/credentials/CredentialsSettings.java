package dev.kirogateway.credentials;

import dev.kirogateway.config.Settings;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Configuration of the credentials package, read from env-style keys (KIRO-UPSTREAM.md §9).
 *
 * @param cliDbFile KIRO_CLI_DB_FILE ({@code ~} not yet expanded)
 * @param credsFile KIRO_CREDS_FILE
 * @param refreshToken REFRESH_TOKEN (a secret; never shown by {@link #toString()})
 * @param profileArn PROFILE_ARN, overrides any stored ARN
 * @param region KIRO_REGION, the SSO region fallback
 * @param apiRegion KIRO_API_REGION
 * @param desktopAuthBaseUrl KIRO_DESKTOP_AUTH_BASE_URL with a {@code {region}} placeholder
 * @param oidcBaseUrl KIRO_OIDC_BASE_URL with a {@code {region}} placeholder
 * @param refreshThreshold TOKEN_REFRESH_THRESHOLD (seconds, default 600)
 * @param refreshTimeout TOKEN_REFRESH_TIMEOUT (seconds, default 30)
 * @param sqliteReadOnly SQLITE_READONLY
 * @param credsReadOnly KIRO_CREDS_READONLY
 * @param profileArnMode KIRO_PROFILE_ARN_MODE
 * @param sdkVersion KIRO_SDK_VERSION (default 1.0.27)
 * @param ideVersion KIRO_IDE_VERSION (default 0.7.45)
 */
public record CredentialsSettings(
    Optional<String> cliDbFile,
    Optional<String> credsFile,
    Optional<String> refreshToken,
    Optional<String> profileArn,
    Optional<String> region,
    Optional<String> apiRegion,
    String desktopAuthBaseUrl,
    String oidcBaseUrl,
    Duration refreshThreshold,
    Duration refreshTimeout,
    boolean sqliteReadOnly,
    boolean credsReadOnly,
    ProfileArnMode profileArnMode,
    String sdkVersion,
    String ideVersion) {

  public static final String DEFAULT_DESKTOP_AUTH_BASE_URL =
      "https://prod.{region}.auth.desktop.kiro.dev";
  public static final String DEFAULT_OIDC_BASE_URL = "https://oidc.{region}.amazonaws.com";

  /** Reads every key with its default; invalid values throw a ConfigException naming the key. */
  public static CredentialsSettings from(Settings s) {
    return new CredentialsSettings(
        s.optional("KIRO_CLI_DB_FILE"),
        s.optional("KIRO_CREDS_FILE"),
        s.optional("REFRESH_TOKEN"),
        s.optional("PROFILE_ARN"),
        s.optional("KIRO_REGION").map(r -> r.toLowerCase(Locale.ROOT)),
        s.optional("KIRO_API_REGION").map(r -> r.toLowerCase(Locale.ROOT)),
        s.string("KIRO_DESKTOP_AUTH_BASE_URL", DEFAULT_DESKTOP_AUTH_BASE_URL),
        s.string("KIRO_OIDC_BASE_URL", DEFAULT_OIDC_BASE_URL),
        s.seconds("TOKEN_REFRESH_THRESHOLD", Duration.ofSeconds(600)),
        positive(s, "TOKEN_REFRESH_TIMEOUT", Duration.ofSeconds(30)),
        s.bool("SQLITE_READONLY", false),
        s.bool("KIRO_CREDS_READONLY", false),
        ProfileArnMode.valueOf(
            s.oneOf("KIRO_PROFILE_ARN_MODE", "auto", List.of("auto", "always", "never"))
                .toUpperCase(Locale.ROOT)),
        s.string("KIRO_SDK_VERSION", "1.0.27"),
        s.string("KIRO_IDE_VERSION", "0.7.45"));
  }

  /** Settings with every default and nothing configured. */
  public static CredentialsSettings defaults() {
    return from(Settings.of(java.util.Map.of()));
  }

  private static Duration positive(Settings s, String key, Duration def) {
    Duration d = s.seconds(key, def);
    if (d.isZero()) {
      throw new dev.kirogateway.config.ConfigException(
          "Invalid value for " + key + ": '0' (expected a number of seconds > 0)");
    }
    return d;
  }

  /** Either read-only key turns write-back off for every source (tokens stay in memory). */
  boolean readOnly() {
    return sqliteReadOnly || credsReadOnly;
  }

  @Override
  public String toString() {
    return "CredentialsSettings[cliDbFile=" + cliDbFile.orElse("-")
        + ", credsFile=" + credsFile.orElse("-")
        + ", refreshToken=" + (refreshToken.isPresent() ? "<redacted>" : "-")
        + ", profileArn=" + profileArn.orElse("-")
        + ", region=" + region.orElse("-")
        + ", apiRegion=" + apiRegion.orElse("-")
        + ", desktopAuthBaseUrl=" + desktopAuthBaseUrl
        + ", oidcBaseUrl=" + oidcBaseUrl
        + ", refreshThreshold=" + refreshThreshold
        + ", refreshTimeout=" + refreshTimeout
        + ", sqliteReadOnly=" + sqliteReadOnly
        + ", credsReadOnly=" + credsReadOnly
        + ", profileArnMode=" + profileArnMode
        + ", sdkVersion=" + sdkVersion
        + ", ideVersion=" + ideVersion + "]";
  }
}
