package dev.kirogateway.accounts;

import dev.kirogateway.credentials.CredentialsException;
import dev.kirogateway.credentials.KiroCredentials;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.client.BytesRequestContent;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.http.HttpMethod;

/**
 * Asks Kiro's control plane for an account's credits and reset date (GetUsageLimits,
 * KIRO-UPSTREAM.md §2.4), caching each answer. Only views and quota cooldowns use it: a failure is
 * recorded and shown, never thrown into a chat request.
 */
final class UsageLimitsClient {
  private static final String TARGET = "KiroControlPlaneBearerService.GetUsageLimits";
  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  private final HttpClient http;
  private final AccountsSettings settings;
  private final Clock clock;
  private final String userAgent;

  UsageLimitsClient(HttpClient http, AccountsSettings settings, Clock clock, String userAgent) {
    this.http = http;
    this.settings = settings;
    this.clock = clock;
    this.userAgent = userAgent;
  }

  /** The cached answer while it is fresh, else a new one (also cached, failures included). */
  Account.Cached get(Account account) {
    Account.Cached c = account.limits();
    Instant now = clock.instant();
    if (c != null && now.isBefore(c.at().plus(settings.usageCacheTtl()))) {
      return c;
    }
    Account.Cached fresh = fetch(account, now);
    account.limits(fresh);
    return fresh;
  }

  private Account.Cached fetch(Account account, Instant now) {
    try {
      KiroCredentials creds = account.tokens().current();
      String body =
          "{\"origin\":\"KIRO_CLI\""
              + creds.profileArn().map(a -> ",\"profileArn\":" + quote(a)).orElse("")
              + "}";
      ContentResponse r =
          http.newRequest(settings.managementUrl(creds.apiRegion()))
              .method(HttpMethod.POST)
              .headers(
                  h -> {
                    h.put("Authorization", "Bearer " + creds.accessToken());
                    h.put("x-amz-target", TARGET);
                    h.put("User-Agent", userAgent);
                  })
              .body(
                  new BytesRequestContent(
                      "application/x-amz-json-1.0", body.getBytes(StandardCharsets.UTF_8)))
              .timeout(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
              .send();
      if (r.getStatus() != 200) {
        return new Account.Cached(
            now, Optional.empty(), "GetUsageLimits answered HTTP " + r.getStatus());
      }
      Optional<UsageLimits> limits = UsageLimits.parse(r.getContent());
      return new Account.Cached(
          now, limits, limits.isPresent() ? null : "GetUsageLimits answered something unreadable");
    } catch (CredentialsException e) {
      return new Account.Cached(now, Optional.empty(), "no access token: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Account.Cached(now, Optional.empty(), "interrupted");
    } catch (Exception e) {
      return new Account.Cached(
          now, Optional.empty(), "GetUsageLimits failed (" + e.getClass().getSimpleName() + ")");
    }
  }

  private static String quote(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
