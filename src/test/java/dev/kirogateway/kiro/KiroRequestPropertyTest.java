package dev.kirogateway.kiro;

import static dev.kirogateway.kiro.KiroRequestFixtures.*;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** For any conversation, the body passes the structural checks of the fake Kiro (§11 8–17). */
final class KiroRequestPropertyTest {
  private static final Pattern VALID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
  private static final List<String> NAMES = List.of("read", "write_file", "server.tool",
      "mcp__" + "x".repeat(70), "bash");
  private static final List<String> IDS = List.of("t1", "t2", "call_a\nfc_b", "y".repeat(80), "",
      "tooluse_abc");

  @Property(tries = 400)
  void bodyAlwaysSatisfiesTheUpstreamStructure(@ForAll("requests") ChatRequest request) {
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

  @Provide
  Arbitrary<ChatRequest> requests() {
    Arbitrary<List<ToolSpec>> tools = Arbitraries.of(NAMES).set().ofMaxSize(4)
        .map(set -> set.stream().map(KiroRequestPropertyTest::toolWithDirtySchema).toList());
    Arbitrary<List<Message>> messages = message().list().ofMaxSize(8);
    Arbitrary<Reasoning> reasoning = Arbitraries.of(new Reasoning.Default(), new Reasoning.Off(),
        new Reasoning.Budget(100));
    return Combinators.combine(Arbitraries.of("", "System."), messages, tools, reasoning)
        .as((sys, msgs, ts, r) -> new ChatRequest("claude-sonnet-4-5", sys, msgs, ts, r));
  }

  private static ToolSpec toolWithDirtySchema(String name) {
    return new ToolSpec(name, name.length() % 2 == 0 ? "" : "Does things.", json("""
        {"type":"object","additionalProperties":false,"required":[],
         "properties":{"required":{"type":"object","required":[],"additionalProperties":true},
           "additionalProperties":{"type":"array","items":{"additionalProperties":false}}}}"""));
  }

  private Arbitrary<Message> message() {
    Arbitrary<Role> role = Arbitraries.of(Role.USER, Role.USER, Role.ASSISTANT, Role.ASSISTANT,
        Role.SYSTEM);
    return Combinators.combine(role, block().list().ofMaxSize(4)).as(Message::new);
  }

  private Arbitrary<ContentBlock> block() {
    Arbitrary<String> id = Arbitraries.of(IDS);
    Arbitrary<String> name = Arbitraries.of(NAMES);
    return Arbitraries.oneOf(
        Arbitraries.of("", "hello", " ", "multi\nline").map(ContentBlock.Text::new),
        Arbitraries.of("image/png", "image/jpg", "image/svg+xml", "text/plain")
            .map(m -> new ContentBlock.Image(m, PNG)),
        Arbitraries.just(new ContentBlock.Image("image/png", "%%%")),
        Arbitraries.just(new ContentBlock.RemoteImage("https://example.com/x.png")),
        Arbitraries.just(new ContentBlock.Thinking("hmm")),
        Combinators.combine(id, name).as((i, n) -> new ContentBlock.ToolUse(i, n,
            json("{\"a\":1}"))),
        Combinators.combine(id, Arbitraries.of(true, false), Arbitraries.of(
            List.<ContentBlock>of(), List.<ContentBlock>of(text("out")),
            List.<ContentBlock>of(text("shot"), png())))
            .as((i, err, content) -> new ContentBlock.ToolResult(i, content, err)));
  }

  @Property(tries = 100)
  void toolNameMapCoversEveryDeclaredTool(@ForAll("requests") ChatRequest request) {
    KiroRequest req = builder(plain()).build(request, Optional.empty());
    Map<String, String> names = req.toolNames();
    assertThat(names.values()).containsExactlyInAnyOrderElementsOf(
        request.tools().stream().map(ToolSpec::name).distinct().toList());
    names.keySet().forEach(n -> assertThat(n).matches(VALID));
  }
}
