package dev.kirogateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kirogateway.sim.Scenario;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What SIGTERM does (the shutdown hook closes the server): new connections are refused at once,
 * streams in flight may finish within SHUTDOWN_DRAIN_TIMEOUT, and after it the server stops
 * anyway instead of hanging.
 */
final class GracefulShutdownTest {
  private static final String OPENAI_STREAM =
      "{\"model\":\"claude-sonnet-4.5\",\"stream\":true,"
          + "\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";
  private static final String ANTHROPIC_STREAM =
      "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":100,\"stream\":true,"
          + "\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";

  @Test
  void streamInFlightFinishesWithinTheDrainTimeoutWhileNewConnectionsAreRefused() throws Exception {
    try (GatewayHarness harness = GatewayHarness.start(Map.of("SHUTDOWN_DRAIN_TIMEOUT", "10"))) {
      harness.simulator().enqueue(
          Scenario.Stall.midStream(Duration.ofMillis(800), Scenario.Text.of("one ", "two ", "three ", "four")));
      try (SocketClient client = SocketClient.connect(harness.baseUrl(), Duration.ofSeconds(10))) {
        client.post(
            "/v1/chat/completions",
            "Authorization: Bearer " + harness.apiKey(),
            OPENAI_STREAM.getBytes(StandardCharsets.UTF_8));
        client.readUntil("three ");
        long start = System.nanoTime();
        CompletableFuture<Void> closing =
            CompletableFuture.runAsync(() -> harness.gateway().server().close());
        awaitRefused(harness.baseUrl());
        assertThat(closing).as("close waited for the stream").isNotDone();

        String stream = client.readUntil("data: [DONE]\n\n");
        closing.get(5, TimeUnit.SECONDS);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        assertThat(stream).contains("\"content\":\"four\"").contains("\"finish_reason\":\"stop\"");
        assertThat(stream.indexOf("\"finish_reason\":\"stop\"")).isLessThan(stream.indexOf("[DONE]"));
      }
    }
  }

  @Test
  void streamOutlastingTheDrainTimeoutIsCutAndTheServerStopsWithoutHanging() throws Exception {
    try (GatewayHarness harness = GatewayHarness.start(Map.of("SHUTDOWN_DRAIN_TIMEOUT", "1"))) {
      harness.simulator().enqueue(
          Scenario.Stall.midStream(Duration.ofSeconds(30), Scenario.Text.of("one ", "two ", "three ", "four")));
      try (SocketClient client = SocketClient.connect(harness.baseUrl(), Duration.ofSeconds(10))) {
        client.post(
            "/v1/messages",
            "x-api-key: " + harness.apiKey(),
            ANTHROPIC_STREAM.getBytes(StandardCharsets.UTF_8));
        client.readUntil("three ");
        long start = System.nanoTime();
        harness.gateway().close();
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        // the bound, plus scheduling slack; not the bound twice (once ours, once Jetty's)
        assertThat(took).isBetween(Duration.ofMillis(900), Duration.ofMillis(1700));
        // the client is not left waiting for 30 s: its connection ends, without message_stop
        String rest = client.readToEnd();
        assertThat(rest).doesNotContain("message_stop");
        // and the cut handler ends too, once the upstream client is stopped under it
        long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
        while (harness.gateway().server().inFlight() > 0) {
          assertThat(System.nanoTime()).as("handler still running").isLessThan(deadline);
          Thread.sleep(5);
        }
      }
    }
  }

  private static void awaitRefused(String baseUrl) throws InterruptedException {
    URI uri = URI.create(baseUrl);
    long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
    while (true) {
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 500);
      } catch (ConnectException refused) {
        return;
      } catch (IOException other) {
        throw new AssertionError("unexpected connect failure", other);
      }
      assertThat(System.nanoTime()).as("new connections still accepted").isLessThan(deadline);
      Thread.sleep(10);
    }
  }
}
