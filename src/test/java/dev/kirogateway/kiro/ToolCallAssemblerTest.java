package dev.kirogateway.kiro;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.kirogateway.chat.ChatEvent;
import dev.kirogateway.chat.ChatEvent.ToolCallDelta;
import dev.kirogateway.chat.ChatEvent.ToolCallEnd;
import dev.kirogateway.chat.ChatEvent.ToolCallStart;
import dev.kirogateway.kiro.ToolCallAssembler.Finished;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class ToolCallAssemblerTest {
  private final ToolCallAssembler tools = new ToolCallAssembler(Map.of("short_x", "a_very_long_name"));
  private final List<ChatEvent> events = new ArrayList<>();

  private void accept(String id, String name, JsonNode input, boolean stop) {
    events.addAll(tools.accept(id, name, input, stop));
  }

  private static JsonNode str(String s) {
    return TextNode.valueOf(s);
  }

  @Test
  void assemblesStringFragmentsAndStreamsEachOne() {
    accept("t1", "get_weather", null, false);
    accept("t1", "get_weather", str("{\"city\":"), false);
    accept("t1", "get_weather", str("\"Paris\"}"), false);
    accept("t1", "get_weather", null, true);
    assertThat(events)
        .containsExactly(
            new ToolCallStart("t1", "get_weather"),
            new ToolCallDelta("{\"city\":"),
            new ToolCallDelta("\"Paris\"}"),
            new ToolCallEnd("{\"city\":\"Paris\"}", true));
    assertThat(tools.open()).isFalse();
    assertThat(tools.finished())
        .containsExactly(new Finished("t1", "get_weather", "{\"city\":\"Paris\"}", true));
  }

  @Test
  void acceptsInputAndStopInTheFirstEvent() {
    accept("t1", "f", str("{\"a\":1}"), true);
    assertThat(events)
        .containsExactly(
            new ToolCallStart("t1", "f"), new ToolCallDelta("{\"a\":1}"), new ToolCallEnd("{\"a\":1}", true));
  }

  @Test
  void serialisesObjectInputCompactlyOnlyWhenNothingCameBefore() throws Exception {
    JsonNode obj = new ObjectMapper().readTree("{ \"a\" : [1, 2] }");
    accept("t1", "f", obj, false);
    accept("t1", "f", obj, true);
    assertThat(events)
        .containsExactly(
            new ToolCallStart("t1", "f"),
            new ToolCallDelta("{\"a\":[1,2]}"),
            new ToolCallEnd("{\"a\":[1,2]}", true));
  }

  @Test
  void ignoresEventsForFinishedIds() {
    accept("t1", "f", str("{}"), true);
    accept("t1", "f", null, true);
    accept("t1", "f", str("{\"again\":1}"), false);
    assertThat(events).hasSize(3);
    assertThat(tools.finished()).hasSize(1);
  }

  @Test
  void aNewIdFinishesThePreviousTool() {
    accept("t1", "f", str("{\"a\":1}"), false);
    accept("t2", "g", str("{\"b\":"), false);
    ToolCallEnd end = tools.finishCurrent(false);
    assertThat(events)
        .containsExactly(
            new ToolCallStart("t1", "f"),
            new ToolCallDelta("{\"a\":1}"),
            new ToolCallEnd("{\"a\":1}", true),
            new ToolCallStart("t2", "g"),
            new ToolCallDelta("{\"b\":"));
    assertThat(end).isEqualTo(new ToolCallEnd("{\"b\":", false));
  }

  @Test
  void keepsIdenticalCallsWithDifferentIds() {
    accept("t1", "f", str("{\"a\":1}"), true);
    accept("t2", "f", str("{\"a\":1}"), true);
    assertThat(tools.finished())
        .containsExactly(
            new Finished("t1", "f", "{\"a\":1}", true), new Finished("t2", "f", "{\"a\":1}", true));
  }

  @Test
  void marksInvalidOrNonObjectInputIncomplete() {
    accept("t1", "f", str("{\"a\":"), true);
    accept("t2", "f", str("[1]"), true);
    accept("t3", "f", str("{\"a\":1} trailing"), true);
    assertThat(tools.finished()).extracting(Finished::complete).containsExactly(false, false, false);
  }

  @Test
  void reportsEmptyInputAsAnEmptyObject() {
    accept("t1", "f", null, true);
    assertThat(events).containsExactly(new ToolCallStart("t1", "f"), new ToolCallEnd("{}", true));
  }

  @Test
  void aToolOpenAtTheEndOfTheStreamIsIncompleteEvenWithValidJson() {
    accept("t1", "f", str("{}"), false);
    assertThat(tools.finishCurrent(false)).isEqualTo(new ToolCallEnd("{}", false));
  }

  @Test
  void mapsShortenedNamesBackAndPassesUnknownNamesThrough() {
    accept("t1", "short_x", null, true);
    accept("t2", "other", null, true);
    assertThat(tools.finished()).extracting(Finished::name).containsExactly("a_very_long_name", "other");
  }

  @Test
  void attributesFragmentsWithoutIdToTheCurrentTool() {
    accept(null, "f", str("{}"), false);
    assertThat(events).isEmpty();
    accept("t1", "f", str("{\"a\":"), false);
    accept(null, null, str("2}"), true);
    assertThat(tools.finished()).containsExactly(new Finished("t1", "f", "{\"a\":2}", true));
  }
}
