package dev.kirogateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.errors.NotFoundException;
import com.openai.helpers.ResponseAccumulator;
import com.openai.models.Reasoning;
import com.openai.models.ReasoningEffort;
import com.openai.models.responses.FunctionTool;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseFunctionToolCall;
import com.openai.models.responses.ResponseInputItem;
import com.openai.models.responses.ResponseOutputItem;
import com.openai.models.responses.ResponseStatus;
import com.openai.models.responses.ResponseStreamEvent;
import dev.kirogateway.sim.Scenario;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The official openai-java Responses client against a running gateway and Kiro simulator. */
final class ResponsesSdkTest {
  private static GatewayHarness harness;
  private static OpenAIClient client;

  @BeforeAll
  static void start() {
    harness = GatewayHarness.start(Map.of());
    client =
        OpenAIOkHttpClient.builder()
            .baseUrl(harness.baseUrl() + "/v1")
            .apiKey(harness.apiKey())
            .maxRetries(0)
            .build();
  }

  @AfterAll
  static void stop() {
    client.close();
    harness.close();
  }

  @BeforeEach
  void reset() {
    harness.simulator().clearRequests();
  }

  private static ResponseCreateParams.Builder hello() {
    return ResponseCreateParams.builder().model("claude-sonnet-4-5").input("Hello there");
  }

  private static String text(Response r) {
    return r.output().stream()
        .filter(ResponseOutputItem::isMessage)
        .flatMap(i -> i.asMessage().content().stream())
        .map(c -> c.asOutputText().text())
        .reduce("", String::concat);
  }

  private static JsonNode kiro(int call) {
    return harness.kiroCalls().get(call).json().orElseThrow().at("/conversationState");
  }

  private static FunctionTool weatherTool() {
    return FunctionTool.builder()
        .name("get_weather")
        .description("Current weather for a city.")
        .parameters(
            FunctionTool.Parameters.builder()
                .putAdditionalProperty("type", JsonValue.from("object"))
                .putAdditionalProperty(
                    "properties", JsonValue.from(Map.of("city", Map.of("type", "string"))))
                .build())
        .strict(false)
        .build();
  }

  @Test
  void nonStreamingResponseCarriesTextUsageAndIds() {
    harness.simulator().enqueue(Scenario.Text.of("Hi! ", "How can I help?"));
    Response r = client.responses().create(hello().instructions("Be brief.").build());
    r.validate();
    assertThat(r.id()).startsWith("resp_");
    assertThat(r.status()).contains(ResponseStatus.COMPLETED);
    assertThat(text(r)).isEqualTo("Hi! How can I help?");
    assertThat(r.output().get(0).asMessage().id()).startsWith("msg_");
    assertThat(r.usage().orElseThrow().inputTokens()).isPositive();
    assertThat(r.usage().orElseThrow().totalTokens())
        .isEqualTo(r.usage().orElseThrow().inputTokens() + r.usage().orElseThrow().outputTokens());
    assertThat(kiro(0).at("/currentMessage/userInputMessage/content").asText())
        .contains("Be brief.")
        .contains("Hello there");
  }

  @Test
  void streamingEventsAccumulateToTheFinalResponse() {
    harness.simulator().enqueue(
        Scenario.ThinkingThenText.of(List.of("Let me ", "think."), List.of("One ", "two.")));
    List<ResponseStreamEvent> events = new ArrayList<>();
    ResponseAccumulator acc = ResponseAccumulator.createWithSnapshots();
    ResponseCreateParams params =
        hello()
            .reasoning(Reasoning.builder().effort(ReasoningEffort.HIGH).build())
            .maxOutputTokens(8000)
            .build();
    try (StreamResponse<ResponseStreamEvent> s = client.responses().createStreaming(params)) {
      s.stream().forEach(e -> events.add(acc.accumulate(e)));
    }
    assertThat(events.get(0).isCreated()).isTrue();
    assertThat(events.get(1).isInProgress()).isTrue();
    assertThat(events.get(events.size() - 1).isCompleted()).isTrue();
    assertThat(events.stream().anyMatch(ResponseStreamEvent::isReasoningSummaryTextDelta)).isTrue();
    Response r = acc.response();
    r.validate();
    assertThat(text(r)).isEqualTo("One two.");
    ResponseOutputItem reasoning = r.output().get(0);
    assertThat(reasoning.isReasoning()).isTrue();
    assertThat(reasoning.asReasoning().id()).startsWith("rs_");
    assertThat(reasoning.asReasoning().summary().get(0).text()).isEqualTo("Let me think.");
    assertThat(text(acc.reconstructedResponse())).isEqualTo("One two.");
  }

  @Test
  void functionCallRoundTripThroughPreviousResponseId() {
    harness.simulator().enqueue(Scenario.ToolCalls.of(
        Scenario.Tool.of("tooluse_abc123", "get_weather", "{\"city\":", "\"Paris\"}")));
    ResponseAccumulator acc = ResponseAccumulator.create();
    try (StreamResponse<ResponseStreamEvent> s =
        client.responses().createStreaming(hello().addTool(weatherTool()).build())) {
      s.stream().forEach(acc::accumulate);
    }
    Response first = acc.response();
    ResponseFunctionToolCall call = first.output().get(0).asFunctionCall();
    assertThat(call.id()).hasValueSatisfying(id -> assertThat(id).startsWith("fc_"));
    assertThat(call.callId()).isEqualTo("tooluse_abc123");
    assertThat(call.name()).isEqualTo("get_weather");
    assertThat(call.arguments()).isEqualTo("{\"city\":\"Paris\"}");

    harness.simulator().enqueue(Scenario.Text.of("It is sunny."));
    Response answer =
        client.responses().create(
            ResponseCreateParams.builder()
                .model("claude-sonnet-4-5")
                .previousResponseId(first.id())
                .addTool(weatherTool())
                .inputOfResponse(List.of(ResponseInputItem.ofFunctionCallOutput(
                    ResponseInputItem.FunctionCallOutput.builder()
                        .callId(call.callId())
                        .output("18 C, sunny")
                        .build())))
                .build());
    assertThat(text(answer)).isEqualTo("It is sunny.");
    JsonNode k = kiro(1);
    String ctx = "/currentMessage/userInputMessage/userInputMessageContext";
    assertThat(k.at(ctx + "/toolResults/0/toolUseId").asText()).isEqualTo("tooluse_abc123");
    assertThat(k.at(ctx + "/toolResults/0/content/0/text").asText()).isEqualTo("18 C, sunny");
    assertThat(k.at("/history/1/assistantResponseMessage/toolUses/0/name").asText())
        .isEqualTo("get_weather");
  }

  @Test
  void chainedConversationSendsEarlierTurnsUpstream() {
    harness.simulator().enqueue(Scenario.Text.of("Hi there."));
    Response first = client.responses().create(hello().build());
    harness.simulator().enqueue(Scenario.Text.of("Still here."));
    Response second =
        client.responses().create(
            ResponseCreateParams.builder()
                .model("claude-sonnet-4-5")
                .previousResponseId(first.id())
                .input("Are you there?")
                .build());
    harness.simulator().enqueue(Scenario.Text.of("Yes."));
    client.responses().create(
        ResponseCreateParams.builder()
            .model("claude-sonnet-4-5")
            .previousResponseId(second.id())
            .input("Sure?")
            .build());
    JsonNode k = kiro(2);
    assertThat(k.at("/history/0/userInputMessage/content").asText()).contains("Hello there");
    assertThat(k.at("/history/1/assistantResponseMessage/content").asText())
        .isEqualTo("Hi there.");
    assertThat(k.at("/history/2/userInputMessage/content").asText()).contains("Are you there?");
    assertThat(k.at("/history/3/assistantResponseMessage/content").asText())
        .isEqualTo("Still here.");
    assertThat(k.at("/currentMessage/userInputMessage/content").asText()).contains("Sure?");
  }

  @Test
  void storedResponseCanBeRetrievedAndDeleted() {
    harness.simulator().enqueue(Scenario.Text.of("Keep me."));
    Response created = client.responses().create(hello().build());
    Response fetched = client.responses().retrieve(created.id());
    assertThat(fetched.id()).isEqualTo(created.id());
    assertThat(text(fetched)).isEqualTo("Keep me.");
    client.responses().delete(created.id());
    assertThatThrownBy(() -> client.responses().retrieve(created.id()))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  void unknownIdsAreNotFound() {
    assertThatThrownBy(() -> client.responses().retrieve("resp_unknown"))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining("resp_unknown");
    assertThatThrownBy(() -> client.responses().delete("resp_unknown"))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(
            () -> client.responses().create(hello().previousResponseId("resp_gone").build()))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining("resp_gone");
    assertThat(harness.kiroCalls()).isEmpty();
  }

  @Test
  void storeFalseKeepsNothing() {
    harness.simulator().enqueue(Scenario.Text.of("Forget me."));
    Response r = client.responses().create(hello().store(false).build());
    assertThat(r._additionalProperties().get("store")).isEqualTo(JsonValue.from(false));
    assertThatThrownBy(() -> client.responses().retrieve(r.id()))
        .isInstanceOf(NotFoundException.class);
  }
}
