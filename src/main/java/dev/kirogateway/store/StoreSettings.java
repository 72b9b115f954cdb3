package dev.kirogateway.store;

import dev.kirogateway.config.Settings;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Response-store settings.
 *
 * @param dataDir the gateway's data folder ({@code DATA_DIR}, default {@code ~/.kiro-gateway})
 * @param retention how long a stored response lives ({@code RESPONSES_RETENTION_DAYS}, 30)
 * @param maxStored the most responses kept; the oldest go first ({@code RESPONSES_MAX_STORED},
 *     10000)
 */
public record StoreSettings(Path dataDir, Duration retention, int maxStored) {

  public static StoreSettings from(Settings s) {
    Path home = Path.of(System.getProperty("user.home"));
    Path dir =
        s.optional("DATA_DIR").map(StoreSettings::expandHome).orElse(home.resolve(".kiro-gateway"));
    return new StoreSettings(
        dir,
        Duration.ofDays(s.integer("RESPONSES_RETENTION_DAYS", 30, 1, 36500)),
        s.integer("RESPONSES_MAX_STORED", 10_000, 1, 100_000_000));
  }

  /** The SQLite file inside the data folder. */
  public Path responsesDb() {
    return dataDir.resolve("responses.db");
  }

  private static Path expandHome(String p) {
    if (p.equals("~") || p.startsWith("~/")) {
      return Path.of(System.getProperty("user.home") + p.substring(1));
    }
    return Path.of(p);
  }
}
