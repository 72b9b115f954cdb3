package dev.kirogateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kirogateway.sim.Scenario;
import dev.kirogateway.sim.SimulatorOptions;
import dev.kirogateway.sim.SimulatorOptions.Latency;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A client that hangs up must not leave the gateway talking to Kiro: the upstream request is
 * aborted within a second, whether the gateway was writing, waiting mid-stream, or still waiting
 * for the first token, and it is not retried.
 */
final class CancellationTest {
  private static final Duration PROMPT = Duration.ofSeconds(1);
  private static final Duration LONG_STALL = Duration.ofSeconds(20);
  private static final String OPENAI_STREAM =
      "{\"model\":\"claude-sonnet-4.5\",\"stream\":true,"
          + "\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";
  private static final String ANTHROPIC_STREAM =
      "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":100,\"stream\":true,"
          + "\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";
  private static final String ANTHROPIC_WHOLE =
      "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":100,"
          + "\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";

  private static TcpRelay relay;
  private static GatewayHarness harness;

  @BeforeAll
  static void start() {
    relay = TcpRelay.start();
    // generous first-token and ping settings so neither ends the stall before the client does
    harness =
        GatewayHarness.start(
            Map.of(
                "KIRO_API_BASE_URL", relay.url().toString(),
                "FIRST_TOKEN_TIMEOUT", "60",
                "ANTHROPIC_PING_INTERVAL", "600",
                "SHUTDOWN_DRAIN_TIMEOUT", "1"));
    relay.forwardTo(harness.simulator().baseUrl());
  }

  @AfterAll
  static void stop() {
    harness.close();
    relay.close();
  }

  @BeforeEach
  void reset() {
    harness.simulator().clearRequests();
    harness.sleeps().clear();
    relay.forgetGatewayCloses();
  }

  private static SocketClient openAi(String body) {
    return SocketClient.connect(harness.baseUrl(), Duration.ofSeconds(10))
        .post(
            "/v1/chat/completions",
            "Authorization: Bearer " + harness.apiKey(),
            body.getBytes(StandardCharsets.UTF_8));
  }

  private static SocketClient anthropic(String body) {
    return SocketClient.connect(harness.baseUrl(), Duration.ofSeconds(10))
        .post("/v1/messages", "x-api-key: " + harness.apiKey(), body.getBytes(StandardCharsets.UTF_8));
  }

  private static Scenario manyFragments() {
    List<String> fragments = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      fragments.add("word" + i + " ");
    }
    return new Scenario.Text(fragments);
  }

  private static void awaitKiroCall() throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (harness.kiroCalls().isEmpty()) {
      assertThat(System.nanoTime()).as("the gateway never called Kiro").isLessThan(deadline);
      Thread.sleep(5);
    }
  }

  private static void assertUpstreamAbortedPromptly() throws InterruptedException {
    assertThat(relay.awaitGatewayClose(PROMPT))
        .as("the gateway closed its Kiro connection within %s", PROMPT)
        .isTrue();
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (harness.gateway().server().inFlight() > 0) {
      assertThat(System.nanoTime()).as("the handler never finished").isLessThan(deadline);
      Thread.sleep(5);
    }
  }

  private static void assertUpstreamAbortedPromptlyAndOnce() throws InterruptedException {
    assertUpstreamAbortedPromptly();
    // nobody is waiting for an answer: a retry would only waste the user's Kiro quota
    assertThat(harness.sleeps()).as("retry waits").isEmpty();
    assertThat(harness.kiroCalls()).hasSize(1);
  }

  @Test
  void openAiClientLeavingMidStreamAbortsTheUpstreamStall() throws InterruptedException {
    harness.simulator().enqueue(Scenario.Stall.midStream(LONG_STALL, Scenario.Text.of("one ", "two ", "three ", "four")));
    try (SocketClient client = openAi(OPENAI_STREAM)) {
      client.readUntil("three ");
    }
    assertUpstreamAbortedPromptlyAndOnce();
  }

  @Test
  void anthropicClientLeavingMidStreamAbortsTheUpstreamStall() throws InterruptedException {
    harness.simulator().enqueue(Scenario.Stall.midStream(LONG_STALL, Scenario.Text.of("one ", "two ", "three ", "four")));
    try (SocketClient client = anthropic(ANTHROPIC_STREAM)) {
      client.readUntil("three ");
    }
    assertUpstreamAbortedPromptlyAndOnce();
  }

  @Test
  void clientLeavingWhileTheStreamFlowsAbortsTheUpstream() throws InterruptedException {
    // 20 ms between frames: the gateway keeps writing, so it meets the closed socket at once
    SimulatorOptions steady =
        SimulatorOptions.defaults()
            .withLatency(new Latency(Duration.ZERO, Duration.ZERO, Duration.ofMillis(20), 0));
    try (GatewayHarness flowing = GatewayHarness.start(steady, Map.of())) {
      flowing.simulator().enqueue(manyFragments());
      try (SocketClient client =
          SocketClient.connect(flowing.baseUrl(), Duration.ofSeconds(10))
              .post(
                  "/v1/chat/completions",
                  "Authorization: Bearer " + flowing.apiKey(),
                  OPENAI_STREAM.getBytes(StandardCharsets.UTF_8))) {
        client.readUntil("word1 ");
      }
      // the simulator notices at its next write, 20 ms later at most
      assertThat(flowing.simulator().awaitClientAbort(PROMPT)).isTrue();
      assertThat(flowing.kiroCalls()).hasSize(1);
    }
  }

  @Test
  void clientLeavingBeforeTheFirstTokenAbortsTheUpstream() throws InterruptedException {
    harness.simulator().enqueue(Scenario.Stall.beforeFirstByte(LONG_STALL, Scenario.Text.of("late")));
    try (SocketClient client = anthropic(ANTHROPIC_STREAM)) {
      awaitKiroCall();
    }
    assertUpstreamAbortedPromptly();
  }

  @Test
  void clientLeavingBeforeTheFirstTokenIsNotRetried() throws InterruptedException {
    harness.simulator().enqueue(Scenario.Stall.beforeFirstByte(LONG_STALL, Scenario.Text.of("late")));
    try (SocketClient client = anthropic(ANTHROPIC_STREAM)) {
      awaitKiroCall();
    }
    assertUpstreamAbortedPromptlyAndOnce();
  }

  @Test
  void clientLeavingBeforeTheResponseHeadersAbortsTheUpstream() throws InterruptedException {
    harness.simulator().enqueue(Scenario.Stall.beforeHeaders(LONG_STALL, Scenario.Text.of("late")));
    try (SocketClient client = openAi(OPENAI_STREAM)) {
      awaitKiroCall();
    }
    assertUpstreamAbortedPromptlyAndOnce();
  }

  @Test
  void clientLeavingANonStreamingRequestAbortsTheUpstream() throws InterruptedException {
    harness.simulator().enqueue(Scenario.Stall.beforeFirstByte(LONG_STALL, Scenario.Text.of("late")));
    try (SocketClient client = anthropic(ANTHROPIC_WHOLE)) {
      awaitKiroCall();
    }
    assertUpstreamAbortedPromptly();
  }
}
