package dev.kirogateway.e2e;

import static dev.kirogateway.e2e.RawClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kirogateway.sim.Scenario;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What clients see when Kiro fails: native error shapes, retries before anything was streamed,
 * in-band errors after, truncation, token refresh on 403. Through a running gateway and simulator.
 */
final class UpstreamFailureTest {
  private static final String OPENAI =
      "{\"model\":\"claude-sonnet-4.5\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";
  private static final String OPENAI_STREAM =
      "{\"model\":\"claude-sonnet-4.5\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";
  private static final String ANTHROPIC =
      "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":100,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";
  private static final String ANTHROPIC_STREAM =
      "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":100,\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";

  private static GatewayHarness harness;
  private static RawClient client;

  @BeforeAll
  static void start() {
    harness = GatewayHarness.start(Map.of(
        "FIRST_TOKEN_TIMEOUT", "0.5", "FIRST_TOKEN_MAX_RETRIES", "2", "STREAMING_READ_TIMEOUT", "0.5"));
    client = new RawClient(harness);
  }

  @AfterAll
  static void stop() {
    harness.close();
  }

  @BeforeEach
  void reset() {
    harness.simulator().clearRequests();
    harness.sleeps().clear();
  }


  @Test
  void temporaryUnavailabilityIsRetriedWithBackoffUntilItSucceeds() {
    harness.simulator().enqueue(Scenario.HttpError.modelTemporarilyUnavailable());
    harness.simulator().enqueue(Scenario.HttpError.modelTemporarilyUnavailable());
    harness.simulator().enqueue(Scenario.Text.of("Finally."));
    HttpResponse<String> r = client.openai(OPENAI);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(json(r).at("/choices/0/message/content").asText()).isEqualTo("Finally.");
    assertThat(harness.kiroCalls()).hasSize(3);
    assertThat(harness.sleeps()).hasSize(2);
    assertThat(harness.sleeps().get(0)).isBetween(Duration.ofMillis(1000), Duration.ofMillis(1100));
    assertThat(harness.sleeps().get(1)).isBetween(Duration.ofMillis(2000), Duration.ofMillis(2200));
    List<String> attempts =
        harness.kiroCalls().stream().map(q -> q.header("amz-sdk-invocation-id").orElse(null)).distinct().toList();
    assertThat(attempts).hasSize(1);
  }

  @Test
  void persistentOverloadBecomesNativeOverloadedErrors() {
    for (int i = 0; i < 8; i++) {
      harness.simulator().enqueue(Scenario.HttpError.insufficientModelCapacity(429));
    }
    HttpResponse<String> openai = client.openai(OPENAI);
    assertThat(openai.statusCode()).isEqualTo(503);
    assertThat(json(openai).at("/error/code").asText()).isEqualTo("overloaded");
    assertThat(json(openai).at("/error/message").asText()).contains("INSUFFICIENT_MODEL_CAPACITY");
    HttpResponse<String> anthropic = client.anthropic(ANTHROPIC);
    assertThat(anthropic.statusCode()).isEqualTo(529);
    assertThat(json(anthropic).at("/type").asText()).isEqualTo("error");
    assertThat(json(anthropic).at("/error/type").asText()).isEqualTo("overloaded_error");
    assertThat(harness.kiroCalls()).hasSize(8);
  }

  @Test
  void longRetryAfterIsPassedToTheClientAtOnce() {
    harness.simulator().enqueue(Scenario.HttpError.throttled(Duration.ofSeconds(120)));
    HttpResponse<String> r = client.anthropic(ANTHROPIC);
    assertThat(r.statusCode()).isEqualTo(429);
    assertThat(r.headers().firstValue("retry-after")).contains("120");
    assertThat(json(r).at("/error/type").asText()).isEqualTo("rate_limit_error");
    assertThat(harness.kiroCalls()).hasSize(1);
    assertThat(harness.sleeps()).isEmpty();
  }

  @Test
  void exhaustedMonthlyQuotaIsInsufficientQuotaWithoutRetryAfter() {
    harness.simulator().enqueue(Scenario.HttpError.monthlyLimit());
    HttpResponse<String> r = client.openai(OPENAI);
    assertThat(r.statusCode()).isEqualTo(429);
    assertThat(r.headers().firstValue("retry-after")).isEmpty();
    assertThat(json(r).at("/error/type").asText()).isEqualTo("insufficient_quota");
    assertThat(json(r).at("/error/code").asText()).isEqualTo("insufficient_quota");
    assertThat(harness.kiroCalls()).hasSize(1);
  }

  @Test
  void contextOverflowTellsClientsToCompact() {
    harness.simulator().enqueue(Scenario.HttpError.inputTooLong());
    HttpResponse<String> a = client.anthropic(ANTHROPIC);
    assertThat(a.statusCode()).isEqualTo(400);
    assertThat(json(a).at("/error/type").asText()).isEqualTo("invalid_request_error");
    assertThat(json(a).at("/error/message").asText()).startsWith("prompt is too long:");
    harness.simulator().enqueue(Scenario.HttpError.inputTooLong());
    HttpResponse<String> o = client.openai(OPENAI);
    assertThat(json(o).at("/error/code").asText()).isEqualTo("context_length_exceeded");
  }

  @Test
  void improperlyFormedIsNotRetriedAndNamesTheUpstreamReason() {
    harness.simulator().enqueue(Scenario.HttpError.improperlyFormed());
    HttpResponse<String> r = client.openai(OPENAI);
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(json(r).at("/error/type").asText()).isEqualTo("invalid_request_error");
    assertThat(json(r).at("/error/message").asText()).contains("Improperly formed request").contains("request id");
    assertThat(harness.kiroCalls()).hasSize(1);
  }

  @Test
  void unknownModelIsModelNotFound() {
    HttpResponse<String> r =
        client.openai("{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}");
    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(json(r).at("/error/code").asText()).isEqualTo("model_not_found");
  }

  @Test
  void rejectedTokenIsRefreshedOnceAndTheRequestRetried() {
    int refreshesBefore = harness.simulator().desktopRefreshCalls();
    harness.simulator().enqueue(Scenario.HttpError.bearerTokenInvalid());
    harness.simulator().enqueue(Scenario.Text.of("After refresh."));
    HttpResponse<String> r = client.openai(OPENAI);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(json(r).at("/choices/0/message/content").asText()).isEqualTo("After refresh.");
    assertThat(harness.simulator().desktopRefreshCalls()).isEqualTo(refreshesBefore + 1);
    var requests = harness.kiroCalls();
    assertThat(requests).hasSize(2);
    assertThat(requests.get(1).header("authorization").orElse(null)).isNotEqualTo(requests.get(0).header("authorization").orElse(null));
  }

  @Test
  void throttlingFrameBeforeAnyContentIsRetried() {
    harness.simulator().enqueue(Scenario.ExceptionFrame.throttling());
    harness.simulator().enqueue(Scenario.Text.of("Second try."));
    HttpResponse<String> r = client.anthropic(ANTHROPIC);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(json(r).at("/content/0/text").asText()).isEqualTo("Second try.");
    assertThat(harness.kiroCalls()).hasSize(2);
  }

  @Test
  void midStreamFailureEndsAnthropicStreamWithAnErrorEventAndNoMessageStop() {
    harness.simulator().enqueue(Scenario.ExceptionFrame.throttling("Partial ", "answer"));
    HttpResponse<String> r = client.anthropic(ANTHROPIC_STREAM);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("\"text\":\"Partial \"");
    assertThat(r.body()).contains("event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\"");
    assertThat(r.body()).doesNotContain("message_stop").doesNotContain("message_delta");
    assertThat(harness.kiroCalls()).hasSize(1);
  }

  @Test
  void midStreamFailureEndsOpenAiStreamWithAnErrorChunkAndNoDone() {
    harness.simulator().enqueue(Scenario.ExceptionFrame.throttling("Partial"));
    HttpResponse<String> r = client.openai(OPENAI_STREAM);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("\"content\":\"Partial\"");
    assertThat(r.body()).contains("\"code\":\"upstream_stream_error\"");
    assertThat(r.body()).doesNotContain("[DONE]");
  }

  @Test
  void replyCutWithoutCompletionSignalsIsReportedAsLength() {
    harness.simulator().enqueue(Scenario.Truncated.text("This answer is cut"));
    HttpResponse<String> r = client.openai(OPENAI);
    assertThat(json(r).at("/choices/0/finish_reason").asText()).isEqualTo("length");
    harness.simulator().enqueue(Scenario.Truncated.text("This answer is cut"));
    HttpResponse<String> a = client.anthropic(ANTHROPIC);
    assertThat(json(a).at("/stop_reason").asText()).isEqualTo("max_tokens");
  }

  @Test
  void missingFirstTokenIsRetriedThenAnsweredWith504() {
    harness.simulator().enqueue(Scenario.Stall.beforeFirstByte(Duration.ofSeconds(3), Scenario.Text.of("late")));
    harness.simulator().enqueue(Scenario.Stall.beforeFirstByte(Duration.ofSeconds(3), Scenario.Text.of("late")));
    HttpResponse<String> r = client.anthropic(ANTHROPIC);
    assertThat(r.statusCode()).isEqualTo(504);
    assertThat(json(r).at("/error/message").asText()).contains("FIRST_TOKEN_TIMEOUT");
    assertThat(harness.kiroCalls()).hasSize(2);
  }

  @Test
  void silenceInsideAStreamLongerThanTheReadTimeoutEndsItWithAnInBandError() {
    harness.simulator().enqueue(
        Scenario.Stall.midStream(Duration.ofSeconds(5), Scenario.Text.of("one ", "two ", "three")));
    long start = System.nanoTime();
    HttpResponse<String> r = client.anthropic(ANTHROPIC_STREAM);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
    assertThat(r.body()).contains("\"text\":\"one \"");
    assertThat(r.body()).contains("event: error").contains("STREAMING_READ_TIMEOUT").doesNotContain("message_stop");
  }

  @Test
  void corruptFrameMidStreamIsAnInBandErrorNeverGarbage() {
    harness.simulator().enqueue(new Scenario.CorruptCrc(List.of("Good ", "bytes")));
    HttpResponse<String> r = client.anthropic(ANTHROPIC_STREAM);
    assertThat(r.body()).contains("event: error").doesNotContain("message_stop");
  }
}
