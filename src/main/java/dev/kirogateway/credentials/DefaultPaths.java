package dev.kirogateway.credentials;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Where kiro-cli and Kiro IDE keep their credentials by default (§9.1). A pure function of (OS
 * name, home directory, environment) returning path strings in the target OS's syntax, so the
 * rules for all three OSes are testable on any of them.
 *
 * @param sqlite kiro-cli databases, most likely first
 * @param json Kiro IDE token files
 */
record DefaultPaths(List<String> sqlite, List<String> json) {

  DefaultPaths {
    sqlite = List.copyOf(sqlite);
    json = List.copyOf(json);
  }

  static DefaultPaths detect(String osName, String home, Map<String, String> env) {
    String os = osName.toLowerCase(Locale.ROOT);
    if (os.startsWith("windows")) {
      return windows(home, env);
    }
    if (os.startsWith("mac") || os.startsWith("darwin")) {
      String support = join("/", home, "Library", "Application Support");
      return new DefaultPaths(
          List.of(join("/", support, "kiro-cli", "data.sqlite3"),
              join("/", support, "amazon-q", "data.sqlite3")),
          List.of(ideTokenFile("/", home)));
    }
    return linux(home, env);
  }

  private static DefaultPaths linux(String home, Map<String, String> env) {
    List<String> dataDirs = new ArrayList<>();
    // kiro-cli resolves its data dir through XDG, so a custom XDG_DATA_HOME moves the database.
    String xdg = env.getOrDefault("XDG_DATA_HOME", "");
    if (xdg.startsWith("/")) {
      dataDirs.add(xdg);
    }
    String standard = join("/", home, ".local", "share");
    if (!dataDirs.contains(standard)) {
      dataDirs.add(standard);
    }
    List<String> sqlite = new ArrayList<>();
    for (String app : List.of("kiro-cli", "amazon-q")) {
      for (String dir : dataDirs) {
        sqlite.add(join("/", dir, app, "data.sqlite3"));
      }
    }
    return new DefaultPaths(sqlite, List.of(ideTokenFile("/", home)));
  }

  private static DefaultPaths windows(String home, Map<String, String> env) {
    String profile = nonBlank(env.get("USERPROFILE"), home);
    String local = nonBlank(env.get("LOCALAPPDATA"), join("\\", profile, "AppData", "Local"));
    return new DefaultPaths(
        List.of(join("\\", local, "Kiro-Cli", "data.sqlite3")),
        List.of(ideTokenFile("\\", profile)));
  }

  private static String ideTokenFile(String sep, String home) {
    return join(sep, home, ".aws", "sso", "cache", "kiro-auth-token.json");
  }

  private static String nonBlank(String value, String fallback) {
    return value == null || value.isBlank() ? fallback : value;
  }

  private static String join(String sep, String first, String... more) {
    StringBuilder sb = new StringBuilder(trimTrailing(first, sep));
    for (String part : more) {
      sb.append(sep).append(part);
    }
    return sb.toString();
  }

  private static String trimTrailing(String s, String sep) {
    String t = s;
    while (t.length() > 1 && t.endsWith(sep)) {
      t = t.substring(0, t.length() - 1);
    }
    return t;
  }

  /** Expands a leading {@code ~} (alone or followed by a separator) to {@code home}. */
  static String expandTilde(String path, String home) {
    if (path.equals("~")) {
      return home;
    }
    if (path.startsWith("~/") || path.startsWith("~\\")) {
      return trimTrailing(home, path.substring(1, 2)) + path.substring(1);
    }
    return path;
  }
}
