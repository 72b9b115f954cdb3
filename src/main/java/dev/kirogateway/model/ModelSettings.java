package dev.kirogateway.model;

import dev.kirogateway.config.ConfigException;
import dev.kirogateway.config.Settings;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Model configuration.
 *
 * @param models the model ids served by {@code /v1/models} ({@code KIRO_MODELS}, comma list)
 * @param aliases alias → model id, lower-case; the default {@code auto-kiro → auto} plus {@code
 *     MODEL_ALIASES} ({@code a=b,c=d}), which wins on equal keys
 */
public record ModelSettings(List<String> models, Map<String, String> aliases) {
  /** Kiro's own "let the service choose"; Cursor reserves the name {@code auto}, hence the alias. */
  public static final Map<String, String> DEFAULT_ALIASES = Map.of("auto-kiro", "auto");

  public ModelSettings {
    models = List.copyOf(models);
    aliases = Map.copyOf(aliases);
  }

  public static ModelSettings defaults() {
    return new ModelSettings(ModelCatalog.STATIC_MODELS, DEFAULT_ALIASES);
  }

  public static ModelSettings from(Settings s) {
    List<String> models = s.list("KIRO_MODELS").stream().map(ModelSettings::lower).toList();
    Map<String, String> aliases = new LinkedHashMap<>(DEFAULT_ALIASES);
    for (String pair : s.list("MODEL_ALIASES")) {
      int eq = pair.indexOf('=');
      if (eq <= 0 || eq == pair.length() - 1) {
        throw new ConfigException(
            "Invalid value for MODEL_ALIASES: '" + pair + "' (expected alias=model, comma-separated)");
      }
      aliases.put(lower(pair.substring(0, eq)), lower(pair.substring(eq + 1)));
    }
    return new ModelSettings(models.isEmpty() ? ModelCatalog.STATIC_MODELS : models, aliases);
  }

  private static String lower(String s) {
    return s.strip().toLowerCase(Locale.ROOT);
  }
}
