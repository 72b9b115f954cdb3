package dev.kirogateway.sim;

import static dev.kirogateway.sim.SimTestSupport.chat;
import static dev.kirogateway.sim.SimTestSupport.chatBody;
import static dev.kirogateway.sim.SimTestSupport.decode;
import static dev.kirogateway.sim.SimTestSupport.eventType;
import static dev.kirogateway.sim.SimTestSupport.eventTypes;
import static dev.kirogateway.sim.SimTestSupport.payload;
import static dev.kirogateway.sim.SimTestSupport.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kirogateway.eventstream.EventStreamDecoder;
import dev.kirogateway.eventstream.EventStreamException;
import dev.kirogateway.eventstream.Message;
import dev.kirogateway.sim.Scenario.HttpError;
import dev.kirogateway.sim.Scenario.Tool;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

final class ScenarioStreamTest {
  private static final String THINKING_PREFIX =
      "<thinking_mode>enabled</thinking_mode>\n<max_thinking_length>4000</max_thinking_length>\n"
          + "<thinking_instruction>Think in English.</thinking_instruction>\n\n";
  private static final String WEATHER_TOOL =
      """
      {"tools":[{"toolSpecification":{"name":"get_weather","description":"Current weather.",
        "inputSchema":{"json":{"type":"object","properties":{"city":{"type":"string"},
        "unit":{"type":"string","enum":["celsius","fahrenheit"]}},"required":["city","unit"]}}}}]}
      """;

  private KiroSimulator sim;
  private String token;

  @BeforeEach
  void start() {
    sim = KiroSimulator.start(SimulatorOptions.defaults());
    token = sim.issueAccessToken(Duration.ofHours(1));
  }

  @AfterEach
  void stop() {
    sim.close();
  }

  private List<Message> stream(String body) throws Exception {
    HttpResponse<byte[]> r = chat(sim, token, body);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type"))
        .hasValue("application/vnd.amazon.eventstream");
    assertThat(r.headers().firstValue("x-amzn-RequestId"))
        .hasValueSatisfying(id -> assertThat(id).hasSize(36));
    return decode(r.body());
  }

  private List<Message> stream(Scenario s) throws Exception {
    sim.enqueue(s);
    return stream(chatBody("Hello"));
  }

  @Test
  void demoModelEchoesTheUserTextAndEndsWithMeteringThenContextUsage() throws Exception {
    List<Message> messages = stream(chatBody("Hello there"));
    assertThat(text(messages)).startsWith("You said: \"Hello there\".");
    assertThat(messages.size()).isGreaterThan(5);
    List<String> types = eventTypes(messages);
    assertThat(types.subList(types.size() - 2, types.size()))
        .containsExactly("meteringEvent", "contextUsageEvent");
    assertThat(payload(messages.getLast()).path("contextUsagePercentage").isNumber()).isTrue();
    assertThat(payload(messages.get(messages.size() - 2)).path("unit").asText())
        .isEqualTo("credit");
  }

  @Test
  void demoModelThinksWhenThePrefixIsPresent() throws Exception {
    String reply = text(stream(chatBody(THINKING_PREFIX + "What is 2+2?")));
    assertThat(reply)
        .startsWith("<thinking>")
        .contains("</thinking>\n\nYou said: \"What is 2+2?\"");
    assertThat(reply).doesNotContain("thinking_mode");
  }

  @Test
  void demoModelCallsADeclaredToolWithArgumentsFromItsSchema() throws Exception {
    List<Message> messages = stream(chatBody("Please call get_weather for me", WEATHER_TOOL));
    List<Message> tools =
        messages.stream().filter(m -> eventType(m).equals("toolUseEvent")).toList();
    assertThat(tools).hasSizeGreaterThanOrEqualTo(3);
    String id = payload(tools.getFirst()).path("toolUseId").asText();
    assertThat(id).startsWith("tooluse_");
    StringBuilder input = new StringBuilder();
    tools.forEach(
        t -> {
          assertThat(payload(t).path("name").asText()).isEqualTo("get_weather");
          assertThat(payload(t).path("toolUseId").asText()).isEqualTo(id);
          input.append(payload(t).path("input").asText(""));
        });
    assertThat(payload(tools.getLast()).path("stop").asBoolean()).isTrue();
    JsonNode args = Json.parse(input.toString().getBytes()).orElseThrow();
    assertThat(args.path("city").asText()).isEqualTo("Paris");
    assertThat(args.path("unit").asText()).isEqualTo("celsius");
  }

  @Test
  void demoModelIgnoresACallForAnUndeclaredTool() throws Exception {
    List<Message> messages = stream(chatBody("call get_time", WEATHER_TOOL));
    assertThat(eventTypes(messages)).doesNotContain("toolUseEvent");
  }

  @Test
  void demoModelSummarisesToolResults() throws Exception {
    String body =
        """
        {"conversationState":{"conversationId":"c","chatTriggerType":"MANUAL",
         "history":[{"userInputMessage":{"content":"call get_weather","modelId":"auto","origin":"AI_EDITOR"}},
          {"assistantResponseMessage":{"content":"Sure.","toolUses":[{"toolUseId":"tooluse_A","name":"get_weather","input":{"city":"Paris"}}]}}],
         "currentMessage":{"userInputMessage":{"content":"(empty placeholder)","modelId":"auto","origin":"AI_EDITOR",
          "userInputMessageContext":{"toolResults":[{"toolUseId":"tooluse_A","status":"success","content":[{"text":"18 C, sunny"}]}],
           "tools":[{"toolSpecification":{"name":"get_weather","description":"Weather.","inputSchema":{"json":{"type":"object"}}}}]}}}}}
        """;
    assertThat(text(stream(body))).contains("The tool get_weather returned: 18 C, sunny.");
  }

  @Test
  void textScenarioSendsOneEventPerFragment() throws Exception {
    List<Message> messages = stream(Scenario.Text.of("Hel", "lo", "\n", "\n"));
    assertThat(eventTypes(messages))
        .containsExactly(
            "assistantResponseEvent",
            "assistantResponseEvent",
            "assistantResponseEvent",
            "assistantResponseEvent",
            "meteringEvent",
            "contextUsageEvent");
    assertThat(text(messages)).isEqualTo("Hello\n\n");
  }

  @Test
  void initialResponseComesFirstWhenEnabled() throws Exception {
    sim.close();
    sim = KiroSimulator.start(SimulatorOptions.defaults().withInitialResponse(true));
    token = sim.issueAccessToken(Duration.ofHours(1));
    List<Message> messages = stream(Scenario.Text.of("Hi"));
    assertThat(eventType(messages.getFirst())).isEqualTo("initial-response");
    assertThat(payload(messages.getFirst()).path("conversationId").asText()).isEqualTo("conv-1");
  }

  @Test
  void thinkingScenarioSplitsTheCloseTag() throws Exception {
    List<Message> messages =
        stream(
            new Scenario.ThinkingThenText(
                "think", "  \n", List.of("Let me", " think."), true, List.of("Answer")));
    assertThat(text(messages)).isEqualTo("  \n<think>Let me think.</think>\n\nAnswer");
    assertThat(messages.stream().map(m -> payload(m).path("content").asText()))
        .contains("</th", "ink>\n\n");
  }

  @Test
  void unterminatedThinkingNeverCloses() throws Exception {
    String reply =
        text(
            stream(
                new Scenario.ThinkingThenText(
                    "thinking", "", List.of("abc"), false, List.of("lost"))));
    assertThat(reply).isEqualTo("<thinking>abc");
  }

  @Test
  void toolCallVariantsHaveTheDocumentedShapes() throws Exception {
    JsonNode object = Json.parse("{\"city\":\"Oslo\"}".getBytes()).orElseThrow();
    List<Message> messages =
        stream(
            new Scenario.ToolCalls(
                List.of("Checking."),
                List.of(
                    Tool.of("tooluse_A", "get_weather", "{\"city\":", "\"Paris\"}"),
                    Tool.of("tooluse_B", "get_weather", "{\"city\":\"Paris\"}")
                        .withStopOnLastFragment(),
                    Tool.withObjectInput("tooluse_C", "get_weather", object),
                    Tool.of("tooluse_D", "get_weather", "{}").withRepeatedStop(),
                    Tool.of("tooluse_E", "get_weather", "{\"city\":").withoutStop())));
    List<JsonNode> tools =
        messages.stream()
            .filter(m -> eventType(m).equals("toolUseEvent"))
            .map(SimTestSupport::payload)
            .toList();
    List<String> shapes = new ArrayList<>();
    for (JsonNode t : tools) {
      shapes.add(
          t.path("toolUseId").asText().substring(8)
              + (t.has("input") ? (t.get("input").isObject() ? "o" : "i") : "")
              + (t.path("stop").asBoolean() ? "s" : ""));
    }
    assertThat(shapes)
        .containsExactly(
            "A", "Ai", "Ai", "As", "B", "Bis", "Co", "Cs", "D", "Di", "Ds", "Ds", "E", "Ei");
    assertThat(eventTypes(messages)).endsWith("meteringEvent", "contextUsageEvent");
  }

  @Test
  void nativeReasoningSendsTextSignatureAndRedactedContent() throws Exception {
    List<Message> messages =
        stream(
            new Scenario.NativeReasoning(
                List.of("Hmm", "…"), Optional.of("sig=="), Optional.of("ENC"), List.of("Done")));
    List<JsonNode> reasoning =
        messages.stream()
            .filter(m -> eventType(m).equals("reasoningContentEvent"))
            .map(SimTestSupport::payload)
            .toList();
    assertThat(reasoning)
        .extracting(n -> n.fieldNames().next())
        .containsExactly("text", "text", "signature", "redactedContent");
    assertThat(text(messages)).isEqualTo("Done");
  }

  @Test
  void rawFramesAreSentAsGiven() throws Exception {
    Message empty = new Message(java.util.Map.of(), new byte[0]);
    List<Message> messages =
        stream(
            new Scenario.Frames(
                List.of(
                    Message.event(
                        "followupPromptEvent",
                        "{\"followupPrompt\":{\"content\":\"x\",\"userIntent\":\"y\"}}"),
                    empty,
                    Message.event("someFutureEvent", "{}"))));
    assertThat(messages).hasSize(3);
    assertThat(messages.get(1)).isEqualTo(empty);
  }

  @Test
  void httpErrorsCarryTheExactBodiesAndHeaders() throws Exception {
    sim.enqueue(HttpError.throttled(Duration.ofSeconds(7)));
    sim.enqueue(HttpError.modelTemporarilyUnavailable(), 2);
    sim.enqueue(HttpError.monthlyLimit());
    HttpResponse<byte[]> r = chat(sim, token, chatBody("Hi"));
    assertThat(r.statusCode()).isEqualTo(429);
    assertThat(r.headers().firstValue("Retry-After")).hasValue("7");
    assertThat(new String(r.body()))
        .isEqualTo(
            "{\"message\":\"Too many requests, please wait before trying"
                + " again.\",\"reason\":null}");
    assertThat(chat(sim, token, chatBody("Hi")).statusCode()).isEqualTo(503);
    assertThat(SimTestSupport.json(chat(sim, token, chatBody("Hi"))).path("reason").asText())
        .isEqualTo("MODEL_TEMPORARILY_UNAVAILABLE");
    HttpResponse<byte[]> quota = chat(sim, token, chatBody("Hi"));
    assertThat(quota.statusCode()).isEqualTo(402);
    assertThat(SimTestSupport.json(quota).path("reason").asText())
        .isEqualTo("MONTHLY_REQUEST_COUNT");
    assertThat(chat(sim, token, chatBody("Hi")).statusCode())
        .as("queue drained: demo")
        .isEqualTo(200);
  }

  @Test
  void everyDocumentedErrorBodyHasMessageAndReason() {
    List<HttpError> all =
        List.of(
            HttpError.improperlyFormed(),
            HttpError.invalidToolUseFormat(),
            HttpError.inputTooLong(),
            HttpError.invalidModel(),
            HttpError.profileArnRequired(),
            HttpError.thinkingSignatureInvalid(),
            HttpError.invalidProfileArn(),
            HttpError.insufficientModelCapacity(429),
            HttpError.monthlyLimit(),
            HttpError.bearerTokenInvalid(),
            HttpError.notAuthorized(),
            HttpError.throttled(),
            HttpError.highLoad(),
            HttpError.internalError(),
            HttpError.modelTemporarilyUnavailable());
    for (HttpError e : all) {
      JsonNode body = Json.parse(e.body().getBytes()).orElseThrow();
      assertThat(body.path("message").isTextual()).isTrue();
      assertThat(body.has("reason")).isTrue();
    }
    assertThat(HttpError.throttled().headers()).doesNotContainKey("Retry-After");
  }

  @Test
  void exceptionFrameFollowsSomeText() throws Exception {
    List<Message> messages = stream(Scenario.ExceptionFrame.throttling("partial"));
    assertThat(eventTypes(messages))
        .containsExactly("assistantResponseEvent", "ThrottlingException");
    assertThat(messages.getLast().stringHeader(":message-type")).hasValue("exception");
    assertThat(payload(messages.getLast()).path("message").asText())
        .startsWith("Too many requests");
  }

  @Test
  void errorFrameAndInvalidStateEndTheStream() throws Exception {
    List<Message> error = stream(new Scenario.ErrorFrame("InternalFailure", "boom", List.of()));
    assertThat(error).hasSize(1);
    assertThat(error.getFirst().stringHeader(":error-message")).hasValue("boom");
    List<Message> invalid = stream(new Scenario.InvalidState("INVALID", "bad state", List.of("a")));
    assertThat(eventTypes(invalid)).containsExactly("assistantResponseEvent", "invalidStateEvent");
  }

  @Test
  void truncatedStreamEndsCleanlyWithoutCompletionEvents() throws Exception {
    List<Message> messages = stream(Scenario.Truncated.text("Hel", "lo"));
    assertThat(eventTypes(messages))
        .containsExactly("assistantResponseEvent", "assistantResponseEvent");
    List<Message> tool =
        stream(
            new Scenario.Truncated(
                Scenario.ToolCalls.of(Tool.of("tooluse_X", "t", "{\"a\":").withoutStop())));
    assertThat(eventTypes(tool)).containsOnly("toolUseEvent");
  }

  @Test
  void cutMidFrameLeavesAPartialMessage() throws Exception {
    sim.enqueue(new Scenario.CutMidFrame(List.of("a")));
    HttpResponse<byte[]> r = chat(sim, token, chatBody("Hi"));
    EventStreamDecoder decoder = new EventStreamDecoder();
    List<Message> out = new ArrayList<>();
    decoder.feed(r.body(), out::add);
    assertThat(out).hasSize(1);
    assertThat(decoder.hasPartialMessage()).isTrue();
  }

  @Test
  void corruptCrcFailsTheDecoder() throws Exception {
    sim.enqueue(new Scenario.CorruptCrc(List.of("a")));
    byte[] body = chat(sim, token, chatBody("Hi")).body();
    List<Message> out = new ArrayList<>();
    assertThatThrownBy(() -> new EventStreamDecoder().feed(body, out::add))
        .isInstanceOf(EventStreamException.class)
        .hasMessageContaining("message CRC");
    assertThat(out).hasSize(1);
  }

  @Test
  void connectionResetBreaksTheBodyRead() throws Exception {
    sim.enqueue(new Scenario.ConnectionReset(List.of("a", "b")));
    assertThatThrownBy(() -> chat(sim, token, chatBody("Hi"))).isInstanceOf(IOException.class);
  }

  @Test
  void stallBeforeFirstByteDelaysTheBodyButNotTheHeaders() throws Exception {
    sim.enqueue(Scenario.Stall.beforeFirstByte(Duration.ofMillis(400), Scenario.Text.of("late")));
    long t0 = System.nanoTime();
    HttpResponse<InputStream> r =
        SimTestSupport.CLIENT.send(
            SimTestSupport.request(
                    sim, "/generateAssistantResponse", SimTestSupport.kiroHeaders(token))
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(chatBody("Hi")))
                .build(),
            HttpResponse.BodyHandlers.ofInputStream());
    long headersAt = System.nanoTime() - t0;
    try (InputStream in = r.body()) {
      in.read();
    }
    long firstByteAt = System.nanoTime() - t0;
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(Duration.ofNanos(headersAt)).isLessThan(Duration.ofMillis(300));
    assertThat(Duration.ofNanos(firstByteAt)).isGreaterThanOrEqualTo(Duration.ofMillis(390));
  }

  @Test
  void stallBeforeHeadersAndMidStreamStillDeliverEverything() throws Exception {
    sim.enqueue(
        new Scenario.Stall(
            Duration.ofMillis(100),
            Duration.ZERO,
            Duration.ofMillis(100),
            Scenario.Text.of("a", "b", "c")));
    long t0 = System.nanoTime();
    List<Message> messages = decode(chat(sim, token, chatBody("Hi")).body());
    assertThat(Duration.ofNanos(System.nanoTime() - t0))
        .isGreaterThanOrEqualTo(Duration.ofMillis(195));
    assertThat(text(messages)).isEqualTo("abc");
  }
}
