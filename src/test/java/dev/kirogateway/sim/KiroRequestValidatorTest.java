package dev.kirogateway.sim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kirogateway.sim.Scenario.HttpError;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

final class KiroRequestValidatorTest {
  private static final String IMPROPER =
      "{\"message\":\"Improperly formed request.\",\"reason\":null}";
  private static final String INVALID_TOOL_USE =
      "{\"message\":\"Invalid tool use format.\",\"reason\":\"REQUEST_BODY_INVALID\"}";

  /** A valid request with history, a tool use, its result and the tool list; keys out of order. */
  static final String VALID =
      """
      {"profileArn":"arn:aws:codewhisperer:us-east-1:123456789012:profile/X",
       "conversationState":{"conversationId":"c-1","chatTriggerType":"MANUAL",
        "history":[
         {"userInputMessage":{"content":"Weather in Paris?","modelId":"claude-sonnet-4.5","origin":"AI_EDITOR"}},
         {"assistantResponseMessage":{"content":"Let me check.",
           "toolUses":[{"toolUseId":"tooluse_1","name":"get_weather","input":{"city":"Paris"}}]}}],
        "currentMessage":{"userInputMessage":{"origin":"AI_EDITOR","modelId":"claude-sonnet-4.5",
          "content":"(empty placeholder)",
          "userInputMessageContext":{
           "toolResults":[{"toolUseId":"tooluse_1","status":"success","content":[{"text":"18 C"}]}],
           "tools":[{"toolSpecification":{"name":"get_weather","description":"Current weather.",
             "inputSchema":{"json":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}}}}]}}}}}
      """;

  /** The smallest valid request. */
  static final String MINIMAL =
      """
      {"conversationState":{"chatTriggerType":"MANUAL","conversationId":"c-2",
        "currentMessage":{"userInputMessage":{"content":"Hello","modelId":"auto","origin":"AI_EDITOR"}}}}
      """;

  private static KiroRequestValidator.Rules lenient() {
    return new KiroRequestValidator.Rules(
        false, false, SimulatorOptions.DEFAULT_MODELS, 200_000, false, ProfileArnMode.ANY);
  }

  private static KiroRequestValidator.Rules strict() {
    return new KiroRequestValidator.Rules(
        true, true, SimulatorOptions.DEFAULT_MODELS, 200_000, false, ProfileArnMode.ANY);
  }

  private static Optional<HttpError> check(String body) {
    return check(lenient(), body);
  }

  private static Optional<HttpError> check(KiroRequestValidator.Rules rules, String body) {
    return new KiroRequestValidator(rules).checkBody(body.getBytes(StandardCharsets.UTF_8));
  }

  private static String swap(String body, String from, String to) {
    assertThat(body).contains(from);
    return body.replace(from, to);
  }

  private static void assertImproper(Optional<HttpError> result) {
    assertThat(result)
        .hasValueSatisfying(
            e -> {
              assertThat(e.status()).isEqualTo(400);
              assertThat(e.body()).isEqualTo(IMPROPER);
            });
  }

  private static void assertInvalidToolUse(Optional<HttpError> result) {
    assertThat(result)
        .hasValueSatisfying(
            e -> {
              assertThat(e.status()).isEqualTo(400);
              assertThat(e.body()).isEqualTo(INVALID_TOOL_USE);
            });
  }

  @Test
  void acceptsValidBodiesInBothModes() {
    assertThat(check(VALID)).isEmpty();
    assertThat(check(MINIMAL)).isEmpty();
    assertThat(check(strict(), VALID)).isEmpty();
    assertThat(check(strict(), MINIMAL)).isEmpty();
  }

  @Test
  void keyOrderDoesNotMatter() {
    String reordered =
        """
        {"conversationState":{"currentMessage":{"userInputMessage":{"origin":"AI_EDITOR",
          "modelId":"auto","content":"Hello"}},"conversationId":"c-2","chatTriggerType":"MANUAL"}}
        """;
    assertThat(check(strict(), reordered)).isEmpty();
  }

  @Test
  void rejectsBodyThatIsNotJson() {
    assertImproper(check("{\"conversationState\":"));
    assertImproper(check("not json"));
    assertImproper(check("[]"));
  }

  @Test
  void rejectsMissingConversationState() {
    assertImproper(check("{\"profileArn\":\"arn:x\"}"));
  }

  @Test
  void rejectsMissingUserInputMessage() {
    assertImproper(check(swap(MINIMAL, "\"userInputMessage\"", "\"assistantResponseMessage\"")));
  }

  @Test
  void rejectsMissingContent() {
    assertImproper(check(swap(MINIMAL, "\"content\":\"Hello\",", "")));
  }

  @Test
  void rejectsMissingModelId() {
    assertImproper(check(swap(MINIMAL, "\"modelId\":\"auto\",", "")));
  }

  @Test
  void rejectsMissingOrigin() {
    assertImproper(check(swap(MINIMAL, ",\"origin\":\"AI_EDITOR\"", "")));
  }

  @Test
  void rejectsMissingChatTriggerType() {
    assertImproper(check(swap(MINIMAL, "\"chatTriggerType\":\"MANUAL\",", "")));
  }

  @Test
  void rejectsEmptyContentInStrictMode() {
    assertImproper(check(strict(), swap(VALID, "(empty placeholder)", "")));
  }

  @Test
  void lenientModeAllowsEmptyContentOnlyWithToolResults() {
    assertThat(check(swap(VALID, "(empty placeholder)", ""))).isEmpty();
    assertImproper(check(swap(MINIMAL, "\"content\":\"Hello\"", "\"content\":\"\"")));
  }

  @Test
  void rejectsHistoryStartingWithAssistant() {
    String body =
        swap(
            MINIMAL,
            "\"conversationId\":\"c-2\",",
            "\"conversationId\":\"c-2\",\"history\":[{\"assistantResponseMessage\":{\"content\":\"Hi\"}}],");
    assertImproper(check(body));
  }

  @Test
  void rejectsHistoryEndingWithUserTurn() {
    String body =
        swap(
            MINIMAL,
            "\"conversationId\":\"c-2\",",
            "\"conversationId\":\"c-2\",\"history\":[{\"userInputMessage\":{\"content\":\"Hi\","
                + "\"modelId\":\"auto\",\"origin\":\"AI_EDITOR\"}}],");
    assertImproper(check(body));
  }

  @Test
  void rejectsTwoAssistantTurnsInARow() {
    String body =
        swap(
            MINIMAL,
            "\"conversationId\":\"c-2\",",
            "\"conversationId\":\"c-2\",\"history\":[{\"userInputMessage\":{\"content\":\"Hi\"}},"
                + "{\"assistantResponseMessage\":{\"content\":\"A\"}},"
                + "{\"assistantResponseMessage\":{\"content\":\"B\"}}],");
    assertImproper(check(body));
  }

  @Test
  void rejectsToolResultsWhenTheCurrentMessageHasNoTools() {
    String body =
        """
        {"conversationState":{"conversationId":"c-3","chatTriggerType":"MANUAL",
         "history":[{"userInputMessage":{"content":"Hi","modelId":"auto","origin":"AI_EDITOR"}},
                    {"assistantResponseMessage":{"content":"Hello"}}],
         "currentMessage":{"userInputMessage":{"content":"x","modelId":"auto","origin":"AI_EDITOR",
          "userInputMessageContext":{"toolResults":[{"toolUseId":"tooluse_1","status":"success",
            "content":[{"text":"18 C"}]}]}}}}}
        """;
    assertImproper(check(body));
  }

  @Test
  void rejectsToolResultWithoutMatchingToolUse() {
    // tooluse_1 stays answered, so only the orphan result can be the reason
    String orphan =
        "{\"toolUseId\":\"tooluse_2\",\"status\":\"success\",\"content\":[{\"text\":\"x\"}]},";
    assertImproper(check(swap(VALID, "\"toolResults\":[", "\"toolResults\":[" + orphan)));
  }

  @Test
  void rejectsToolUseWithoutResultInTheNextTurn() {
    String body =
        swap(
            VALID,
            "\"toolResults\":[{\"toolUseId\":\"tooluse_1\",\"status\":\"success\",\"content\":[{\"text\":\"18"
                + " C\"}]}],",
            "");
    assertImproper(check(body));
  }

  @Test
  void rejectsToolUseOfUndeclaredTool() {
    assertInvalidToolUse(
        check(
            swap(VALID, "\"name\":\"get_weather\",\"input\"", "\"name\":\"get_time\",\"input\"")));
  }

  @Test
  void rejectsToolNameOver64CharsOrWithOtherCharacters() {
    String tooLong = "t".repeat(65);
    assertInvalidToolUse(check(VALID.replace("get_weather", tooLong)));
    assertInvalidToolUse(check(VALID.replace("get_weather", "get.weather")));
    assertThat(check(VALID.replace("get_weather", "t".repeat(64)))).isEmpty();
  }

  @Test
  void rejectsToolUseIdOver64CharsOrWithNewline() {
    assertInvalidToolUse(check(VALID.replace("tooluse_1", "call_1\\nfc_1")));
    assertInvalidToolUse(check(VALID.replace("tooluse_1", "x".repeat(65))));
  }

  @Test
  void rejectsEmptyToolDescription() {
    assertImproper(check(swap(VALID, "\"Current weather.\"", "\"\"")));
  }

  @Test
  void rejectsToolDescriptionOverTheLimit() {
    String atLimit = "d".repeat(KiroRequestValidator.MAX_DESCRIPTION_CHARS);
    assertThat(check(swap(VALID, "Current weather.", atLimit))).isEmpty();
    assertImproper(check(swap(VALID, "Current weather.", atLimit + "d")));
  }

  @Test
  void descriptionLimitCanAnswer500() {
    KiroRequestValidator.Rules rules =
        new KiroRequestValidator.Rules(
            false, false, SimulatorOptions.DEFAULT_MODELS, 200_000, true, ProfileArnMode.ANY);
    String body = swap(VALID, "Current weather.", "d".repeat(10_241));
    assertThat(check(rules, body)).hasValueSatisfying(e -> assertThat(e.status()).isEqualTo(500));
  }

  @Test
  void rejectsAdditionalPropertiesAnywhereInTheSchema() {
    assertImproper(
        check(
            swap(
                VALID,
                "\"city\":{\"type\":\"string\"}",
                "\"city\":{\"type\":\"object\",\"additionalProperties\":false}")));
  }

  @Test
  void rejectsEmptyRequiredArray() {
    assertImproper(check(swap(VALID, "\"required\":[\"city\"]", "\"required\":[]")));
  }

  @Test
  void acceptsPropertiesNamedLikeKeywords() {
    String body =
        swap(
            VALID,
            "\"city\":{\"type\":\"string\"}",
            "\"city\":{\"type\":\"string\"},\"additionalProperties\":{\"type\":\"string\"},"
                + "\"required\":{\"type\":\"boolean\"}");
    assertThat(check(body)).isEmpty();
  }

  @Test
  void rejectsImagesInsideTheContext() {
    String image = "{\"format\":\"png\",\"source\":{\"bytes\":\"iVBORw0KGgo=\"}}";
    String body =
        swap(
            VALID,
            "\"userInputMessageContext\":{",
            "\"userInputMessageContext\":{\"images\":[" + image + "],");
    assertImproper(check(body));
  }

  @Test
  void checksImageFormatAndBase64() {
    String ok =
        "\"images\":[{\"format\":\"png\",\"source\":{\"bytes\":\"iVBORw0KGgo=\"}}],\"content\":\"Hello\"";
    assertThat(check(swap(MINIMAL, "\"content\":\"Hello\"", ok))).isEmpty();
    assertImproper(check(swap(MINIMAL, "\"content\":\"Hello\"", ok.replace("png", "svg"))));
    assertImproper(
        check(swap(MINIMAL, "\"content\":\"Hello\"", ok.replace("iVBORw0KGgo=", "not base64!"))));
  }

  @Test
  void rejectsBodyOver615000Bytes() {
    String big = "x".repeat(KiroRequestValidator.MAX_BODY_BYTES);
    assertImproper(check(swap(MINIMAL, "\"Hello\"", "\"" + big + "\"")));
  }

  @Test
  void rejectsUnknownModelWithInvalidModelId() {
    assertThat(check(swap(MINIMAL, "\"auto\"", "\"gpt-4o\"")))
        .hasValueSatisfying(
            e -> {
              assertThat(e.status()).isEqualTo(400);
              assertThat(e.body())
                  .isEqualTo(
                      "{\"message\":\"Invalid model. Please select a different model to"
                          + " continue.\",\"reason\":\"INVALID_MODEL_ID\"}");
            });
  }

  @Test
  void rejectsInputAboveTheTokenLimit() {
    KiroRequestValidator.Rules small =
        new KiroRequestValidator.Rules(
            false, false, SimulatorOptions.DEFAULT_MODELS, 100, false, ProfileArnMode.ANY);
    assertThat(check(small, MINIMAL)).isEmpty();
    assertThat(check(small, swap(MINIMAL, "Hello", "x".repeat(500))))
        .hasValueSatisfying(
            e ->
                assertThat(e.body())
                    .isEqualTo(
                        "{\"message\":\"Input is too"
                            + " long.\",\"reason\":\"CONTENT_LENGTH_EXCEEDS_THRESHOLD\"}"));
  }

  @Test
  void strictModeRejectsUnknownFields() {
    String body =
        swap(MINIMAL, "\"origin\":\"AI_EDITOR\"", "\"origin\":\"AI_EDITOR\",\"temperature\":0.5");
    assertImproper(check(strict(), body));
    assertThat(check(body)).isEmpty();
  }

  @Test
  void profileArnRequiredRejectsMissingArn() {
    KiroRequestValidator.Rules rules =
        new KiroRequestValidator.Rules(
            false, false, SimulatorOptions.DEFAULT_MODELS, 200_000, false, ProfileArnMode.REQUIRED);
    assertThat(check(rules, VALID)).isEmpty();
    assertThat(check(rules, MINIMAL))
        .hasValueSatisfying(
            e -> {
              assertThat(e.status()).isEqualTo(400);
              assertThat(e.body())
                  .isEqualTo(
                      "{\"message\":\"profileArn is required for this request.\",\"reason\":null}");
            });
  }

  @Test
  void profileArnForbiddenRejectsPresentArn() {
    KiroRequestValidator.Rules rules =
        new KiroRequestValidator.Rules(
            false,
            false,
            SimulatorOptions.DEFAULT_MODELS,
            200_000,
            false,
            ProfileArnMode.FORBIDDEN);
    assertThat(check(rules, MINIMAL)).isEmpty();
    assertThat(check(rules, VALID))
        .hasValueSatisfying(
            e -> {
              assertThat(e.status()).isEqualTo(403);
              assertThat(e.body())
                  .isEqualTo(
                      "{\"message\":\"User is not authorized to make this"
                          + " call.\",\"reason\":null}");
            });
  }

  @Test
  void strictHeadersRequireTheExactContentTypeAndEveryHeader() {
    Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    headers.putAll(SimTestSupport.kiroHeaders("aoaTOKEN"));
    KiroRequestValidator v = new KiroRequestValidator(strict());
    assertThat(v.checkHeaders(headers)).isEmpty();
    headers.put("Content-Type", "application/x-amz-json-1.0; charset=utf-8");
    assertImproper(v.checkHeaders(headers));
    headers.put("Content-Type", "application/x-amz-json-1.0");
    headers.remove("amz-sdk-invocation-id");
    assertImproper(v.checkHeaders(headers));
  }

  @Test
  void lenientHeadersAcceptBothJsonContentTypes() {
    KiroRequestValidator v = new KiroRequestValidator(lenient());
    assertThat(v.checkHeaders(ci("Content-Type", "application/json"))).isEmpty();
    assertThat(v.checkHeaders(ci("content-type", "application/x-amz-json-1.0; charset=utf-8")))
        .isEmpty();
    assertImproper(v.checkHeaders(ci("Content-Type", "text/plain")));
  }

  private static Map<String, String> ci(String k, String v) {
    Map<String, String> m = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    m.put(k, v);
    return m;
  }
}
