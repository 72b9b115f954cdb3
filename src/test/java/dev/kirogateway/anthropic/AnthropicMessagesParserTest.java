package dev.kirogateway.anthropic;

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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

final class AnthropicMessagesParserTest {

  static byte[] bytes(String json) {
    return json.replace('\'', '"').getBytes(StandardCharsets.UTF_8);
  }

  static AnthropicCall parse(String json) {
    return AnthropicMessagesParser.parse(bytes(json));
  }

  static ChatRequest req(String rest) {
    return parse("{'model':'m','max_tokens':100," + rest + "}").request();
  }

  @Test
  void parsesMinimalRequest() {
    AnthropicCall c = parse("{'model':'m','max_tokens':1,'stream':true,"
        + "'messages':[{'role':'user','content':'hi'}]}");
    assertThat(c.stream()).isTrue();
    assertThat(c.request().messages()).containsExactly(Message.text(Role.USER, "hi"));
    assertThat(c.request().reasoning()).isEqualTo(new Reasoning.Default());
  }

  @Test
  void systemArrayIsJoinedAndBillingHeaderDropped() {
    ChatRequest r = req("'system':[{'type':'text','text':'x-anthropic-billing-header: cc=1'},"
        + "{'type':'text','text':'a','cache_control':{'type':'ephemeral'}},{'type':'text','text':'b'}],"
        + "'messages':[{'role':'user','content':'q'}]");
    assertThat(r.system()).isEqualTo("a\nb");
    assertThat(req("'system':'s','messages':[{'role':'user','content':'q'}]").system())
        .isEqualTo("s");
  }

  @Test
  void parsesEveryBlockTypeAndDropsUnsupportedOnes() {
    ChatRequest r = req("'messages':[{'role':'user','content':[{'type':'text','text':'t'},"
        + "{'type':'image','source':{'type':'base64','media_type':'image/png','data':'AA'}},"
        + "{'type':'image','source':{'type':'url','url':'https://x/i.png'}},"
        + "{'type':'document','source':{}},{'type':'search_result'}]},"
        + "{'role':'assistant','content':[{'type':'thinking','thinking':'hm','signature':'s'},"
        + "{'type':'redacted_thinking','data':'xx'},{'type':'server_tool_use','id':'s1'},"
        + "{'type':'web_search_tool_result'},{'type':'text','text':'a'},"
        + "{'type':'tool_use','id':'tu1','name':'f','input':{'k':1}}]},"
        + "{'role':'user','content':[{'type':'tool_result','tool_use_id':'tu1','is_error':true,"
        + "'content':[{'type':'text','text':'out'},{'type':'tool_reference','tool_name':'grep'},"
        + "{'type':'image','source':{'type':'base64','media_type':'image/jpeg','data':'BB'}}]}]}]");
    assertThat(r.messages().get(0).content()).containsExactly(
        new ContentBlock.Text("t"), new ContentBlock.Image("image/png", "AA"),
        new ContentBlock.RemoteImage("https://x/i.png"));
    List<ContentBlock> assistant = r.messages().get(1).content();
    assertThat(assistant).hasSize(3);
    assertThat(assistant.get(0)).isEqualTo(new ContentBlock.Thinking("hm"));
    assertThat(assistant.get(1)).isEqualTo(new ContentBlock.Text("a"));
    assertThat(((ContentBlock.ToolUse) assistant.get(2)).input().toString()).isEqualTo("{\"k\":1}");
    assertThat(r.messages().get(2).content()).containsExactly(new ContentBlock.ToolResult("tu1",
        List.of(new ContentBlock.Text("out"), new ContentBlock.Text("[tool reference: grep]"),
            new ContentBlock.Image("image/jpeg", "BB")), true));
  }

  @Test
  void toolResultStringContent() {
    ChatRequest r = req("'messages':[{'role':'user','content':[{'type':'tool_result',"
        + "'tool_use_id':'a','content':'done'}]}]");
    assertThat(r.messages().getFirst().content()).containsExactly(
        new ContentBlock.ToolResult("a", List.of(new ContentBlock.Text("done")), false));
  }

  @Test
  void systemRoleInsideMessagesIsKept() {
    ChatRequest r = req("'messages':[{'role':'system','content':'s'},{'role':'user','content':'q'}]");
    assertThat(r.messages().getFirst()).isEqualTo(Message.text(Role.SYSTEM, "s"));
  }

  @Test
  void customToolsKeptServerToolsDropped() {
    ChatRequest r = req("'messages':[{'role':'user','content':'q'}],'tools':["
        + "{'name':'f','description':'d','input_schema':{'type':'object'},'cache_control':{}},"
        + "{'type':'web_search_20250305','name':'web_search','max_uses':5},"
        + "{'type':'custom','name':'g','input_schema':{}}]");
    assertThat(r.tools()).extracting(t -> t.name()).containsExactly("f", "g");
    assertThat(r.tools().get(1).description()).isEmpty();
  }

  @Test
  void thinkingModes() {
    String m = "'messages':[{'role':'user','content':'q'}],";
    assertThat(req(m + "'thinking':{'type':'enabled','budget_tokens':2048}").reasoning())
        .isEqualTo(new Reasoning.Budget(2048));
    assertThat(req(m + "'thinking':{'type':'disabled'}").reasoning()).isEqualTo(new Reasoning.Off());
    assertThat(req(m + "'thinking':{'type':'adaptive'}").reasoning())
        .isEqualTo(new Reasoning.Default());
  }

  @Test
  void countTokensNeedsNoMaxTokens() {
    ChatRequest r = AnthropicMessagesParser.parseCountTokens(
        bytes("{'model':'m','messages':[{'role':'user','content':'q'}],'tool_choice':{'type':'auto'}}"));
    assertThat(r.messages()).hasSize(1);
  }

  @Test
  void ignoresR19Fields() {
    ChatRequest r = req("'messages':[{'role':'user','content':'q'}],'temperature':1,'top_k':5,"
        + "'top_p':0.9,'stop_sequences':['x'],'metadata':{'user_id':'u'},'tool_choice':{'type':'any'},"
        + "'service_tier':'auto','unknown':true");
    assertThat(r.messages()).hasSize(1);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "{'model':'m','messages':[{'role':'user','content':'q'}]}|max_tokens",
    "{'model':'m','max_tokens':0,'messages':[{'role':'user','content':'q'}]}|max_tokens",
    "{'model':'m','max_tokens':'5','messages':[{'role':'user','content':'q'}]}|max_tokens",
    "{'max_tokens':5,'messages':[{'role':'user','content':'q'}]}|model",
    "{'model':'m','max_tokens':5}|messages",
    "{'model':'m','max_tokens':5,'messages':[]}|messages",
    "{'model':'m','max_tokens':5,'messages':[{'role':'user'}]}|messages[0].content",
    "{'model':'m','max_tokens':5,'messages':[{'role':'user','content':5}]}|messages[0].content",
    "{'model':'m','max_tokens':5,'messages':[{'role':'user','content':[{'text':'x'}]}]}|messages[0].content[0].type",
    "{'model':'m','max_tokens':5,'messages':[{'role':'user','content':[{'type':'image','source':{'type':'base64','data':'A'}}]}]}|messages[0].content[0].source.media_type",
    "{'model':'m','max_tokens':5,'messages':[{'role':'user','content':[{'type':'tool_result'}]}]}|messages[0].content[0].tool_use_id",
    "{'model':'m','max_tokens':5,'messages':[{'role':'user','content':[{'type':'tool_result','tool_use_id':'a','content':[{'type':'text','text':1}]}]}]}|messages[0].content[0].content[0].text",
    "{'model':'m','max_tokens':5,'messages':[{'role':'assistant','content':[{'type':'tool_use','name':'f'}]}]}|messages[0].content[0].id",
    "{'model':'m','max_tokens':5,'system':5,'messages':[{'role':'user','content':'q'}]}|system",
    "{'model':'m','max_tokens':5,'system':[{'type':'text'}],'messages':[{'role':'user','content':'q'}]}|system[0].text",
    "{'model':'m','max_tokens':5,'tools':[{'description':'x'}],'messages':[{'role':'user','content':'q'}]}|tools[0].name",
    "{'model':'m','max_tokens':5,'thinking':{'type':'enabled'},'messages':[{'role':'user','content':'q'}]}|thinking.budget_tokens",
    "{'model':'m','max_tokens':5,'thinking':{'type':'maybe'},'messages':[{'role':'user','content':'q'}]}|thinking.type",
    "{'model':'m','max_tokens':5,'stream':1,'messages':[{'role':'user','content':'q'}]}|stream",
  })
  void rejectsWrongShapesNamingTheField(String body, String param) {
    assertThatThrownBy(() -> parse(body))
        .isInstanceOfSatisfying(ChatException.class, e -> {
          assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
          assertThat(e.param()).contains(param);
        });
  }

  @Test
  void malformedJsonGivesCleanMessage() {
    assertThatThrownBy(() -> AnthropicMessagesParser.parse(bytes("{'model'")))
        .isInstanceOfSatisfying(ChatException.class, e -> {
          assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
          assertThat(e.getMessage()).startsWith("Request body is not valid JSON");
        });
  }
}
