package dev.kirogateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kirogateway.sim.Scenario;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Content that must survive the trip: images, tool results with images, repeated tool calls. */
final class ContentTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PNG =
      "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";
  private static GatewayHarness harness;
  private static RawClient client;

  @BeforeAll
  static void start() {
    harness = GatewayHarness.start(Map.of());
    client = new RawClient(harness);
  }

  @AfterAll
  static void stop() {
    harness.close();
  }

  @BeforeEach
  void reset() {
    harness.simulator().clearRequests();
  }

  private static JsonNode current() {
    return harness.kiroCalls().get(0).json().orElseThrow()
        .at("/conversationState/currentMessage/userInputMessage");
  }

  @Test
  void openAiDataUrlImageReachesKiroAsBytes() {
    harness.simulator().enqueue(Scenario.Text.of("A dot."));
    HttpResponse<String> r = client.openai(
        "{\"model\":\"claude-sonnet-4.5\",\"messages\":[{\"role\":\"user\",\"content\":["
            + "{\"type\":\"text\",\"text\":\"What is this?\"},"
            + "{\"type\":\"image_url\",\"image_url\":{\"url\":\"data:image/png;base64," + PNG + "\"}}]}]}");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(current().at("/images/0/format").asText()).isEqualTo("png");
    assertThat(current().at("/images/0/source/bytes").asText()).isEqualTo(PNG);
    assertThat(current().path("content").asText()).endsWith("What is this?");
  }

  @Test
  void anthropicImageInsideToolResultMovesToTheUserMessage() {
    harness.simulator().enqueue(Scenario.Text.of("Nice chart."));
    HttpResponse<String> r = client.anthropic(
        "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":100,"
            + "\"tools\":[{\"name\":\"screenshot\",\"description\":\"Take one\",\"input_schema\":{\"type\":\"object\"}}],"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"Show me\"},"
            + "{\"role\":\"assistant\",\"content\":[{\"type\":\"tool_use\",\"id\":\"toolu_1\",\"name\":\"screenshot\",\"input\":{}}]},"
            + "{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"toolu_1\",\"content\":["
            + "{\"type\":\"text\",\"text\":\"captured\"},"
            + "{\"type\":\"image\",\"source\":{\"type\":\"base64\",\"media_type\":\"image/png\",\"data\":\"" + PNG + "\"}}]}]}]}");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(current().at("/images/0/format").asText()).isEqualTo("png");
    assertThat(current().at("/userInputMessageContext/toolResults/0/content/0/text").asText()).isEqualTo("captured");
  }

  @Test
  void twoIdenticalToolCallsStayTwoAndStreamInKiroOrder() throws Exception {
    harness.simulator().enqueue(Scenario.ToolCalls.of(
        Scenario.Tool.of("tooluse_A", "ping", "{\"host\":", "\"a\"}"),
        Scenario.Tool.of("tooluse_B", "ping", "{\"host\":", "\"a\"}")));
    HttpResponse<String> r = client.openai(
        "{\"model\":\"claude-sonnet-4.5\",\"stream\":true,"
            + "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"ping\",\"parameters\":{\"type\":\"object\"}}}],"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"ping a twice\"}]}");
    String body = r.body();
    int a = body.indexOf("\"id\":\"tooluse_A\"");
    int b = body.indexOf("\"id\":\"tooluse_B\"");
    assertThat(a).isPositive();
    assertThat(b).isGreaterThan(a);
    assertThat(body).contains("\"index\":1,\"id\":\"tooluse_B\"");
    assertThat(body).contains("\"arguments\":\"{\\\"host\\\":\"");
    assertThat(body).contains("\"finish_reason\":\"tool_calls\"").endsWith("data: [DONE]\n\n");
  }

  @Test
  void anthropicStreamHasOneBlockOpenAtATimeWithConsecutiveIndexes() {
    harness.simulator().enqueue(Scenario.ThinkingThenText.of(java.util.List.of("Hmm."), java.util.List.of("Answer.")));
    HttpResponse<String> r = client.anthropic(
        "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":100,\"stream\":true,"
            + "\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":1000},"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"Think\"}]}");
    String body = r.body();
    assertThat(body).startsWith("event: message_start\n");
    assertThat(body).contains("event: ping\n");
    int thinkStart = body.indexOf("\"index\":0,\"content_block\":{\"type\":\"thinking\"");
    int sig = body.indexOf("\"type\":\"signature_delta\"");
    int stop0 = body.indexOf("{\"type\":\"content_block_stop\",\"index\":0}");
    int textStart = body.indexOf("\"index\":1,\"content_block\":{\"type\":\"text\"");
    assertThat(thinkStart).isPositive();
    assertThat(sig).isGreaterThan(thinkStart);
    assertThat(stop0).isGreaterThan(sig);
    assertThat(textStart).isGreaterThan(stop0);
    assertThat(body).endsWith("event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n");
  }

  @Test
  void thinkingDisabledSendsNoThinkingTags() {
    harness.simulator().enqueue(Scenario.Text.of("Plain."));
    client.anthropic("{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":100,\"thinking\":{\"type\":\"disabled\"},"
        + "\"system\":[{\"type\":\"text\",\"text\":\"Be brief.\"}],"
        + "\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}");
    assertThat(current().path("content").asText()).doesNotContain("<thinking_mode>").startsWith("Be brief.");
  }

  @Test
  void countTokensGrowsWithToolsAndSystem() throws Exception {
    String base = "\"model\":\"claude-sonnet-4-5\",\"messages\":[{\"role\":\"user\",\"content\":\"Hello\"}]";
    int plain = JSON.readTree(client.post("/v1/messages/count_tokens", "{" + base + "}", "x-api-key", client.key()).body())
        .path("input_tokens").asInt();
    int withTools = JSON.readTree(client.post("/v1/messages/count_tokens",
            "{" + base + ",\"system\":\"You are a very careful assistant.\",\"tools\":[{\"name\":\"search\","
                + "\"description\":\"Search the web for a query\",\"input_schema\":{\"type\":\"object\","
                + "\"properties\":{\"q\":{\"type\":\"string\"}}}}]}", "x-api-key", client.key()).body())
        .path("input_tokens").asInt();
    assertThat(plain).isPositive();
    assertThat(withTools).isGreaterThan(plain + 10);
    assertThat(harness.kiroCalls()).isEmpty();
  }
}
