package dev.kirogateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kirogateway.sim.Scenario;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** DEBUG_MODE captures through a running gateway: the files, the redaction and the bound. */
final class DebugCaptureTest {
  private static final String SECRET_FIELD = "client-secret-in-body-42";
  private static final String OPENAI =
      "{\"model\":\"claude-sonnet-4.5\",\"metadata\":{\"refreshToken\":\"" + SECRET_FIELD + "\"},"
          + "\"messages\":[{\"role\":\"user\",\"content\":\"Capture me\"}]}";

  /** The captures, once the gateway finished recording (that runs after the response). */
  private static List<Path> captures(GatewayHarness h, Path dir) throws IOException {
    h.awaitIdle();
    try (Stream<Path> list = Files.list(dir)) {
      return list.sorted().toList();
    }
  }

  private static String allText(Path capture) throws IOException {
    StringBuilder b = new StringBuilder();
    try (Stream<Path> files = Files.list(capture)) {
      for (Path f : files.sorted().toList()) {
        b.append(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1));
      }
    }
    return b.toString();
  }

  @Test
  void allModeCapturesEveryPartWithSecretsRedacted(@TempDir Path dir) throws Exception {
    try (GatewayHarness h =
        GatewayHarness.start(Map.of("DEBUG_MODE", "all", "DEBUG_DIR", dir.toString()))) {
      h.simulator().enqueue(Scenario.Text.of("Captured reply."));
      var r = new RawClient(h).openai(OPENAI);
      assertThat(r.statusCode()).isEqualTo(200);
      String id = r.headers().firstValue("x-request-id").orElseThrow();
      String accessToken =
          h.kiroCalls().get(0).header("Authorization").orElseThrow().substring("Bearer ".length());

      List<Path> caps = captures(h, dir);
      assertThat(caps).hasSize(1);
      Path cap = caps.get(0);
      assertThat(cap.getFileName().toString()).endsWith("_" + id);
      assertThat(Files.readString(cap.resolve("summary.txt")))
          .contains("status 200")
          .contains("kiro attempt 1: HTTP 200");
      assertThat(Files.readString(cap.resolve("1-client-request.txt")))
          .contains("POST /v1/chat/completions")
          .contains("Authorization: [redacted]")
          .contains("Capture me")
          .contains("\"refreshToken\" : \"[redacted]\"");
      assertThat(Files.readString(cap.resolve("2-kiro-request-1.txt")))
          .contains("Authorization: [redacted]")
          .contains("conversationState")
          .contains("Capture me");
      assertThat(new String(Files.readAllBytes(cap.resolve("3-kiro-response-1.bin")),
              StandardCharsets.ISO_8859_1))
          .contains("assistantResponseEvent")
          .contains("Captured reply.");
      assertThat(Files.readString(cap.resolve("4-client-response.txt")))
          .contains("Captured reply.");

      String everything = allText(cap);
      assertThat(everything)
          .doesNotContain(h.apiKey())
          .doesNotContain(accessToken)
          .doesNotContain(SECRET_FIELD)
          .doesNotContain(GatewayHarness.REFRESH_TOKEN);
    }
  }

  @Test
  void keepsOnlyTheNewestCapturesUpToTheLimit(@TempDir Path dir) throws Exception {
    try (GatewayHarness h =
        GatewayHarness.start(
            Map.of("DEBUG_MODE", "all", "DEBUG_DIR", dir.toString(), "DEBUG_MAX_FILES", "3"))) {
      RawClient client = new RawClient(h);
      String last = null;
      for (int i = 0; i < 5; i++) {
        h.simulator().enqueue(Scenario.Text.of("Reply " + i));
        last = client.openai(OPENAI).headers().firstValue("x-request-id").orElseThrow();
      }
      List<Path> caps = captures(h, dir);
      assertThat(caps).hasSize(3);
      assertThat(caps.get(2).getFileName().toString()).endsWith("_" + last);
      assertThat(Files.readString(caps.get(2).resolve("4-client-response.txt")))
          .contains("Reply 4");
    }
  }

  @Test
  void errorsModeKeepsOnlyFailedRequests(@TempDir Path dir) throws Exception {
    try (GatewayHarness h =
        GatewayHarness.start(Map.of("DEBUG_MODE", "errors", "DEBUG_DIR", dir.toString()))) {
      RawClient client = new RawClient(h);
      h.simulator().enqueue(Scenario.Text.of("Fine."));
      assertThat(client.openai(OPENAI).statusCode()).isEqualTo(200);
      assertThat(captures(h, dir)).isEmpty();

      h.simulator().enqueue(Scenario.HttpError.monthlyLimit());
      var failed = client.openai(OPENAI);
      assertThat(failed.statusCode()).isEqualTo(429);
      List<Path> caps = captures(h, dir);
      assertThat(caps).hasSize(1);
      assertThat(Files.readString(caps.get(0).resolve("summary.txt")))
          .contains("status 429 (failed)");
      assertThat(Files.readString(caps.get(0).resolve("4-client-response.txt")))
          .contains("insufficient_quota")
          .contains(failed.headers().firstValue("x-request-id").orElseThrow());
    }
  }
}
