package dev.kirogateway.accounts;

import dev.kirogateway.config.ConfigException;
import dev.kirogateway.config.Settings;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * How the gateway uses several accounts.
 *
 * @param configFile ACCOUNTS_CONFIG_FILE; absent means one account from the usual settings
 * @param reloadInterval ACCOUNTS_RELOAD_INTERVAL: how often the file's mtime is checked (5 s)
 * @param cooldown ACCOUNT_COOLDOWN: first cooldown after throttling or an auth failure (30 s)
 * @param maxCooldown ACCOUNT_COOLDOWN_MAX: the doubling stops here (1800 s)
 * @param quotaCooldown ACCOUNT_QUOTA_COOLDOWN: after a quota error when the reset date is unknown
 *     (3600 s)
 * @param missingModelCooldown ACCOUNT_MISSING_MODEL_COOLDOWN: how long a model Kiro refused for an
 *     account is not sent to it again (3600 s)
 * @param probeChance ACCOUNT_PROBE_CHANCE: chance that a request re-probes a cooling account (0.05)
 * @param managementBaseUrl KIRO_MANAGEMENT_BASE_URL with a {@code {region}} placeholder
 * @param usageCacheTtl USAGE_LIMITS_CACHE_TTL: how long GetUsageLimits answers are kept (300 s)
 */
public record AccountsSettings(
    Optional<Path> configFile,
    Duration reloadInterval,
    Duration cooldown,
    Duration maxCooldown,
    Duration quotaCooldown,
    Duration missingModelCooldown,
    double probeChance,
    String managementBaseUrl,
    Duration usageCacheTtl) {

  public static AccountsSettings from(Settings s) {
    String probe = s.string("ACCOUNT_PROBE_CHANCE", "0.05");
    double chance;
    try {
      chance = Double.parseDouble(probe);
    } catch (NumberFormatException e) {
      chance = -1;
    }
    if (!(chance >= 0 && chance <= 1)) {
      throw new ConfigException(
          "Invalid value for ACCOUNT_PROBE_CHANCE: '"
              + probe
              + "' (expected a number from 0 to 1)");
    }
    AccountsSettings a =
        new AccountsSettings(
            s.optional("ACCOUNTS_CONFIG_FILE")
                .map(p -> p.startsWith("~/") ? System.getProperty("user.home") + p.substring(1) : p)
                .map(Path::of),
            s.positiveSeconds("ACCOUNTS_RELOAD_INTERVAL", Duration.ofSeconds(5)),
            s.positiveSeconds("ACCOUNT_COOLDOWN", Duration.ofSeconds(30)),
            s.positiveSeconds("ACCOUNT_COOLDOWN_MAX", Duration.ofMinutes(30)),
            s.positiveSeconds("ACCOUNT_QUOTA_COOLDOWN", Duration.ofHours(1)),
            s.positiveSeconds("ACCOUNT_MISSING_MODEL_COOLDOWN", Duration.ofHours(1)),
            chance,
            s.string("KIRO_MANAGEMENT_BASE_URL", "https://management.{region}.kiro.dev"),
            s.seconds("USAGE_LIMITS_CACHE_TTL", Duration.ofSeconds(300)));
    a.managementUrl("us-east-1");
    return a;
  }

  /** The control-plane URL for {@code region}; plain http only on loopback. */
  URI managementUrl(String region) {
    String url = managementBaseUrl.replace("{region}", region);
    URI uri;
    try {
      uri = URI.create(url.endsWith("/") ? url : url + "/");
    } catch (IllegalArgumentException e) {
      throw new ConfigException("Invalid URL for KIRO_MANAGEMENT_BASE_URL: '" + url + "'");
    }
    String host = uri.getHost();
    boolean loopback = host != null && (host.equals("localhost") || host.startsWith("127."));
    if (host == null
        || !("https".equals(uri.getScheme()) || ("http".equals(uri.getScheme()) && loopback))) {
      throw new ConfigException(
          "Invalid URL for KIRO_MANAGEMENT_BASE_URL: '"
              + url
              + "' (expected https://host..., or http:// on loopback)");
    }
    return uri;
  }
}
