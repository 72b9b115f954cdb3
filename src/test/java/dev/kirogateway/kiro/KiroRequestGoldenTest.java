package dev.kirogateway.kiro;

import static dev.kirogateway.kiro.KiroRequestFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kirogateway.chat.ChatRequest;
import dev.kirogateway.chat.ContentBlock;
import dev.kirogateway.chat.Reasoning;
import dev.kirogateway.chat.ToolSpec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

final class KiroRequestGoldenTest {
  private static final String ARN =
      "arn:aws:codewhisperer:us-east-1:123456789012:profile/EXAMPLEPROFILE";

  /** The client request of KIRO-UPSTREAM.md §3.2, as a dialect parser would hand it over. */
  static ChatRequest workedExample() {
    List<ToolSpec> tools = List.of(
        new ToolSpec("get_weather", "Current weather for a city.", json("""
            {"type":"object","properties":{"city":{"type":"string"},"unit":{"type":"string",
            "enum":["celsius","fahrenheit"]}},"required":["city"],"additionalProperties":false}""")),
        new ToolSpec("search_places", "Find places near a location.", json("""
            {"$schema":"http://json-schema.org/draft-07/schema#","type":"object","properties":
            {"query":{"type":"string"},"near":{"type":"string"}},"required":["query"]}""")));
    return new ChatRequest("claude-sonnet-4-5-20250929", "You are a concise travel assistant.",
        List.of(
            user(text("What is in this picture?"), png()),
            assistant(text("A red bicycle leaning against a wall.")),
            user(text("Is it warm enough to cycle in Paris right now?")),
            assistant(text("Let me check the weather."),
                use("toolu_01A", "get_weather", "{\"city\":\"Paris\",\"unit\":\"celsius\"}")),
            user(new ContentBlock.ToolResult("toolu_01A",
                List.of(text("18 C, sunny, wind 10 km/h")), false))),
        tools, new Reasoning.Off());
  }

  @Test
  void buildsTheWorkedExampleOfTheSpec() throws IOException {
    KiroRequest req = builder(RequestSettings.defaults()).build(workedExample(), Optional.of(ARN));

    JsonNode expected;
    try (InputStream in = getClass().getResourceAsStream("/kiro/worked-example.json")) {
      expected = KiroRequestBuilder.JSON.readTree(in);
    }
    assertThat(parse(req.body())).isEqualTo(expected);
    assertThat(req.modelId()).isEqualTo("claude-sonnet-4.5");
    assertThat(req.conversationId()).isEqualTo(FIXED_ID.toString());
    assertThat(req.thinkingInjected()).isFalse();
    assertThat(req.toolNames()).isEqualTo(
        Map.of("get_weather", "get_weather", "search_places", "search_places"));
  }

  @Test
  void bodyIsCompactUtf8() {
    KiroRequest req = builder(RequestSettings.defaults()).build(workedExample(), Optional.of(ARN));
    String text = new String(req.body(), StandardCharsets.UTF_8);
    assertThat(text).startsWith("{\"conversationState\":{").doesNotContain("\n  ", ": ");
  }

  @Test
  void estimatesInputTokensFromTextsAndTheImage() {
    KiroRequest req = builder(RequestSettings.defaults()).build(workedExample(), Optional.of(ARN));
    // a 1x1 PNG costs ceil(1/750) = 1 token; the texts alone are far below 1000 tokens
    assertThat(req.inputTokens()).isBetween(100, 1000);
    assertThat(builder(RequestSettings.defaults()).estimateInputTokens(workedExample()))
        .isEqualTo(req.inputTokens());
  }

  @Test
  void toStringNeverShowsTheBody() {
    KiroRequest req = builder(RequestSettings.defaults()).build(workedExample(), Optional.of(ARN));
    assertThat(req.toString())
        .contains("claude-sonnet-4.5", FIXED_ID.toString(), "bodyBytes=")
        .doesNotContain("Paris", "travel", "EXAMPLEPROFILE");
  }
}
