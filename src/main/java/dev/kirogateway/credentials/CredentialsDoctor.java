package dev.kirogateway.credentials;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.client.HttpClient;

/** The credentials part of {@code kiro-gateway doctor}: what was found, and does it work. */
public final class CredentialsDoctor {
  private CredentialsDoctor() {}

  /**
   * The outcome: {@code ok} false means the gateway could not serve requests.
   *
   * @param ok everything needed works
   * @param lines human-readable report lines, no secrets
   */
  public record Report(boolean ok, List<String> lines) {
    public Report {
      lines = List.copyOf(lines);
    }

    /** 0 when ok, 1 otherwise. */
    public int exitCode() {
      return ok ? 0 : 1;
    }

    public String text() {
      return String.join("\n", lines);
    }
  }

  /**
   * Locates the credentials like the gateway would and reports them; with {@code tryRefresh}
   * performs one real refresh (which rotates and writes back tokens like a normal refresh).
   */
  public static Report run(CredentialsSettings settings, HttpClient http, Clock clock,
      Map<String, String> env, String osName, Path home, boolean tryRefresh) {
    RefreshingTokenProvider provider;
    try {
      provider = Credentials.open(settings, http, clock, env, osName, home);
    } catch (CredentialsException e) {
      List<String> lines = new ArrayList<>();
      lines.add("Credentials: FAILED");
      e.getMessage().lines().forEach(l -> lines.add("  " + l));
      return new Report(false, lines);
    }
    return report(provider, clock, tryRefresh);
  }

  static Report report(RefreshingTokenProvider provider, Clock clock, boolean tryRefresh) {
    List<String> lines = new ArrayList<>(describe(provider.status(), clock.instant()));
    boolean ok;
    if (tryRefresh) {
      try {
        KiroCredentials fresh = provider.refreshNow();
        lines.add("  refresh:      OK (new token valid until " + fresh.expiresAt() + ")");
        ok = true;
      } catch (CredentialsException e) {
        lines.add("  refresh:      FAILED: " + e.getMessage());
        ok = false;
      }
    } else {
      ok = "valid".equals(provider.status().get("state"));
      lines.add("  refresh:      not tried" + (ok ? "" : " (token needs a refresh; run the"
          + " doctor with the refresh check)"));
    }
    lines.add(0, "Credentials: " + (ok ? "OK" : "FAILED"));
    return new Report(ok, lines);
  }

  private static List<String> describe(Map<String, Object> st, Instant now) {
    List<String> lines = new ArrayList<>();
    lines.add("  source:       " + st.get("source") + (st.get("path") == null ? ""
        : " (" + st.get("path") + ")"));
    lines.add("  login:        " + st.get("loginType") + " (refresh flow " + st.get("authType")
        + ")");
    lines.add("  SSO region:   " + st.get("ssoRegion"));
    lines.add("  API region:   " + st.get("apiRegion"));
    lines.add("  profile ARN:  " + (st.get("profileArn") == null ? "none"
        : st.get("profileArn")) + " (mode " + st.get("profileArnMode") + ")");
    lines.add("  access token: " + st.get("accessToken") + " <redacted>");
    Object expires = st.get("expiresAt");
    lines.add("  expires:      " + (expires == null ? "unknown (treated as expired)"
        : relative(Duration.between(now, Instant.parse(expires.toString()))) + " (" + expires
            + ")"));
    lines.add("  write-back:   " + st.get("writeBack"));
    return lines;
  }

  static String relative(Duration d) {
    long s = Math.abs(d.toSeconds());
    String amount = s < 120 ? s + " s" : s < 7200 ? s / 60 + " min" : s < 172800
        ? s / 3600 + " h" : s / 86400 + " days";
    return d.isNegative() ? "expired " + amount + " ago" : "in " + amount;
  }
}
