package dev.kirogateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kirogateway.sim.Scenario;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * /metrics, the dashboard's JSON and auth, and request ids in error bodies, through a running
 * gateway and simulator.
 */
final class OpsEndpointsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String OPENAI =
      "{\"model\":\"claude-sonnet-4.5\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";
  private static final String OPENAI_STREAM =
      "{\"model\":\"claude-sonnet-4.5\",\"stream\":true,"
          + "\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";
  private static final String ANTHROPIC =
      "{\"model\":\"claude-haiku-4.5\",\"max_tokens\":100,"
          + "\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";

  private static GatewayHarness harness;
  private static RawClient client;

  @BeforeAll
  static void start() {
    harness = GatewayHarness.start(Map.of());
    client = new RawClient(harness);
    harness.simulator().enqueue(Scenario.Text.of("Hello", " there."));
    assertThat(client.openai(OPENAI).statusCode()).isEqualTo(200);
    harness.simulator().enqueue(Scenario.Text.of("Streamed."));
    assertThat(client.openai(OPENAI_STREAM).statusCode()).isEqualTo(200);
    // one retry before success, then an upstream failure the client sees
    harness.simulator().enqueue(Scenario.HttpError.modelTemporarilyUnavailable());
    harness.simulator().enqueue(Scenario.Text.of("After a retry."));
    assertThat(client.anthropic(ANTHROPIC).statusCode()).isEqualTo(200);
    harness.simulator().enqueue(Scenario.HttpError.monthlyLimit());
    assertThat(client.anthropic(ANTHROPIC).statusCode()).isEqualTo(429);
    harness.awaitIdle();
  }

  @AfterAll
  static void stop() {
    harness.close();
  }

  private static String metrics() {
    HttpResponse<String> r = client.get("/metrics", "Authorization", "Bearer " + client.key());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
    return r.body();
  }

  private static double sample(String scrape, String series) {
    Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(scrape);
    assertThat(m.find()).as("series %s in%n%s", series, scrape).isTrue();
    return Double.parseDouble(m.group(1));
  }

  @Test
  void metricsNeedTheApiKey() {
    HttpResponse<String> r = client.get("/metrics");
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(client.get("/metrics", "x-api-key", "wrong").statusCode()).isEqualTo(401);
  }

  @Test
  void metricsCountRequestsByApiModelAndStatus() {
    String s = metrics();
    assertThat(
            sample(s, "kiro_gateway_requests_total{api=\"openai\",model=\"claude-sonnet-4.5\","
                + "status=\"200\"}"))
        .isEqualTo(2.0);
    assertThat(
            sample(s, "kiro_gateway_requests_total{api=\"anthropic\",model=\"claude-haiku-4.5\","
                + "status=\"429\"}"))
        .isEqualTo(1.0);
  }

  @Test
  void metricsHaveLatencyHistogramsTokensAndCredits() {
    String s = metrics();
    String tags = "api=\"openai\",model=\"claude-sonnet-4.5\"";
    assertThat(sample(s, "kiro_gateway_time_to_first_token_seconds_count{" + tags + "}"))
        .isEqualTo(2.0);
    assertThat(sample(s, "kiro_gateway_request_duration_seconds_bucket{" + tags + ",le=\"+Inf\"}"))
        .isEqualTo(2.0);
    assertThat(s).contains("kiro_gateway_request_duration_seconds_bucket{" + tags + ",le=\"0.5\"}");
    assertThat(
            sample(s, "kiro_gateway_tokens_total{direction=\"in\",model=\"claude-sonnet-4.5\"}"))
        .isPositive();
    assertThat(
            sample(s, "kiro_gateway_tokens_total{direction=\"out\",model=\"claude-sonnet-4.5\"}"))
        .isPositive();
    assertThat(sample(s, "kiro_gateway_credits_used_total{model=\"claude-sonnet-4.5\"}"))
        .isPositive();
    assertThat(sample(s, "kiro_gateway_streams_in_flight")).isEqualTo(0.0);
  }

  @Test
  void metricsCountUpstreamErrorsRetriesAndRefreshes() {
    String s = metrics();
    assertThat(sample(s, "kiro_gateway_upstream_errors_total{kind=\"overloaded\"}"))
        .isEqualTo(1.0);
    assertThat(sample(s, "kiro_gateway_upstream_errors_total{kind=\"quota_exceeded\"}"))
        .isEqualTo(1.0);
    assertThat(sample(s, "kiro_gateway_upstream_retries_total{reason=\"backoff\"}")).isEqualTo(1.0);
    // the harness starts with only a refresh token: the first request refreshed once
    assertThat(sample(s, "kiro_gateway_token_refreshes_total{outcome=\"success\"}"))
        .isEqualTo(1.0);
    assertThat(sample(s, "kiro_gateway_token_refreshes_total{outcome=\"failure\"}"))
        .isEqualTo(0.0);
  }

  @Test
  void metricsCanBePublicForAScraper() {
    try (GatewayHarness open = GatewayHarness.start(Map.of("METRICS_PUBLIC", "true"))) {
      HttpResponse<String> r = new RawClient(open).get("/metrics");
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.body()).contains("kiro_gateway_token_refreshes_total");
    }
  }

  @Test
  void errorBodiesCarryTheRequestIdOfTheHeader() throws Exception {
    // fresh clients: a pooled connection the gateway closed after an unread body would fail
    HttpResponse<String> openai = new RawClient(harness).post("/v1/chat/completions", OPENAI);
    String id = openai.headers().firstValue("x-request-id").orElseThrow();
    assertThat(JSON.readTree(openai.body()).at("/error/request_id").asText()).isEqualTo(id);

    HttpResponse<String> anthropic = new RawClient(harness).post("/v1/messages", ANTHROPIC);
    String id2 = anthropic.headers().firstValue("x-request-id").orElseThrow();
    JsonNode body = JSON.readTree(anthropic.body());
    assertThat(body.path("request_id").asText()).isEqualTo(id2);
    assertThat(body.at("/error/type").asText()).isEqualTo("authentication_error");
  }

  @Test
  void dashboardPageAsksForTheKeyThenSetsACookie() {
    HttpResponse<String> anonymous = client.get("/dashboard");
    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(anonymous.body()).contains("<form").contains("name=\"key\"");

    HttpResponse<String> wrong = client.get("/dashboard?key=nope");
    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(wrong.headers().firstValue("Set-Cookie")).isEmpty();

    HttpResponse<String> login = client.get("/dashboard?key=" + client.key());
    assertThat(login.statusCode()).isEqualTo(303);
    assertThat(login.headers().firstValue("Location")).contains("/dashboard");
    String cookie = login.headers().firstValue("Set-Cookie").orElseThrow();
    assertThat(cookie).contains("HttpOnly").doesNotContain(client.key());

    String pair = cookie.substring(0, cookie.indexOf(';'));
    HttpResponse<String> page = client.get("/dashboard", "Cookie", pair);
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("<svg id=\"chart\"").contains("/dashboard/dashboard.js");
    assertThat(client.get("/dashboard/api/state", "Cookie", pair).statusCode()).isEqualTo(200);
    assertThat(client.get("/dashboard/api/state").statusCode()).isEqualTo(401);
  }

  @Test
  void dashboardStateListsRecentRequestsCredentialsAndErrorRate() throws Exception {
    HttpResponse<String> r =
        client.get("/dashboard/api/state", "Authorization", "Bearer " + client.key());
    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode s = JSON.readTree(r.body());
    assertThat(s.at("/credentials/state").asText()).isEqualTo("valid");
    assertThat(s.at("/credentials/expiresAt").asText()).isNotEmpty();
    // the accounts table: usage and quota per Kiro account (the simulator answers GetUsageLimits)
    JsonNode account = s.at("/accounts/accounts/0");
    assertThat(account.path("name").asText()).isEqualTo("default");
    assertThat(account.path("requestsServed").asLong()).isPositive();
    assertThat(account.at("/usageLimits/error").isNull()).as(account.toString()).isTrue();
    assertThat(account.at("/usageLimits/creditLimit").isNumber()).as(account.toString()).isTrue();
    assertThat(r.body()).doesNotContain(GatewayHarness.REFRESH_TOKEN);
    JsonNode recent = s.path("recent");
    JsonNode stream = null;
    for (JsonNode row : recent) {
      if (row.path("stream").asBoolean()) {
        stream = row;
      }
      // the dashboard's own polls and /metrics scrapes are not traffic
      assertThat(row.path("path").asText()).doesNotStartWith("/dashboard").isNotEqualTo("/metrics");
    }
    assertThat(stream).isNotNull();
    assertThat(stream.path("status").asInt()).isEqualTo(200);
    assertThat(stream.path("ttftMs").isNumber()).isTrue();
    assertThat(stream.path("outputTokens").asInt()).isPositive();
    assertThat(s.at("/totals/failed").asInt()).isPositive();
    assertThat(s.at("/totals/errorRate").asDouble()).isBetween(0.01, 0.99);
  }

  @Test
  void dashboardAssetsAreServedFromTheJar() {
    HttpResponse<String> js = client.get("/dashboard/dashboard.js");
    assertThat(js.statusCode()).isEqualTo(200);
    // offline: nothing fetched from elsewhere (the SVG namespace is a name, not a fetch)
    assertThat(js.body().replace("http://www.w3.org/2000/svg", ""))
        .contains("/dashboard/api/state")
        .doesNotContain("http://")
        .doesNotContain("https://");
    assertThat(client.get("/dashboard/dashboard.css").statusCode()).isEqualTo(200);
  }
}
