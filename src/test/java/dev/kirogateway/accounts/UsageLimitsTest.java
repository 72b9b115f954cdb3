package dev.kirogateway.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

final class UsageLimitsTest {

  private static UsageLimits parse(String json) {
    return UsageLimits.parse(json.getBytes(StandardCharsets.UTF_8)).orElseThrow();
  }

  @Test
  void readsTheCreditEntryPreferringThePreciseFigures() {
    UsageLimits u =
        parse(
            """
            {"daysUntilReset":12,"nextDateReset":1767225600,
             "subscriptionInfo":{"subscriptionTitle":"KIRO PRO","type":"Q_DEVELOPER_STANDALONE_PRO"},
             "usageBreakdownList":[
               {"resourceType":"AGENTIC_REQUEST","currentUsage":1,"usageLimit":2},
               {"resourceType":"CREDIT","currentUsage":3,"currentUsageWithPrecision":3.25,
                "usageLimit":50,"usageLimitWithPrecision":50.0,"nextDateReset":1767225600}]}
            """);
    assertThat(u.subscription()).contains("KIRO PRO");
    assertThat(u.used()).hasValue(3.25);
    assertThat(u.limit()).hasValue(50.0);
    assertThat(u.remaining()).hasValue(46.75);
    assertThat(u.nextReset()).contains(Instant.parse("2026-01-01T00:00:00Z"));
  }

  @Test
  void missingFiguresStayUnknownAndGarbageIsNotAnAnswer() {
    UsageLimits u = parse("{\"usageBreakdownList\":[{\"currentUsage\":4}]}");
    assertThat(u.used()).hasValue(4.0);
    assertThat(u.limit()).isEmpty();
    assertThat(u.remaining()).isEmpty();
    assertThat(u.nextReset()).isEmpty();
    assertThat(u.view()).containsEntry("creditsRemaining", null);
    assertThat(UsageLimits.parse("not json".getBytes(StandardCharsets.UTF_8))).isEmpty();
    assertThat(UsageLimits.parse("[1]".getBytes(StandardCharsets.UTF_8))).isEmpty();
  }

  @Test
  void waitsAreWordedShortly() {
    assertThat(Durations.human(Duration.ofMillis(200))).isEqualTo("1 s");
    assertThat(Durations.human(Duration.ofSeconds(45))).isEqualTo("45 s");
    assertThat(Durations.human(Duration.ofSeconds(61))).isEqualTo("2 min");
    assertThat(Durations.human(Duration.ofMinutes(240))).isEqualTo("4 h");
    assertThat(Durations.human(Duration.ofMinutes(125))).isEqualTo("2 h 5 min");
    assertThat(Durations.human(Duration.ofDays(12))).isEqualTo("12 days");
  }
}
