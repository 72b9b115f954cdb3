package dev.kirogateway.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kirogateway.chat.ChatException;
import dev.kirogateway.chat.ChatRequest;
import dev.kirogateway.chat.ContentBlock;
import dev.kirogateway.chat.ErrorKind;
import dev.kirogateway.chat.Message;
import dev.kirogateway.chat.Reasoning;
import dev.kirogateway.chat.Role;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

final class OpenAiChatParserTest {

  static OpenAiChatCall parse(String json) {
    return OpenAiChatParser.parse(json.replace('\'', '"').getBytes(StandardCharsets.UTF_8));
  }

  static ChatRequest req(String messages) {
    return parse("{'model':'m','messages':" + messages + "}").request();
  }

  @Test
  void parsesMinimalRequest() {
    OpenAiChatCall c = parse("{'model':'claude-sonnet-4-5','messages':[{'role':'user','content':'hi'}]}");
    assertThat(c.stream()).isFalse();
    assertThat(c.includeUsage()).isFalse();
    assertThat(c.request().model()).isEqualTo("claude-sonnet-4-5");
    assertThat(c.request().system()).isEmpty();
    assertThat(c.request().messages()).containsExactly(Message.text(Role.USER, "hi"));
    assertThat(c.request().tools()).isEmpty();
    assertThat(c.request().reasoning()).isEqualTo(new Reasoning.Default());
  }

  @Test
  void readsStreamAndIncludeUsage() {
    OpenAiChatCall c = parse("{'model':'m','stream':true,'stream_options':{'include_usage':true},"
        + "'messages':[{'role':'user','content':'hi'}]}");
    assertThat(c.stream()).isTrue();
    assertThat(c.includeUsage()).isTrue();
  }

  @Test
  void systemAndDeveloperBecomeSystemMessagesWithJoinedParts() {
    ChatRequest r = req("[{'role':'system','content':[{'type':'text','text':'a'},"
        + "{'type':'text','text':'b'}]},{'role':'developer','content':'c'},"
        + "{'role':'user','content':'q'}]");
    assertThat(r.messages()).containsExactly(
        Message.text(Role.SYSTEM, "a\nb"), Message.text(Role.SYSTEM, "c"),
        Message.text(Role.USER, "q"));
  }

  @Test
  void userPartsBecomeTextAndImages() {
    ChatRequest r = req("[{'role':'user','content':[{'type':'text','text':'look'},"
        + "{'type':'image_url','image_url':{'url':'data:image/png;base64,AAAA'}},"
        + "{'type':'image_url','image_url':{'url':'QkJC'}},"
        + "{'type':'image_url','image_url':{'url':'https://x/y.png'}},"
        + "{'type':'input_audio','input_audio':{}}]}]");
    assertThat(r.messages().getFirst().content()).containsExactly(
        new ContentBlock.Text("look"),
        new ContentBlock.Image("image/png", "AAAA"),
        new ContentBlock.Image("image/jpeg", "QkJC"),
        new ContentBlock.RemoteImage("https://x/y.png"));
  }

  @Test
  void assistantToolCallsParseArgumentsAndDropReasoning() {
    ChatRequest r = req("[{'role':'user','content':'q'},{'role':'assistant','content':null,"
        + "'reasoning_content':'secret','tool_calls':["
        + "{'id':'c1','type':'function','function':{'name':'f','arguments':'{\\'a\\':1}'}},"
        + "{'id':'c2','type':'function','function':{'name':'g','arguments':'{broken'}}]}]");
    List<ContentBlock> content = r.messages().get(1).content();
    assertThat(r.messages().get(1).role()).isEqualTo(Role.ASSISTANT);
    assertThat(content).hasSize(2);
    ContentBlock.ToolUse first = (ContentBlock.ToolUse) content.get(0);
    assertThat(first.id()).isEqualTo("c1");
    assertThat(first.input().toString()).isEqualTo("{\"a\":1}");
    assertThat(((ContentBlock.ToolUse) content.get(1)).input().toString()).isEqualTo("{}");
  }

  @Test
  void legacyFunctionCallAndFunctionResultPairByName() {
    ChatRequest r = req("[{'role':'user','content':'q'},{'role':'assistant',"
        + "'function_call':{'name':'f','arguments':'{}'}},"
        + "{'role':'function','name':'f','content':'ok'}]");
    ContentBlock.ToolUse use = (ContentBlock.ToolUse) r.messages().get(1).content().getFirst();
    ContentBlock.ToolResult res = (ContentBlock.ToolResult) r.messages().get(2).content().getFirst();
    assertThat(use.id()).isEqualTo(res.toolUseId());
  }

  @Test
  void toolMessageBecomesUserToolResultWithImages() {
    ChatRequest r = req("[{'role':'tool','tool_call_id':'c1','content':[{'type':'text','text':'r'},"
        + "{'type':'image_url','image_url':{'url':'data:image/gif;base64,R0lG'}}]}]");
    assertThat(r.messages()).containsExactly(new Message(Role.USER, List.of(
        new ContentBlock.ToolResult("c1", List.of(new ContentBlock.Text("r"),
            new ContentBlock.Image("image/gif", "R0lG")), false))));
  }

  @Test
  void acceptsFunctionAndCursorFlatTools() {
    ChatRequest r = parse("{'model':'m','messages':[{'role':'user','content':'q'}],'tools':["
        + "{'type':'function','function':{'name':'a','description':'d','parameters':{'type':'object'}}},"
        + "{'name':'b','input_schema':{'type':'object'}},"
        + "{'type':'function','function':{'name':'c'}}]}").request();
    assertThat(r.tools()).extracting(t -> t.name()).containsExactly("a", "b", "c");
    assertThat(r.tools().get(1).description()).isEmpty();
    assertThat(r.tools().get(1).inputSchema().toString()).isEqualTo("{\"type\":\"object\"}");
    assertThat(r.tools().get(2).inputSchema().isNull()).isTrue();
  }

  @Test
  void reasoningEffortTakesMaxCompletionTokensFirst() {
    assertThat(parse("{'model':'m','messages':[{'role':'user','content':'q'}],"
        + "'reasoning_effort':'high','max_tokens':100,'max_completion_tokens':8000}")
        .request().reasoning()).isEqualTo(new Reasoning.Effort("high", OptionalInt.of(8000)));
    assertThat(parse("{'model':'m','messages':[{'role':'user','content':'q'}],"
        + "'reasoning':{'effort':'low'},'max_tokens':100}")
        .request().reasoning()).isEqualTo(new Reasoning.Effort("low", OptionalInt.of(100)));
  }

  @Test
  void ignoresR19AndUnknownFields() {
    OpenAiChatCall c = parse("{'model':'m','messages':[{'role':'user','content':'q'}],"
        + "'temperature':0.2,'top_p':1,'stop':['x'],'seed':1,'n':1,'user':'u','logit_bias':{},"
        + "'tool_choice':'none','parallel_tool_calls':false,'response_format':{'type':'text'},"
        + "'service_tier':'auto','metadata':{},'something_new':[1,2]}");
    assertThat(c.request().messages()).hasSize(1);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "{'messages':[{'role':'user','content':'q'}]}|model",
    "{'model':5,'messages':[{'role':'user','content':'q'}]}|model",
    "{'model':'m'}|messages",
    "{'model':'m','messages':[]}|messages",
    "{'model':'m','messages':{}}|messages",
    "{'model':'m','messages':[5]}|messages[0]",
    "{'model':'m','messages':[{'content':'q'}]}|messages[0].role",
    "{'model':'m','messages':[{'role':'user','content':'q'},{'role':'user','content':7}]}|messages[1].content",
    "{'model':'m','messages':[{'role':'user','content':[{'type':'text'}]}]}|messages[0].content[0].text",
    "{'model':'m','messages':[{'role':'user','content':[{'type':'image_url'}]}]}|messages[0].content[0].image_url",
    "{'model':'m','messages':[{'role':'tool','content':'r'}]}|messages[0].tool_call_id",
    "{'model':'m','messages':[{'role':'assistant','tool_calls':[{'id':'x'}]}]}|messages[0].tool_calls[0].function",
    "{'model':'m','messages':[{'role':'assistant','tool_calls':[{'id':'x','function':{}}]}]}|messages[0].tool_calls[0].function.name",
    "{'model':'m','messages':[{'role':'user','content':'q'}],'tools':[{'type':'function','function':{'name':3}}]}|tools[0].function.name",
    "{'model':'m','messages':[{'role':'user','content':'q'}],'n':2}|n",
    "{'model':'m','messages':[{'role':'user','content':'q'}],'stream':'yes'}|stream",
    "{'model':'m','messages':[{'role':'user','content':'q'}],'stream_options':{'include_usage':1}}|stream_options.include_usage",
    "{'model':'m','messages':[{'role':'user','content':'q'}],'max_tokens':1.5}|max_tokens",
    "{'model':'m','messages':[{'role':'user','content':'q'}],'reasoning_effort':3}|reasoning_effort",
  })
  void rejectsWrongShapesNamingTheField(String body, String param) {
    assertThatThrownBy(() -> parse(body))
        .isInstanceOfSatisfying(ChatException.class, e -> {
          assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
          assertThat(e.param()).contains(param);
          assertThat(e.getMessage()).contains(param);
        });
  }

  @Test
  void malformedJsonGivesCleanMessage() {
    assertThatThrownBy(() -> OpenAiChatParser.parse("{\"model\": tru".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOfSatisfying(ChatException.class, e -> {
          assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
          assertThat(e.getMessage()).startsWith("Request body is not valid JSON")
              .doesNotContain("Source").doesNotContain("tru");
        });
    assertThatThrownBy(() -> OpenAiChatParser.parse(new byte[0]))
        .isInstanceOf(ChatException.class).hasMessageContaining("empty");
    assertThatThrownBy(() -> OpenAiChatParser.parse("[1]".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(ChatException.class).hasMessageContaining("JSON object");
    assertThatThrownBy(() -> OpenAiChatParser.parse("{} {}".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(ChatException.class).hasMessageContaining("not valid JSON");
  }
}
