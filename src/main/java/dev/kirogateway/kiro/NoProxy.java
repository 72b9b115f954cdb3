package dev.kirogateway.kiro;

import java.util.List;
import java.util.Locale;

/**
 * The hosts that skip the outbound proxy ({@code VPN_PROXY_NO_PROXY}, comma separated). An entry
 * is a host ({@code localhost}), a host and port ({@code 10.0.0.5:8443}), a domain suffix ({@code
 * .corp.example} or {@code *.corp.example}, which also matches {@code corp.example}) or {@code *}
 * for every host. Pure; no DNS.
 */
public record NoProxy(List<String> entries) {
  public NoProxy {
    entries =
        entries.stream()
            .map(e -> e.strip().toLowerCase(Locale.ROOT))
            .filter(e -> !e.isEmpty())
            .toList();
  }

  static NoProxy parse(List<String> entries) {
    return new NoProxy(entries);
  }

  /** True when a call to {@code host}:{@code port} goes direct. */
  public boolean bypasses(String host, int port) {
    String h = stripBrackets(host.toLowerCase(Locale.ROOT));
    return entries.stream().anyMatch(e -> matches(e, h, port));
  }

  private static boolean matches(String entry, String host, int port) {
    if (entry.equals("*")) {
      return true;
    }
    String pattern = entry;
    int entryPort = -1;
    int colon = pattern.lastIndexOf(':');
    // a single colon is host:port; more (IPv6 literal) only when bracketed
    if (colon > 0 && (pattern.indexOf(':') == colon || pattern.startsWith("["))
        && pattern.substring(colon + 1).chars().allMatch(Character::isDigit)
        && colon < pattern.length() - 1) {
      entryPort = Integer.parseInt(pattern.substring(colon + 1));
      pattern = pattern.substring(0, colon);
    }
    if (entryPort >= 0 && entryPort != port) {
      return false;
    }
    pattern = stripBrackets(pattern);
    if (pattern.startsWith("*.")) {
      pattern = pattern.substring(1);
    }
    if (pattern.startsWith(".")) {
      return host.endsWith(pattern) || host.equals(pattern.substring(1));
    }
    return host.equals(pattern);
  }

  private static String stripBrackets(String h) {
    return h.startsWith("[") && h.endsWith("]") ? h.substring(1, h.length() - 1) : h;
  }
}
