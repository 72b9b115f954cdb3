package dev.kirogateway.kiro;

import static dev.kirogateway.kiro.KiroRequestFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kirogateway.chat.ChatException;
import dev.kirogateway.chat.ChatRequest;
import dev.kirogateway.chat.ErrorKind;
import dev.kirogateway.chat.Reasoning;
import dev.kirogateway.model.ModelResolver;
import dev.kirogateway.model.ModelSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Rules R17–R20: size limit and trimming, fake reasoning, ignored fields and constants. */
final class KiroRequestLimitsTest {
  private static final String BIG = "y".repeat(3_000);

  private static ChatRequest longConversation() {
    return request("SYSTEM TEXT", tools("read"),
        user(text("first " + BIG), png()), assistant(text("a1 " + BIG)),
        user(text("second " + BIG)), assistant(text("a2"), use("t", "read", "{}")),
        user(result("t", "out"), text("third")));
  }

  @Test
  void r17FailsWithPromptTooLongWhenTrimmingIsOff() {
    KiroRequestBuilder b = builder(plain().withPayloadLimit(2_000, false));
    assertThatThrownBy(() -> b.build(longConversation(), Optional.empty()))
        .isInstanceOfSatisfying(ChatException.class, e -> {
          assertThat(e.kind()).isEqualTo(ErrorKind.CONTEXT_TOO_LONG);
          assertThat(e.getMessage()).startsWith("prompt is too long:").contains("2000");
        });
  }

  @Test
  void r17TrimsHistoryImagesFirst() {
    int full = builder(plain()).build(longConversation(), Optional.empty()).body().length;
    KiroRequest req = builder(plain().withPayloadLimit(full - 10, true))
        .build(longConversation(), Optional.empty());
    JsonNode body = parse(req.body());

    assertThat(req.body().length).isLessThanOrEqualTo(full - 10);
    assertThat(history(body)).hasSize(4);
    assertThat(history(body).at("/0/userInputMessage").has("images")).isFalse();
    assertThat(history(body).at("/0/userInputMessage/content").asText())
        .endsWith("\n[image omitted: request size limit]");
  }

  @Test
  void r17DropsOldestPairsReinjectsSystemAndRepairsOrphans() {
    KiroRequest req = builder(plain().withPayloadLimit(4_000, true))
        .build(longConversation(), Optional.empty());
    JsonNode body = parse(req.body());

    assertThat(req.body().length).isLessThanOrEqualTo(4_000);
    assertThat(history(body)).hasSize(2);
    assertThat(history(body).at("/0/userInputMessage/content").asText())
        .isEqualTo("SYSTEM TEXT\n\nsecond " + BIG);
    assertThat(current(body).at("/userInputMessageContext/toolResults")).hasSize(1);

    KiroRequest tighter = builder(plain().withPayloadLimit(1_500, true))
        .build(longConversation(), Optional.empty());
    JsonNode only = parse(tighter.body());
    assertThat(history(only).isMissingNode()).isTrue();
    // its assistant was trimmed away, so the result became text (R9) and the system moved here
    assertThat(current(only).get("content").asText())
        .isEqualTo("SYSTEM TEXT\n\nthird\n\n[Tool Result (t)]\nout");
    assertThat(current(only).at("/userInputMessageContext/toolResults").isMissingNode()).isTrue();
  }

  @Test
  void r17FailsWhenTheCurrentMessageAloneIsTooLarge() {
    KiroRequestBuilder b = builder(plain().withPayloadLimit(1_000, true));
    assertThatThrownBy(() -> b.build(request(user(text(BIG))), Optional.empty()))
        .isInstanceOfSatisfying(ChatException.class,
            e -> assertThat(e.kind()).isEqualTo(ErrorKind.CONTEXT_TOO_LONG));
  }

  @Test
  void r17DefaultLimitIs600000Bytes() {
    assertThat(RequestSettings.defaults().maxPayloadBytes()).isEqualTo(600_000);
    assertThat(RequestSettings.defaults().autoTrimPayload()).isFalse();
  }

  @Test
  void r18InjectsTheExactPrefixAndTheSystemSection() {
    KiroRequest req = builder(RequestSettings.defaults()).build(request("Sys.", List.of(),
        user(text("q1")), assistant(text("a1")), user(text("q2"))), Optional.empty());
    JsonNode body = parse(req.body());

    assertThat(req.thinkingInjected()).isTrue();
    assertThat(current(body).get("content").asText()).isEqualTo(
        "<thinking_mode>enabled</thinking_mode>\n<max_thinking_length>4000</max_thinking_length>\n"
            + "<thinking_instruction>" + KiroRequestBuilder.THINKING_INSTRUCTION
            + "</thinking_instruction>\n\nq2");
    String first = history(body).at("/0/userInputMessage/content").asText();
    assertThat(first).startsWith("Sys.\n\n# Extended Thinking Mode\n").endsWith("\n\nq1")
        .contains("<thinking_mode>", "<max_thinking_length>", "<thinking_instruction>",
            "<thinking>...</thinking>");
    assertThat(history(body).toString()).doesNotContain("<thinking_mode>enabled");
  }

  @Test
  void r18PrefixGoesInFrontOfTheSystemTextWithoutHistory() {
    JsonNode body = parse(builder(RequestSettings.defaults()).build(request("Sys.", List.of(),
        user(text("q"))), Optional.empty()).body());
    assertThat(current(body).get("content").asText())
        .startsWith("<thinking_mode>enabled</thinking_mode>\n")
        .contains("</thinking_instruction>\n\nSys.\n\n# Extended Thinking Mode\n")
        .endsWith("\n\nq");
  }

  @ParameterizedTest(name = "{0} {1} -> {2}")
  @CsvSource({
    "high, 8000, 6400",
    "medium, , 2048",
    "minimal, 1000, 100",
    "low, 1000, 200",
    "xhigh, 999, 949",
    "high, 100000, 10000",
    "none, 8000, 0",
    "bogus, 8000, 4000",
  })
  void r18EffortBudgets(String effort, Integer max, int expected) {
    OptionalInt m = max == null ? OptionalInt.empty() : OptionalInt.of(max);
    assertThat(builder(RequestSettings.defaults()).budget(new Reasoning.Effort(effort, m)))
        .isEqualTo(expected);
  }

  @Test
  void r18AnthropicBudgetsAndSwitches() {
    KiroRequestBuilder b = builder(RequestSettings.defaults());
    assertThat(b.budget(new Reasoning.Budget(32_000))).isEqualTo(10_000);
    assertThat(b.budget(new Reasoning.Budget(2_000))).isEqualTo(2_000);
    assertThat(b.budget(new Reasoning.Off())).isZero();
    assertThat(b.budget(new Reasoning.Default())).isEqualTo(4_000);

    RequestSettings d = RequestSettings.defaults();
    RequestSettings noCap = new RequestSettings(d.maxPayloadBytes(), false, 10_000, true, 4000, 0,
        "error", true, d.emptyTextPlaceholder(), d.emptyResultPlaceholder());
    assertThat(builder(noCap).budget(new Reasoning.Budget(32_000))).isEqualTo(32_000);
  }

  @Test
  void r18OffWhenDisabledByClientOrSetting() {
    ChatRequest off = new ChatRequest("claude-sonnet-4.5", "", List.of(user(text("q"))),
        List.of(), new Reasoning.Off());
    assertThat(builder(RequestSettings.defaults()).build(off, Optional.empty()).thinkingInjected())
        .isFalse();
    KiroRequest plainReq = builder(plain()).build(request(user(text("q"))), Optional.empty());
    assertThat(plainReq.thinkingInjected()).isFalse();
    assertThat(current(parse(plainReq.body())).get("content").asText()).isEqualTo("q");
  }

  /** Every key the §3.1 schema allows; anything else would be an unknown field upstream (R19). */
  private static final Set<String> SCHEMA_KEYS = Set.of("conversationState", "profileArn",
      "chatTriggerType", "conversationId", "currentMessage", "history", "userInputMessage",
      "assistantResponseMessage", "content", "modelId", "origin", "images", "format", "source",
      "bytes", "userInputMessageContext", "tools", "toolResults", "toolSpecification", "name",
      "description", "inputSchema", "json", "toolUseId", "status", "text", "toolUses", "input",
      "messageId");

  @Test
  void r19SendsOnlySchemaFields() {
    ChatRequest r = KiroRequestGoldenTest.workedExample();
    List<String> unknown = new ArrayList<>();
    collectKeys(parse(builder(RequestSettings.defaults()).build(r, Optional.of("arn")).body()),
        unknown);
    assertThat(unknown).isEmpty();
  }

  private static void collectKeys(JsonNode node, List<String> unknown) {
    if (node.isArray()) {
      node.forEach(n -> collectKeys(n, unknown));
    } else if (node.isObject()) {
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        if (!SCHEMA_KEYS.contains(e.getKey())) {
          unknown.add(e.getKey());
        }
        // free-form JSON (schemas, tool inputs) is not part of the envelope
        if (!e.getKey().equals("json") && !e.getKey().equals("input")) {
          collectKeys(e.getValue(), unknown);
        }
      }
    }
  }

  @Test
  void r20ConstantsFreshIdsAndProfileArnOnlyWhenPresent() {
    KiroRequestBuilder b = new KiroRequestBuilder(plain(),
        ModelResolver.from(ModelSettings.defaults()), COUNTER, UUID::randomUUID);
    ChatRequest r = request(user(text("q1")), assistant(text("a1")), user(text("q2")));
    KiroRequest one = b.build(r, Optional.empty());
    KiroRequest two = b.build(r, Optional.of(""));
    KiroRequest three = b.build(r, Optional.of("arn:aws:codewhisperer:us-east-1:1:profile/P"));
    JsonNode body = parse(one.body());

    assertThat(body.at("/conversationState/chatTriggerType").asText()).isEqualTo("MANUAL");
    assertThat(current(body).get("origin").asText()).isEqualTo("AI_EDITOR");
    assertThat(current(body).get("modelId").asText()).isEqualTo("claude-sonnet-4.5");
    assertThat(history(body).at("/0/userInputMessage/origin").asText()).isEqualTo("AI_EDITOR");
    assertThat(history(body).at("/0/userInputMessage/modelId").asText())
        .isEqualTo("claude-sonnet-4.5");
    assertThat(one.conversationId()).isNotEqualTo(two.conversationId());
    assertThat(body.at("/conversationState/conversationId").asText())
        .isEqualTo(one.conversationId());
    assertThat(body.has("profileArn")).isFalse();
    assertThat(parse(two.body()).has("profileArn")).isFalse();
    assertThat(parse(three.body()).get("profileArn").asText())
        .isEqualTo("arn:aws:codewhisperer:us-east-1:1:profile/P");
  }
}
