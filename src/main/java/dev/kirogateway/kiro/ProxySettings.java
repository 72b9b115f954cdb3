package dev.kirogateway.kiro;

import dev.kirogateway.config.ConfigException;
import dev.kirogateway.config.Settings;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * The outbound proxy every Kiro and auth call goes through ({@code VPN_PROXY_URL}, e.g. {@code
 * http://user:pass@host:3128} or {@code socks5://host:1080}), and the hosts that bypass it ({@code
 * VPN_PROXY_NO_PROXY}). {@link #toString()} never shows the password.
 *
 * @param scheme {@code http}, {@code https} (TLS to the proxy) or {@code socks5}
 * @param user proxy user, when the URL carries credentials
 * @param password proxy password (may be empty), when the URL carries credentials
 */
public record ProxySettings(
    String scheme,
    String host,
    int port,
    Optional<String> user,
    Optional<String> password,
    NoProxy noProxy) {

  static final String KEY = "VPN_PROXY_URL";

  /** Empty when {@code VPN_PROXY_URL} is unset. */
  public static Optional<ProxySettings> from(Settings s) {
    NoProxy noProxy = NoProxy.parse(s.list("VPN_PROXY_NO_PROXY"));
    return s.optional(KEY).map(url -> parse(url, noProxy));
  }

  static ProxySettings parse(String url, NoProxy noProxy) {
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw invalid(url, "not a URL");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    // socks5h (remote DNS) is what curl users write; Jetty always sends the host name anyway
    scheme = scheme.equals("socks5h") ? "socks5" : scheme;
    int defaultPort =
        switch (scheme) {
          case "http" -> 80;
          case "https" -> 443;
          case "socks5" -> 1080;
          default -> throw invalid(url, "the scheme must be http, https or socks5");
        };
    if (uri.getHost() == null) {
      throw invalid(url, "no host");
    }
    if (uri.getRawPath() != null && !uri.getRawPath().isEmpty() && !uri.getRawPath().equals("/")) {
      throw invalid(url, "a proxy URL has no path");
    }
    Optional<String> user = Optional.empty();
    Optional<String> password = Optional.empty();
    String info = uri.getRawUserInfo();
    if (info != null) {
      int colon = info.indexOf(':');
      user = Optional.of(decode(colon < 0 ? info : info.substring(0, colon)));
      password = Optional.of(colon < 0 ? "" : decode(info.substring(colon + 1)));
    }
    int port = uri.getPort() < 0 ? defaultPort : uri.getPort();
    return new ProxySettings(scheme, uri.getHost(), port, user, password, noProxy);
  }

  /** Percent-decoding only: a {@code +} in a password stays a plus. */
  private static String decode(String raw) {
    return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  private static ConfigException invalid(String url, String why) {
    return new ConfigException(
        "Invalid URL for " + KEY + ": '" + redact(url) + "' (" + why
            + "; expected http://[user:pass@]host:port, https://… or socks5://[user:pass@]host:port)");
  }

  /** The URL with any password replaced, for messages. */
  static String redact(String url) {
    return url.replaceAll("(//[^:/@]*):[^@/]*@", "$1:***@");
  }

  public boolean hasCredentials() {
    return user.isPresent();
  }

  /** E.g. {@code socks5://127.0.0.1:1080 (with credentials)}. */
  @Override
  public String toString() {
    return scheme + "://" + host + ":" + port + (hasCredentials() ? " (with credentials)" : "");
  }
}
