package dev.kirogateway.sse;

import static dev.kirogateway.testing.Properties.anyLong;
import static dev.kirogateway.testing.Properties.between;
import static dev.kirogateway.testing.Properties.check;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kirogateway.anthropic.AnthropicMessagesParser;
import dev.kirogateway.chat.ChatException;
import dev.kirogateway.chat.ErrorKind;
import dev.kirogateway.openai.OpenAiChatParser;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Any body, however mangled, either parses or fails with INVALID_REQUEST; nothing else. */
final class ParserFuzzPropertyTest {
  private static final String[] SEEDS = {
    "{'model':'m','max_tokens':10,'stream':true,'system':[{'type':'text','text':'s'}],"
        + "'thinking':{'type':'enabled','budget_tokens':100},"
        + "'tools':[{'name':'f','description':'d','input_schema':{'type':'object'}}],"
        + "'messages':[{'role':'user','content':[{'type':'text','text':'t'},"
        + "{'type':'image','source':{'type':'base64','media_type':'image/png','data':'AA'}}]},"
        + "{'role':'assistant','content':[{'type':'thinking','thinking':'x'},"
        + "{'type':'tool_use','id':'a','name':'f','input':{}}]},"
        + "{'role':'user','content':[{'type':'tool_result','tool_use_id':'a',"
        + "'content':[{'type':'text','text':'r'},{'type':'tool_reference','tool_name':'f'}]}]}]}",
    "{'model':'m','n':1,'stream':true,'stream_options':{'include_usage':true},"
        + "'reasoning_effort':'high','max_completion_tokens':100,"
        + "'tools':[{'type':'function','function':{'name':'f','parameters':{}}},{'name':'g'}],"
        + "'messages':[{'role':'system','content':[{'type':'text','text':'s'}]},"
        + "{'role':'user','content':[{'type':'text','text':'t'},"
        + "{'type':'image_url','image_url':{'url':'data:image/png;base64,AA'}}]},"
        + "{'role':'assistant','content':null,'tool_calls':[{'id':'a','type':'function',"
        + "'function':{'name':'f','arguments':'{}'}}],'function_call':{'name':'f'}},"
        + "{'role':'tool','tool_call_id':'a','content':'r'},{'role':'function','name':'f'}]}",
  };

  @Test
  void mutatedTreesOnlyFailAsInvalidRequest() {
    check("mutatedTreesOnlyFailAsInvalidRequest", 400,
        r -> mutatedTrees(anyLong(r), between(r, 1, 6)));
  }

  private static void mutatedTrees(long seed, int mutations) throws Exception {
    Random random = new Random(seed);
    for (String s : SEEDS) {
      JsonNode tree = RequestJson.mapper().readTree(s.replace('\'', '"'));
      for (int i = 0; i < mutations; i++) {
        tree = mutate(tree, random);
      }
      assertOnlyInvalid(RequestJson.mapper().writeValueAsBytes(tree));
    }
  }

  @Test
  void mangledBytesOnlyFailAsInvalidRequest() {
    check("mangledBytesOnlyFailAsInvalidRequest", 300,
        r -> mangledBytes(anyLong(r), between(r, 1, 5)));
  }

  private static void mangledBytes(long seed, int edits) {
    Random random = new Random(seed);
    for (String s : SEEDS) {
      StringBuilder sb = new StringBuilder(s.replace('\'', '"'));
      for (int i = 0; i < edits && !sb.isEmpty(); i++) {
        int at = random.nextInt(sb.length());
        switch (random.nextInt(3)) {
          case 0 -> sb.deleteCharAt(at);
          case 1 -> sb.insert(at, "{}[]\",:0-e\\u\u00e9\ud83d\ude00".charAt(random.nextInt(15)));
          default -> sb.setLength(at);
        }
      }
      assertOnlyInvalid(sb.toString().getBytes(StandardCharsets.UTF_8));
    }
  }

  private static void assertOnlyInvalid(byte[] body) {
    for (Runnable parse : List.<Runnable>of(
        () -> OpenAiChatParser.parse(body),
        () -> AnthropicMessagesParser.parse(body),
        () -> AnthropicMessagesParser.parseCountTokens(body))) {
      try {
        parse.run();
      } catch (ChatException e) {
        assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
        assertThat(e.getMessage()).doesNotContain("com.fasterxml").doesNotContain("Exception");
      }
    }
  }

  /** Replaces or removes one random node somewhere in the tree. */
  private static JsonNode mutate(JsonNode root, Random random) {
    List<JsonNode> containers = new ArrayList<>();
    collect(root, containers);
    if (containers.isEmpty()) {
      return randomValue(random);
    }
    JsonNode target = containers.get(random.nextInt(containers.size()));
    if (target instanceof ObjectNode o && !o.isEmpty()) {
      List<String> names = new ArrayList<>();
      o.fieldNames().forEachRemaining(names::add);
      String name = names.get(random.nextInt(names.size()));
      if (random.nextInt(4) == 0) {
        o.remove(name);
      } else {
        o.set(name, randomValue(random));
      }
    } else if (target instanceof ArrayNode a && !a.isEmpty()) {
      int i = random.nextInt(a.size());
      if (random.nextInt(4) == 0) {
        a.remove(i);
      } else {
        a.set(i, randomValue(random));
      }
    }
    return random.nextInt(50) == 0 ? randomValue(random) : root;
  }

  private static void collect(JsonNode node, List<JsonNode> out) {
    if (node.isContainerNode()) {
      out.add(node);
      node.forEach(child -> collect(child, out));
    }
  }

  private static JsonNode randomValue(Random random) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    return switch (random.nextInt(10)) {
      case 0 -> f.nullNode();
      case 1 -> f.booleanNode(random.nextBoolean());
      case 2 -> f.numberNode(random.nextInt(5) - 2);
      case 3 -> f.numberNode(random.nextDouble() * 1e12);
      case 4 -> f.textNode(List.of("", "user", "text", "image", "tool_result", "enabled",
          "data:", "data:image/png;base64", "http://x").get(random.nextInt(9)));
      case 5 -> f.arrayNode();
      case 6 -> f.arrayNode().add(f.objectNode().put("type", "text"));
      case 7 -> f.objectNode();
      case 8 -> f.objectNode().put("type", "image").set("source", f.objectNode());
      default -> f.numberNode(Long.MAX_VALUE);
    };
  }
}
