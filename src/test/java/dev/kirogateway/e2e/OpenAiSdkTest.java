package dev.kirogateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.errors.UnauthorizedException;
import com.openai.helpers.ChatCompletionAccumulator;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.ReasoningEffort;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionFunctionTool;
import com.openai.models.chat.completions.ChatCompletionMessageFunctionToolCall;
import com.openai.models.chat.completions.ChatCompletionMessageToolCall;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.chat.completions.ChatCompletionToolMessageParam;
import dev.kirogateway.sim.Scenario;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The official openai-java SDK against a running gateway and Kiro simulator. */
final class OpenAiSdkTest {
  private static GatewayHarness harness;
  private static OpenAIClient client;

  @BeforeAll
  static void start() {
    harness = GatewayHarness.start(Map.of());
    client = OpenAIOkHttpClient.builder().baseUrl(harness.baseUrl() + "/v1").apiKey(harness.apiKey()).maxRetries(0).build();
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

  private static ChatCompletionCreateParams.Builder hello() {
    return ChatCompletionCreateParams.builder().model("claude-sonnet-4-5").addUserMessage("Hello there");
  }

  @Test
  void nonStreamingCompletionCarriesTheSimulatorsAnswerAndUsage() {
    harness.simulator().enqueue(Scenario.Text.of("Hi! ", "How can I help?"));
    ChatCompletion c = client.chat().completions().create(hello().build());
    assertThat(c.choices()).hasSize(1);
    assertThat(c.choices().get(0).message().content()).contains("Hi! How can I help?");
    assertThat(c.choices().get(0).finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.STOP);
    assertThat(c.model()).isEqualTo("claude-sonnet-4-5");
    assertThat(c.usage()).isPresent();
    assertThat(c.usage().get().promptTokens()).isPositive();
    assertThat(harness.kiroCalls()).hasSize(1);
    assertThat(harness.kiroCalls().get(0).json().orElseThrow().at("/conversationState/currentMessage/userInputMessage/modelId").asText())
        .isEqualTo("claude-sonnet-4.5");
  }

  @Test
  void streamingDeliversTextInPiecesThatAccumulateToTheAnswer() {
    harness.simulator().enqueue(Scenario.Text.of("One ", "two ", "three."));
    List<ChatCompletionChunk> chunks = new ArrayList<>();
    ChatCompletionAccumulator acc = ChatCompletionAccumulator.create();
    ChatCompletionCreateParams params =
        hello().streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build()).build();
    try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(params)) {
      stream.stream().forEach(ch -> {
        chunks.add(ch);
        acc.accumulate(ch);
      });
    }
    ChatCompletion c = acc.chatCompletion();
    assertThat(c.choices().get(0).message().content()).contains("One two three.");
    assertThat(chunks.size()).isGreaterThanOrEqualTo(5);
    assertThat(chunks.get(chunks.size() - 1).usage()).isPresent();
  }

  @Test
  void toolCallRoundTripSendsTheResultBackToKiro() {
    harness.simulator().enqueue(Scenario.ToolCalls.of(Scenario.Tool.of("tooluse_abc123", "get_weather", "{\"city\":", "\"Paris\"}")));
    ChatCompletionFunctionTool tool =
        ChatCompletionFunctionTool.builder()
            .function(
                FunctionDefinition.builder()
                    .name("get_weather")
                    .description("Current weather for a city.")
                    .parameters(
                        FunctionParameters.builder()
                            .putAdditionalProperty("type", JsonValue.from("object"))
                            .putAdditionalProperty(
                                "properties", JsonValue.from(Map.of("city", Map.of("type", "string"))))
                            .putAdditionalProperty("required", JsonValue.from(List.of("city")))
                            .build())
                    .build())
            .build();
    ChatCompletionCreateParams first = hello().addTool(tool).build();
    ChatCompletionAccumulator acc = ChatCompletionAccumulator.create();
    try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(first)) {
      stream.stream().forEach(acc::accumulate);
    }
    ChatCompletion c = acc.chatCompletion();
    assertThat(c.choices().get(0).finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.TOOL_CALLS);
    List<ChatCompletionMessageToolCall> calls = c.choices().get(0).message().toolCalls().orElseThrow();
    assertThat(calls).hasSize(1);
    ChatCompletionMessageFunctionToolCall call = calls.get(0).asFunction();
    assertThat(call.id()).isEqualTo("tooluse_abc123");
    assertThat(call.function().name()).isEqualTo("get_weather");
    assertThat(call.function().arguments()).isEqualTo("{\"city\":\"Paris\"}");

    harness.simulator().enqueue(Scenario.Text.of("It is sunny."));
    ChatCompletionCreateParams second =
        hello()
            .addTool(tool)
            .addMessage(c.choices().get(0).message())
            .addMessage(
                ChatCompletionToolMessageParam.builder().toolCallId(call.id()).content("18 C, sunny").build())
            .build();
    ChatCompletion answer = client.chat().completions().create(second);
    assertThat(answer.choices().get(0).message().content()).contains("It is sunny.");
    var kiro = harness.kiroCalls().get(1).json().orElseThrow().at("/conversationState");
    assertThat(kiro.at("/currentMessage/userInputMessage/userInputMessageContext/toolResults/0/toolUseId").asText())
        .isEqualTo("tooluse_abc123");
    assertThat(kiro.at("/currentMessage/userInputMessage/userInputMessageContext/toolResults/0/content/0/text").asText())
        .isEqualTo("18 C, sunny");
    assertThat(kiro.at("/history/1/assistantResponseMessage/toolUses/0/name").asText()).isEqualTo("get_weather");
  }

  @Test
  void reasoningArrivesAsReasoningContentNotAsTags() {
    harness.simulator().enqueue(Scenario.ThinkingThenText.of(List.of("Let me think."), List.of("The answer is 4.")));
    ChatCompletion c =
        client.chat().completions().create(hello().reasoningEffort(ReasoningEffort.HIGH).maxCompletionTokens(8000).build());
    var message = c.choices().get(0).message();
    assertThat(message.content()).contains("The answer is 4.");
    assertThat(message.content().orElse("")).doesNotContain("<thinking>");
    assertThat(message._additionalProperties().get("reasoning_content").asString()).contains("Let me think.");
    String sent = harness.kiroCalls().get(0).json().orElseThrow()
        .at("/conversationState/currentMessage/userInputMessage/content").asText();
    assertThat(sent).startsWith("<thinking_mode>enabled</thinking_mode>\n<max_thinking_length>6400</max_thinking_length>");
  }

  @Test
  void wrongKeyIsRejectedWithOpenAiShapedUnauthorized() {
    OpenAIClient bad =
        OpenAIOkHttpClient.builder().baseUrl(harness.baseUrl() + "/v1").apiKey("wrong").maxRetries(0).build();
    try {
      assertThatThrownBy(() -> bad.chat().completions().create(hello().build()))
          .isInstanceOf(UnauthorizedException.class)
          .hasMessageContaining("Invalid API key");
    } finally {
      bad.close();
    }
    assertThat(harness.kiroCalls()).isEmpty();
  }

  @Test
  void modelsAreListed() {
    var models = client.models().list().data();
    assertThat(models).extracting(m -> m.id()).contains("claude-sonnet-4.5", "auto-kiro");
  }
}
