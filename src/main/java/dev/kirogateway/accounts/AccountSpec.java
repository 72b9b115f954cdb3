package dev.kirogateway.accounts;

import dev.kirogateway.config.Settings;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One account as the accounts file describes it.
 *
 * @param name unique label shown in errors and views
 * @param keys the account's own settings keys (credential source, profile ARN, regions)
 * @param models the client model names this account may serve; empty means every model
 * @param maxConcurrent requests this account serves at once; 0 means no limit
 */
public record AccountSpec(
    String name, Map<String, String> keys, List<String> models, int maxConcurrent) {

  /** Keys that pick one account's login: never inherited from the global settings. */
  static final List<String> SOURCE_KEYS =
      List.of("KIRO_CLI_DB_FILE", "KIRO_CREDS_FILE", "REFRESH_TOKEN", "PROFILE_ARN");

  public AccountSpec {
    Objects.requireNonNull(name, "name");
    keys = Map.copyOf(keys);
    models = List.copyOf(models);
  }

  /** The single account of a gateway without an accounts file: the global settings as they are. */
  static AccountSpec implicit() {
    return new AccountSpec("default", Map.of(), List.of(), 0);
  }

  /**
   * This account's settings: its keys over the global ones, minus the global login keys (a global
   * KIRO_CLI_DB_FILE would otherwise win over the account's REFRESH_TOKEN).
   */
  public Settings over(Settings global) {
    if (keys.isEmpty()) {
      return global;
    }
    return global.without(SOURCE_KEYS.toArray(String[]::new)).with(keys);
  }

  @Override
  public String toString() {
    Map<String, String> shown = new TreeMap<>(keys);
    shown.computeIfPresent("REFRESH_TOKEN", (k, v) -> "<redacted>");
    return "AccountSpec[name="
        + name
        + ", keys="
        + shown
        + ", models="
        + models
        + ", maxConcurrent="
        + maxConcurrent
        + "]";
  }
}
