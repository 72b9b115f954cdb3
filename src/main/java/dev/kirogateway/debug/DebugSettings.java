package dev.kirogateway.debug;

import dev.kirogateway.config.Settings;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Debug capture settings.
 *
 * @param mode {@code DEBUG_MODE}: off (default), errors or all
 * @param dir {@code DEBUG_DIR}, default {@code <DATA_DIR or ~/.kiro-gateway>/debug}
 * @param maxFiles {@code DEBUG_MAX_FILES} (200): captures kept; the oldest are deleted
 */
public record DebugSettings(DebugMode mode, Path dir, int maxFiles) {

  /** Reads the settings; {@code home} is the user's home directory for the default location. */
  public static DebugSettings from(Settings s, Path home) {
    String mode = s.oneOf("DEBUG_MODE", "off", List.of("off", "errors", "all"));
    Path data =
        s.optional("DATA_DIR").map(Path::of).orElseGet(() -> home.resolve(".kiro-gateway"));
    Path dir = s.optional("DEBUG_DIR").map(Path::of).orElseGet(() -> data.resolve("debug"));
    return new DebugSettings(
        DebugMode.valueOf(mode.toUpperCase(Locale.ROOT)),
        dir,
        s.integer("DEBUG_MAX_FILES", 200, 1, 1_000_000));
  }
}
