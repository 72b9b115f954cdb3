package dev.kirogateway.keys;

import dev.kirogateway.config.Settings;
import java.nio.file.Path;

/**
 * Where the key store lives.
 *
 * @param dataDir DATA_DIR (default {@code ~/.kiro-gateway}); the store is {@code keys.sqlite3}
 */
public record KeysSettings(Path dataDir) {

  public static KeysSettings from(Settings s, Path home) {
    String dir = s.string("DATA_DIR", home.resolve(".kiro-gateway").toString());
    if (dir.equals("~") || dir.startsWith("~/")) {
      dir = home + dir.substring(1);
    }
    return new KeysSettings(Path.of(dir));
  }

  public Path database() {
    return dataDir.resolve("keys.sqlite3");
  }
}
