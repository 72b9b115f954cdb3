package dev.kirogateway.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

final class DemoModelTest {
  private static JsonNode json(String s) {
    return Json.parse(s.getBytes(StandardCharsets.UTF_8)).orElseThrow();
  }

  private static String reply(Scenario s) {
    List<String> fragments =
        switch (s) {
          case Scenario.Text t -> t.fragments();
          case Scenario.ToolCalls t -> t.textFragments();
          default -> throw new AssertionError("unexpected " + s);
        };
    return String.join("", fragments);
  }

  @Test
  void echoesTheLastParagraphSoAPrefixedSystemPromptIsNotRepeated() {
    Scenario s = DemoModel.answer(json(SimTestSupport.chatBody("You are terse.\n\nHow are you?")));
    assertThat(reply(s)).startsWith("You said: \"How are you?\"");
  }

  @Test
  void isDeterministic() {
    JsonNode body = json(SimTestSupport.chatBody("call x please"));
    assertThat(DemoModel.answer(body)).isEqualTo(DemoModel.answer(body));
  }

  @Test
  void stripsTheThinkingPrefixAndThinksFirst() {
    String content =
        "<thinking_mode>enabled</thinking_mode>\n<max_thinking_length>100</max_thinking_length>\n"
            + "<thinking_instruction>Be\nthorough.</thinking_instruction>\n\nHi";
    String reply = reply(DemoModel.answer(json(SimTestSupport.chatBody(content))));
    assertThat(reply).startsWith("<thinking>").contains("</thinking>\n\nYou said: \"Hi\"");
  }

  @Test
  void argumentsFollowTheSchemaTypes() {
    JsonNode schema =
        json(
            """
            {"type":"object","properties":{"city":{"type":"string"},"n":{"type":"integer"},
             "flag":{"type":"boolean"},"tags":{"type":"array"},"opts":{"type":"object"},
             "mode":{"type":"string","enum":["fast","slow"]},"note":{"type":"string"}},
             "required":["city","n","flag","tags","opts","mode"]}
            """);
    assertThat(Json.write(DemoModel.arguments(schema)))
        .isEqualTo(
            "{\"city\":\"Paris\",\"n\":1,\"flag\":true,\"tags\":[],\"opts\":{},\"mode\":\"fast\"}");
  }

  @Test
  void fragmentsNeverSplitASurrogatePair() {
    String text = "🙂".repeat(20) + "<thinking>";
    List<String> pieces = DemoModel.fragment(text);
    assertThat(String.join("", pieces)).isEqualTo(text);
    assertThat(pieces).hasSizeGreaterThan(3);
    assertThat(pieces).allSatisfy(p -> assertThat(Character.isLowSurrogate(p.charAt(0))).isFalse());
  }
}
