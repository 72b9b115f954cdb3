package dev.kirogateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.JsonValue;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.errors.UnauthorizedException;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.ContentBlock;
import com.anthropic.models.messages.ContentBlockParam;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCountTokensParams;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.anthropic.models.messages.StopReason;
import com.anthropic.models.messages.Tool;
import com.anthropic.models.messages.ToolResultBlockParam;
import dev.kirogateway.sim.Scenario;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The official anthropic-java SDK against a running gateway and Kiro simulator. */
final class AnthropicSdkTest {
  private static GatewayHarness harness;
  private static AnthropicClient client;

  @BeforeAll
  static void start() {
    harness = GatewayHarness.start(Map.of());
    client = AnthropicOkHttpClient.builder().baseUrl(harness.baseUrl()).apiKey(harness.apiKey()).maxRetries(0).build();
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

  private static MessageCreateParams.Builder hello() {
    return MessageCreateParams.builder()
        .model("claude-sonnet-4-5-20250929")
        .maxTokens(1024)
        .system("You are terse.")
        .addUserMessage("Hello there");
  }

  private static Tool weatherTool() {
    return Tool.builder()
        .name("get_weather")
        .description("Current weather for a city.")
        .inputSchema(
            Tool.InputSchema.builder()
                .properties(JsonValue.from(Map.of("city", Map.of("type", "string"))))
                .required(List.of("city"))
                .build())
        .build();
  }

  @Test
  void nonStreamingMessageHasTextStopReasonAndUsage() {
    harness.simulator().enqueue(Scenario.Text.of("Hi", " there!"));
    Message m = client.messages().create(hello().build());
    assertThat(m.content()).hasSize(1);
    assertThat(m.content().get(0).asText().text()).isEqualTo("Hi there!");
    assertThat(m.stopReason()).contains(StopReason.END_TURN);
    assertThat(m.usage().inputTokens()).isPositive();
    assertThat(m.usage().outputTokens()).isPositive();
    String sent = harness.kiroCalls().get(0).json().orElseThrow()
        .at("/conversationState/currentMessage/userInputMessage/content").asText();
    assertThat(sent).contains("You are terse.").endsWith("Hello there");
  }

  @Test
  void streamingEventsAccumulateToTheSameMessage() {
    harness.simulator().enqueue(Scenario.Text.of("Stream", "ing ", "works."));
    MessageAccumulator acc = MessageAccumulator.create();
    List<RawMessageStreamEvent> events = new ArrayList<>();
    try (StreamResponse<RawMessageStreamEvent> stream = client.messages().createStreaming(hello().build())) {
      stream.stream().forEach(e -> {
        events.add(e);
        acc.accumulate(e);
      });
    }
    Message m = acc.message();
    assertThat(m.content().get(0).asText().text()).isEqualTo("Streaming works.");
    assertThat(events.get(0).isMessageStart()).isTrue();
    assertThat(events.get(events.size() - 1).isMessageStop()).isTrue();
  }

  @Test
  void thinkingComesAsAThinkingBlockWithSignatureBeforeTheText() {
    harness.simulator().enqueue(Scenario.ThinkingThenText.of(List.of("Weighing options."), List.of("Pick B.")));
    MessageAccumulator acc = MessageAccumulator.create();
    try (StreamResponse<RawMessageStreamEvent> stream =
        client.messages().createStreaming(hello().enabledThinking(2048).build())) {
      stream.stream().forEach(acc::accumulate);
    }
    List<ContentBlock> content = acc.message().content();
    assertThat(content).hasSize(2);
    assertThat(content.get(0).asThinking().thinking()).isEqualTo("Weighing options.");
    assertThat(content.get(0).asThinking().signature()).isNotBlank();
    assertThat(content.get(1).asText().text()).isEqualTo("Pick B.");
    String sent = harness.kiroCalls().get(0).json().orElseThrow()
        .at("/conversationState/currentMessage/userInputMessage/content").asText();
    assertThat(sent).contains("<max_thinking_length>2048</max_thinking_length>");
  }

  @Test
  void toolUseRoundTrip() {
    harness.simulator().enqueue(Scenario.ToolCalls.of(Scenario.Tool.of("tooluse_xyz789", "get_weather", "{\"ci", "ty\":\"Oslo\"}")));
    MessageAccumulator acc = MessageAccumulator.create();
    try (StreamResponse<RawMessageStreamEvent> stream =
        client.messages().createStreaming(hello().addTool(weatherTool()).build())) {
      stream.stream().forEach(acc::accumulate);
    }
    Message first = acc.message();
    assertThat(first.stopReason()).contains(StopReason.TOOL_USE);
    var toolUse = first.content().get(0).asToolUse();
    assertThat(toolUse.id()).isEqualTo("tooluse_xyz789");
    assertThat(toolUse.name()).isEqualTo("get_weather");
    assertThat(toolUse._input().convert(Map.class)).isEqualTo(Map.of("city", "Oslo"));

    harness.simulator().enqueue(Scenario.Text.of("Cold."));
    Message second =
        client.messages().create(
            hello()
                .addTool(weatherTool())
                .addMessage(first)
                .addUserMessageOfContentBlockParams(
                    List.of(
                        ContentBlockParam.ofToolResult(
                            ToolResultBlockParam.builder().toolUseId(toolUse.id()).content("-3 C").build())))
                .build());
    assertThat(second.content().get(0).asText().text()).isEqualTo("Cold.");
    var ctx = harness.kiroCalls().get(1).json().orElseThrow()
        .at("/conversationState/currentMessage/userInputMessage/userInputMessageContext");
    assertThat(ctx.at("/toolResults/0/toolUseId").asText()).isEqualTo("tooluse_xyz789");
    assertThat(ctx.at("/tools/0/toolSpecification/name").asText()).isEqualTo("get_weather");
  }

  @Test
  void countTokensAnswersWithoutCallingKiro() {
    long n =
        client.messages()
            .countTokens(
                MessageCountTokensParams.builder().model("claude-sonnet-4-5").addUserMessage("Count these words please").build())
            .inputTokens();
    assertThat(n).isPositive();
    assertThat(harness.kiroCalls()).isEmpty();
  }

  @Test
  void wrongKeyIsRejectedWithAnthropicShapedUnauthorized() {
    AnthropicClient bad =
        AnthropicOkHttpClient.builder().baseUrl(harness.baseUrl()).apiKey("nope").maxRetries(0).build();
    try {
      assertThatThrownBy(() -> bad.messages().create(hello().build()))
          .isInstanceOf(UnauthorizedException.class)
          .hasMessageContaining("authentication_error");
    } finally {
      bad.close();
    }
    assertThat(harness.kiroCalls()).isEmpty();
  }
}
