package dev.kirogateway.sim;

import static dev.kirogateway.sim.SimTestSupport.chatBody;
import static dev.kirogateway.sim.SimTestSupport.decode;
import static dev.kirogateway.testing.Properties.anyLong;
import static dev.kirogateway.testing.Properties.between;
import static dev.kirogateway.testing.Properties.check;
import static dev.kirogateway.testing.Properties.oneOf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kirogateway.eventstream.Message;
import dev.kirogateway.sim.SimulatorOptions.Chunking;
import dev.kirogateway.sim.SimulatorOptions.Latency;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

final class ChunkingAndAbortTest {
  private static final Scenario MIXED =
      new Scenario.ToolCalls(
          List.of("<thinking>héllo wörld 🙂 — ", "日本語</thinking>\n\n", "ok"),
          List.of(Scenario.Tool.of("tooluse_1", "get_weather", "{\"city\":", "\"Zürich\"}")));

  private static List<Message> replay(Chunking chunking) throws Exception {
    try (KiroSimulator sim =
        KiroSimulator.start(SimulatorOptions.defaults().withChunking(chunking).withSeed(7))) {
      String token = sim.issueAccessToken(Duration.ofMinutes(1));
      sim.enqueue(MIXED);
      return decode(SimTestSupport.chat(sim, token, chatBody("Hi")).body());
    }
  }

  @Test
  void everyChunkingModeDeliversTheSameMessages() throws Exception {
    List<Message> whole = replay(Chunking.WHOLE_FRAMES);
    assertThat(whole).hasSize(9);
    assertThat(replay(Chunking.RANDOM_SPLITS)).isEqualTo(whole);
    assertThat(replay(Chunking.ONE_BYTE)).isEqualTo(whole);
  }

  @Test
  void cutsCoverTheWholeFrame() {
    check("cutsCoverTheWholeFrame", 300, r -> {
      // 1 and 5000 come up more often than chance, like the other bounds
      int length = r.nextInt(8) == 0 ? oneOf(r, 1, 5000) : between(r, 1, 5000);
      Chunking chunking = oneOf(r, Chunking.values());
      List<Integer> cuts = StreamWriter.cuts(length, chunking, new Random(anyLong(r)));
      assertThat(cuts.stream().mapToInt(Integer::intValue).sum()).isEqualTo(length);
      assertThat(cuts).allMatch(c -> c >= 1);
      if (chunking == Chunking.ONE_BYTE) {
        assertThat(cuts).hasSize(length);
      }
    });
  }

  @Test
  void randomSplitsAreReproducibleForASeed() {
    assertThat(StreamWriter.cuts(500, Chunking.RANDOM_SPLITS, new Random(3)))
        .isEqualTo(StreamWriter.cuts(500, Chunking.RANDOM_SPLITS, new Random(3)))
        .hasSizeGreaterThan(10);
  }

  @Test
  void countsAClientThatDisconnectsMidStream() throws Exception {
    Latency slow = new Latency(Duration.ZERO, Duration.ZERO, Duration.ofMillis(20), 0);
    try (KiroSimulator sim = KiroSimulator.start(SimulatorOptions.defaults().withLatency(slow))) {
      String token = sim.issueAccessToken(Duration.ofMinutes(1));
      sim.enqueue(new Scenario.Text(java.util.Collections.nCopies(500, "word ")));
      HttpRequest request =
          SimTestSupport.request(
                  sim, "/generateAssistantResponse", SimTestSupport.kiroHeaders(token))
              .POST(HttpRequest.BodyPublishers.ofString(chatBody("Hi")))
              .build();
      HttpResponse<InputStream> r =
          SimTestSupport.CLIENT.send(request, HttpResponse.BodyHandlers.ofInputStream());
      try (InputStream in = r.body()) {
        assertThat(in.readNBytes(200)).hasSize(200);
      }
      assertThat(sim.clientAborts()).isZero();
      assertThat(sim.awaitClientAbort(Duration.ofSeconds(2))).isTrue();
      assertThat(sim.clientAborts()).isEqualTo(1);
      assertThat(sim.awaitClientAbort(Duration.ofMillis(50))).isFalse();
    }
  }

  @Test
  void noticesADisconnectDuringAStallWithinASecond() throws Exception {
    try (KiroSimulator sim = KiroSimulator.start(SimulatorOptions.defaults())) {
      String token = sim.issueAccessToken(Duration.ofMinutes(1));
      sim.enqueue(
          Scenario.Stall.midStream(Duration.ofSeconds(30), Scenario.Text.of("a", "b", "c", "d")));
      HttpRequest request =
          SimTestSupport.request(
                  sim, "/generateAssistantResponse", SimTestSupport.kiroHeaders(token))
              .POST(HttpRequest.BodyPublishers.ofString(chatBody("Hi")))
              .build();
      HttpResponse<InputStream> r =
          SimTestSupport.CLIENT.send(request, HttpResponse.BodyHandlers.ofInputStream());
      try (InputStream in = r.body()) {
        assertThat(in.readNBytes(20)).hasSize(20);
      }
      assertThat(sim.awaitClientAbort(Duration.ofSeconds(1))).isTrue();
    }
  }

  @Test
  void completedStreamsAreNotCountedAsAborts() throws Exception {
    try (KiroSimulator sim = KiroSimulator.start(SimulatorOptions.defaults())) {
      String token = sim.issueAccessToken(Duration.ofMinutes(1));
      decode(SimTestSupport.chat(sim, token, chatBody("Hi")).body());
      assertThat(sim.clientAborts()).isZero();
    }
  }

  @Test
  void demoSimulatorAcceptsAnyBearerAndStreams() throws Exception {
    try (KiroSimulator sim = KiroSimulator.startDemo(0)) {
      HttpResponse<byte[]> r = SimTestSupport.chat(sim, "whatever", chatBody("Hello demo"));
      List<Message> messages = decode(r.body());
      assertThat(SimTestSupport.eventType(messages.getFirst())).isEqualTo("initial-response");
      assertThat(SimTestSupport.text(messages)).contains("Hello demo");
    }
  }
}
