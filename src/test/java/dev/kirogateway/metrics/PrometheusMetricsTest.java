package dev.kirogateway.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kirogateway.chat.ErrorKind;
import java.time.Instant;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

final class PrometheusMetricsTest {

  private static RequestSummary request(String model, int status) {
    return new RequestSummary("req_1", "POST", "/v1/messages", "anthropic", model, false, status,
        Instant.EPOCH, OptionalLong.of(120), 900, 10, 20, OptionalDouble.of(0.25), "");
  }

  @Test
  void manyDistinctModelNamesCollapseIntoOther() {
    PrometheusMetrics m = new PrometheusMetrics();
    for (int i = 0; i < PrometheusMetrics.MAX_MODELS + 10; i++) {
      m.requestFinished(request("model-" + i, 404));
    }
    String s = m.scrape();
    assertThat(s).contains("model=\"model-0\"").doesNotContain("model=\"model-55\"");
    assertThat(s)
        .contains("kiro_gateway_requests_total{api=\"anthropic\",model=\"other\",status=\"404\"} 10.0");
  }

  @Test
  void countsEveryKindOfEvent() {
    PrometheusMetrics m = new PrometheusMetrics();
    m.requestFinished(request("claude-sonnet-4.5", 200));
    m.upstreamError(ErrorKind.UPSTREAM_TIMEOUT);
    m.retry("backoff");
    m.tokenRefresh("failure");
    m.streamStarted();
    String s = m.scrape();
    assertThat(s)
        .contains("kiro_gateway_upstream_errors_total{kind=\"upstream_timeout\"} 1.0")
        .contains("kiro_gateway_upstream_retries_total{reason=\"backoff\"} 1.0")
        .contains("kiro_gateway_token_refreshes_total{outcome=\"failure\"} 1.0")
        .contains("kiro_gateway_token_refreshes_total{outcome=\"success\"} 0.0")
        .contains("kiro_gateway_streams_in_flight 1.0")
        .contains("kiro_gateway_credits_used_total{model=\"claude-sonnet-4.5\"} 0.25")
        .contains("kiro_gateway_tokens_total{direction=\"out\",model=\"claude-sonnet-4.5\"} 20.0");
  }

  @Test
  void noneRecordsNothing() {
    Metrics.NONE.requestFinished(request("x", 200));
    assertThat(Metrics.NONE.scrape()).isEmpty();
  }
}
