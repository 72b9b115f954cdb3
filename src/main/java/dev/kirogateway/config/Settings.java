package dev.kirogateway.config;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * An immutable view of configuration keys (environment-variable names such as {@code
 * SERVER_PORT}) with typed accessors. Blank values count as unset.
 */
public final class Settings {
  private final Map<String, String> values;

  private Settings(Map<String, String> values) {
    this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }

  public static Settings of(Map<String, String> values) {
    return new Settings(values);
  }

  /**
   * Merges sources; earlier maps win over later ones (pass CLI, then env, then {@code .env}).
   */
  @SafeVarargs
  public static Settings layered(Map<String, String>... sources) {
    Map<String, String> merged = new LinkedHashMap<>();
    for (int i = sources.length - 1; i >= 0; i--) {
      sources[i].forEach(
          (k, v) -> {
            if (v != null && !v.isBlank()) {
              merged.put(k, v.strip());
            }
          });
    }
    return new Settings(merged);
  }

  /** A copy with {@code overrides} on top. */
  public Settings with(Map<String, String> overrides) {
    return layered(overrides, values);
  }

  /** A copy without {@code keys} (a blank override cannot unset a key, so remove it). */
  public Settings without(String... keys) {
    Map<String, String> copy = new LinkedHashMap<>(values);
    for (String k : keys) {
      copy.remove(k);
    }
    return new Settings(copy);
  }

  /** A duration in seconds that must be greater than zero (0 would disable a safety net). */
  public Duration positiveSeconds(String key, Duration defaultValue) {
    Duration d = seconds(key, defaultValue);
    if (d.isZero()) {
      throw new ConfigException("Invalid value for " + key + ": '0' (expected a number of seconds > 0)");
    }
    return d;
  }

  public Optional<String> optional(String key) {
    String v = values.get(key);
    return v == null || v.isBlank() ? Optional.empty() : Optional.of(v);
  }

  public String string(String key, String defaultValue) {
    return optional(key).orElse(defaultValue);
  }

  public int integer(String key, int defaultValue, int min, int max) {
    return parse(key, defaultValue, "an integer from " + min + " to " + max, s -> {
      int v = Integer.parseInt(s);
      return v < min || v > max ? null : v;
    });
  }

  public long longValue(String key, long defaultValue, long min, long max) {
    return parse(key, defaultValue, "an integer from " + min + " to " + max, s -> {
      long v = Long.parseLong(s);
      return v < min || v > max ? null : v;
    });
  }

  public boolean bool(String key, boolean defaultValue) {
    return parse(key, defaultValue, "true or false", s -> switch (s.toLowerCase(Locale.ROOT)) {
      case "true", "1", "yes", "on" -> Boolean.TRUE;
      case "false", "0", "no", "off" -> Boolean.FALSE;
      default -> null;
    });
  }

  /** A duration given in (possibly fractional) seconds. */
  public Duration seconds(String key, Duration defaultValue) {
    return parse(key, defaultValue, "a number of seconds >= 0", s -> {
      double v = Double.parseDouble(s);
      return v < 0 || Double.isNaN(v) || Double.isInfinite(v)
          ? null
          : Duration.ofNanos((long) (v * 1_000_000_000L));
    });
  }

  /** One of {@code allowed} (compared case-insensitively), returned in its canonical spelling. */
  public String oneOf(String key, String defaultValue, List<String> allowed) {
    return parse(key, defaultValue, "one of " + String.join(", ", allowed), s ->
        allowed.stream().filter(a -> a.equalsIgnoreCase(s)).findFirst().orElse(null));
  }

  /** A comma-separated list; empty when unset. */
  public List<String> list(String key) {
    return optional(key).stream()
        .flatMap(v -> Stream.of(v.split(",")))
        .map(String::strip)
        .filter(s -> !s.isEmpty())
        .toList();
  }

  public Map<String, String> asMap() {
    return values;
  }

  private <T> T parse(String key, T defaultValue, String expected, Function<String, T> parser) {
    Optional<String> raw = optional(key);
    if (raw.isEmpty()) {
      return defaultValue;
    }
    T value;
    try {
      value = parser.apply(raw.get());
    } catch (RuntimeException e) {
      value = null;
    }
    if (value == null) {
      throw new ConfigException(
          "Invalid value for " + key + ": '" + raw.get() + "' (expected " + expected + ")");
    }
    return value;
  }
}
