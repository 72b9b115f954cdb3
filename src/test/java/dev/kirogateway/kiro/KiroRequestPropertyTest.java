package dev.kirogateway.kiro;

import static dev.kirogateway.kiro.KiroRequestFixtures.*;
import static dev.kirogateway.testing.Properties.check;
import static dev.kirogateway.testing.Properties.listOf;
import static dev.kirogateway.testing.Properties.oneOf;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kirogateway.chat.ChatRequest;
import dev.kirogateway.chat.ContentBlock;
import dev.kirogateway.chat.Message;
import dev.kirogateway.chat.Reasoning;
import dev.kirogateway.chat.Role;
import dev.kirogateway.chat.ToolSpec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** For any conversation, the body passes the structural checks of the fake Kiro (§11 8–17). */
final class KiroRequestPropertyTest {
  private static final Pattern VALID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
  private static final List<String> NAMES = List.of("read", "write_file", "server.tool",
      "mcp__" + "x".repeat(70), "bash");
  private static final List<String> IDS = List.of("t1", "t2", "call_a\nfc_b", "y".repeat(80), "",
      "tooluse_abc");

  @Test
  void bodyAlwaysSatisfiesTheUpstreamStructure() {
    check("bodyAlwaysSatisfiesTheUpstreamStructure", 400,
        r -> satisfiesTheUpstreamStructure(requests(r)));
  }

  private static void satisfiesTheUpstreamStructure(ChatRequest request) {
    KiroRequest req = builder(RequestSettings.defaults()).build(request, Optional.of("arn"));
    JsonNode body = parse(req.body());
    JsonNode history = history(body);
    JsonNode current = current(body);

    Set<String> declared = new HashSet<>();
    for (JsonNode t : current.at("/userInputMessageContext/tools")) {
      String name = t.at("/toolSpecification/name").asText();
      assertThat(name).matches(VALID);
      assertThat(t.at("/toolSpecification/description").asText()).isNotBlank();
      assertCleanSchema(t.at("/toolSpecification/inputSchema/json"));
      assertThat(t.at("/toolSpecification/inputSchema/json/type").asText()).isEqualTo("object");
      declared.add(name);
    }

    List<JsonNode> turns = new ArrayList<>();
    history.forEach(turns::add);
    turns.add(body.at("/conversationState/currentMessage"));
    assertThat(history.isMissingNode() || history.size() > 0).isTrue();
    Set<String> previousUses = Set.of();
    for (int i = 0; i < turns.size(); i++) {
      JsonNode entry = turns.get(i);
      boolean user = i % 2 == 0;
      if (user) {
        JsonNode msg = entry.get("userInputMessage");
        assertThat(msg).as("turn %d must be a user turn", i).isNotNull();
        assertThat(msg.get("content").asText()).isNotEmpty();
        assertThat(msg.get("modelId").asText()).isNotEmpty();
        assertThat(msg.get("origin").asText()).isEqualTo("AI_EDITOR");
        for (JsonNode img : msg.path("images")) {
          assertThat(img.get("format").asText()).isIn("png", "jpeg", "gif", "webp");
          assertThat(java.util.Base64.getDecoder().decode(img.at("/source/bytes").asText()))
              .isNotEmpty();
        }
        JsonNode context = msg.path("userInputMessageContext");
        assertThat(context.has("images")).isFalse();
        if (i < turns.size() - 1) {
          assertThat(context.has("tools")).isFalse();
        }
        Set<String> answered = new HashSet<>();
        for (JsonNode r : context.path("toolResults")) {
          assertThat(declared).as("toolResults need tools").isNotEmpty();
          String id = r.get("toolUseId").asText();
          assertThat(id).matches(VALID);
          assertThat(answered.add(id)).as("duplicate result %s", id).isTrue();
          assertThat(r.get("content")).isNotEmpty();
        }
        assertThat(answered).isEqualTo(previousUses);
        previousUses = Set.of();
      } else {
        JsonNode msg = entry.get("assistantResponseMessage");
        assertThat(msg).as("turn %d must be an assistant turn", i).isNotNull();
        assertThat(msg.get("content").asText()).isNotEmpty();
        assertThat(msg.has("images")).isFalse();
        Set<String> uses = new HashSet<>();
        for (JsonNode u : msg.path("toolUses")) {
          assertThat(u.get("toolUseId").asText()).matches(VALID);
          assertThat(u.get("name").asText()).isIn(declared);
          assertThat(u.get("input").isObject()).isTrue();
          assertThat(uses.add(u.get("toolUseId").asText())).isTrue();
        }
        previousUses = uses;
      }
    }
    assertThat(turns.size() % 2).as("history ends with an assistant turn").isEqualTo(1);
  }

  private static void assertCleanSchema(JsonNode schema) {
    if (!schema.isObject()) {
      return;
    }
    assertThat(schema.has("additionalProperties")).isFalse();
    assertThat(schema.has("$schema")).isFalse();
    if (schema.has("required")) {
      assertThat(schema.get("required")).isNotEmpty();
    }
    schema.path("properties").forEach(KiroRequestPropertyTest::assertCleanSchema);
    assertCleanSchema(schema.path("items"));
    for (String k : List.of("anyOf", "oneOf", "allOf")) {
      schema.path(k).forEach(KiroRequestPropertyTest::assertCleanSchema);
    }
  }

  private static ChatRequest requests(Random r) {
    List<ToolSpec> tools = new LinkedHashSet<>(listOf(r, 0, 4, x -> oneOf(x, NAMES))).stream()
        .map(KiroRequestPropertyTest::toolWithDirtySchema).toList();
    List<Message> messages = listOf(r, 0, 8, KiroRequestPropertyTest::message);
    Reasoning reasoning = oneOf(r, new Reasoning.Default(), new Reasoning.Off(),
        new Reasoning.Budget(100));
    return new ChatRequest("claude-sonnet-4-5", oneOf(r, "", "System."), messages, tools,
        reasoning);
  }

  private static ToolSpec toolWithDirtySchema(String name) {
    return new ToolSpec(name, name.length() % 2 == 0 ? "" : "Does things.", json("""
        {"type":"object","additionalProperties":false,"required":[],
         "properties":{"required":{"type":"object","required":[],"additionalProperties":true},
           "additionalProperties":{"type":"array","items":{"additionalProperties":false}}}}"""));
  }

  private static Message message(Random r) {
    Role role = oneOf(r, Role.USER, Role.USER, Role.ASSISTANT, Role.ASSISTANT, Role.SYSTEM);
    return new Message(role, listOf(r, 0, 4, KiroRequestPropertyTest::block));
  }

  private static ContentBlock block(Random r) {
    return switch (r.nextInt(7)) {
      case 0 -> new ContentBlock.Text(oneOf(r, "", "hello", " ", "multi\nline"));
      case 1 -> new ContentBlock.Image(
          oneOf(r, "image/png", "image/jpg", "image/svg+xml", "text/plain"), PNG);
      case 2 -> new ContentBlock.Image("image/png", "%%%");
      case 3 -> new ContentBlock.RemoteImage("https://example.com/x.png");
      case 4 -> new ContentBlock.Thinking("hmm");
      case 5 -> new ContentBlock.ToolUse(oneOf(r, IDS), oneOf(r, NAMES), json("{\"a\":1}"));
      default -> new ContentBlock.ToolResult(oneOf(r, IDS), oneOf(r,
          List.<ContentBlock>of(), List.<ContentBlock>of(text("out")),
          List.<ContentBlock>of(text("shot"), png())), r.nextBoolean());
    };
  }

  @Test
  void toolNameMapCoversEveryDeclaredTool() {
    check("toolNameMapCoversEveryDeclaredTool", 100, r -> coversEveryDeclaredTool(requests(r)));
  }

  private static void coversEveryDeclaredTool(ChatRequest request) {
    KiroRequest req = builder(plain()).build(request, Optional.empty());
    Map<String, String> names = req.toolNames();
    assertThat(names.values()).containsExactlyInAnyOrderElementsOf(
        request.tools().stream().map(ToolSpec::name).distinct().toList());
    names.keySet().forEach(n -> assertThat(n).matches(VALID));
  }
}
