package dev.kirogateway.responses;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kirogateway.chat.ChatException;
import dev.kirogateway.chat.ContentBlock;
import dev.kirogateway.chat.Message;
import dev.kirogateway.chat.Role;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

final class ResponsesParserTest {

  static ResponsesRequest parse(String json) {
    return ResponsesParser.parse(json.getBytes(StandardCharsets.UTF_8));
  }

  static List<Message> messages(String json) {
    return InputItems.toMessages(parse(json).input(), "input");
  }

  @Test
  void stringInputBecomesOneUserMessageAndDefaultsFollowOpenAi() {
    ResponsesRequest r = parse("{\"model\":\"m\",\"input\":\"Hello\"}");
    assertThat(r.store()).isTrue();
    assertThat(r.stream()).isFalse();
    assertThat(r.parallelToolCalls()).isTrue();
    assertThat(r.toolChoice().asText()).isEqualTo("auto");
    assertThat(InputItems.toMessages(r.input(), "input"))
        .containsExactly(Message.text(Role.USER, "Hello"));
  }

  @Test
  void itemsBecomeCanonicalMessagesAndReasoningIsDropped() {
    List<Message> m =
        messages(
            """
            {"model":"m","input":[
              {"role":"developer","content":"Rules."},
              {"type":"message","role":"user","content":[{"type":"input_text","text":"Hi"},
                {"type":"input_image","image_url":"data:image/png;base64,AAAA"}]},
              {"type":"reasoning","id":"rs_1","summary":[]},
              {"type":"message","role":"assistant","content":[{"type":"output_text","text":"Yo"}]},
              {"type":"function_call","call_id":"tooluse_1","name":"ls","arguments":"{\\"d\\":1}"},
              {"type":"function_call_output","call_id":"tooluse_1","output":"a b"},
              {"type":"web_search_call","id":"ws_1"}
            ]}""");
    assertThat(m).hasSize(5);
    assertThat(m.get(0)).isEqualTo(Message.text(Role.SYSTEM, "Rules."));
    assertThat(m.get(1).content())
        .containsExactly(new ContentBlock.Text("Hi"), new ContentBlock.Image("image/png", "AAAA"));
    assertThat(m.get(2)).isEqualTo(Message.text(Role.ASSISTANT, "Yo"));
    ContentBlock.ToolUse use = (ContentBlock.ToolUse) m.get(3).content().get(0);
    assertThat(use.id()).isEqualTo("tooluse_1");
    assertThat(use.input().get("d").asInt()).isEqualTo(1);
    assertThat(m.get(4).content())
        .containsExactly(
            new ContentBlock.ToolResult("tooluse_1", List.of(new ContentBlock.Text("a b")), false));
  }

  @Test
  void functionToolsAreKeptAndOtherToolTypesIgnored() {
    ResponsesRequest r =
        parse(
            """
            {"model":"m","input":"x","tools":[
              {"type":"web_search"},
              {"type":"function","name":"ls","description":"List.","parameters":{"type":"object"},
               "strict":true}]}""");
    assertThat(r.tools()).hasSize(1);
    assertThat(r.tools().get(0).name()).isEqualTo("ls");
    assertThat(r.toolsEcho().get(0).get("strict").asBoolean()).isTrue();
  }

  @Test
  void reasoningEffortAndMaxOutputTokensAreRead() {
    ResponsesRequest r =
        parse("{\"model\":\"m\",\"input\":\"x\",\"reasoning\":{\"effort\":\"high\"},"
            + "\"max_output_tokens\":900,\"store\":false,\"previous_response_id\":\"resp_1\"}");
    assertThat(r.effort()).isEqualTo("high");
    assertThat(r.maxOutputTokens()).hasValue(900);
    assertThat(r.store()).isFalse();
    assertThat(r.previousResponseId()).isEqualTo("resp_1");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"input\":5}|input",
        "{\"input\":[3]}|input[0]",
        "{\"input\":[{\"role\":\"robot\",\"content\":\"x\"}]}|input[0].role",
        "{\"input\":[{\"content\":\"x\"}]}|input[0].type",
        "{\"input\":[{\"type\":\"function_call\",\"name\":\"ls\"}]}|input[0].call_id",
        "{\"input\":[{\"type\":\"function_call\",\"call_id\":\"c\"}]}|input[0].name",
        "{\"input\":[{\"type\":\"function_call_output\",\"call_id\":\"c\"}]}|input[0].output",
        "{\"input\":[{\"role\":\"user\",\"content\":7}]}|input[0].content",
        "{\"input\":[{\"role\":\"user\",\"content\":[{\"type\":\"input_text\"}]}]}"
            + "|input[0].content[0].text",
        "{\"input\":[{\"role\":\"user\",\"content\":[{\"type\":\"input_image\","
            + "\"image_url\":\"ftp://x\"}]}]}|input[0].content[0].image_url",
        "{\"input\":\"x\",\"tools\":[{\"type\":\"function\"}]}|tools[0].name",
        "{\"input\":\"x\",\"tools\":[{\"type\":\"function\",\"name\":\"a\",\"strict\":1}]}"
            + "|tools[0].strict",
        "{\"input\":\"x\",\"tool_choice\":3}|tool_choice",
        "{\"input\":\"x\",\"max_output_tokens\":0}|max_output_tokens",
        "{\"input\":\"x\",\"reasoning\":{\"effort\":1}}|reasoning.effort",
        "{\"input\":\"x\",\"store\":\"yes\"}|store",
        "{\"input\":\"x\",\"model\":7}|model"
      })
  void rejectsBadFieldNamingIt(String json, String param) {
    assertThatThrownBy(() -> parse(json))
        .isInstanceOf(ChatException.class)
        .satisfies(e -> assertThat(((ChatException) e).param()).hasValue(param))
        .hasMessageContaining(param);
  }

  @Test
  void rejectsBodyThatIsNotAnObject() {
    assertThatThrownBy(() -> parse("[1]")).isInstanceOf(ChatException.class)
        .hasMessageContaining("JSON object");
  }
}
