package dev.kirogateway.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads a {@code .env} file: {@code KEY=value} lines, optional {@code export} prefix, {@code #}
 * comments, single- or double-quoted values (double quotes understand {@code \n}, {@code \"} and
 * {@code \\}).
 */
public final class DotEnv {
  private DotEnv() {}

  public static Map<String, String> read(Path file) {
    try {
      return parse(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new ConfigException("Cannot read env file " + file + ": " + e.getMessage());
    }
  }

  public static Map<String, String> parse(String text) {
    Map<String, String> out = new LinkedHashMap<>();
    int lineNo = 0;
    for (String line : text.split("\r?\n", -1)) {
      lineNo++;
      String s = line.strip();
      if (s.isEmpty() || s.startsWith("#")) {
        continue;
      }
      if (s.startsWith("export ")) {
        s = s.substring(7).strip();
      }
      int eq = s.indexOf('=');
      if (eq <= 0) {
        throw new ConfigException("Invalid line " + lineNo + " in env file: expected KEY=value");
      }
      out.put(s.substring(0, eq).strip(), value(s.substring(eq + 1).strip()));
    }
    return out;
  }

  private static String value(String v) {
    if (v.length() >= 2 && v.charAt(0) == '\'' && v.indexOf('\'', 1) > 0) {
      return v.substring(1, v.indexOf('\'', 1));
    }
    if (v.length() >= 2 && v.charAt(0) == '"') {
      StringBuilder b = new StringBuilder();
      for (int i = 1; i < v.length(); i++) {
        char c = v.charAt(i);
        if (c == '"') {
          return b.toString();
        }
        if (c == '\\' && i + 1 < v.length()) {
          char n = v.charAt(++i);
          b.append(n == 'n' ? '\n' : n);
        } else {
          b.append(c);
        }
      }
      return b.toString();
    }
    int hash = v.indexOf(" #");
    return hash >= 0 ? v.substring(0, hash).strip() : v;
  }
}
