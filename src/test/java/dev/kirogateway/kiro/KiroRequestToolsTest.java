package dev.kirogateway.kiro;

import static dev.kirogateway.kiro.KiroRequestFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.kirogateway.chat.ChatException;
import dev.kirogateway.chat.ContentBlock;
import dev.kirogateway.chat.ErrorKind;
import dev.kirogateway.chat.ToolSpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Rules R12–R16: tool names, ids, descriptions, schemas and images. */
final class KiroRequestToolsTest {
  private static final String MCP_NAME =
      "mcp__github_enterprise_server__create_or_update_file_contents_in_repository_branch";

  private static String sha256(String s) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
        .digest(s.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void r12ShortensLongMcpNamesReversiblyAndAppliesItToHistory() throws Exception {
    assertThat(MCP_NAME.length()).isGreaterThan(64);
    String expected = MCP_NAME.substring(0, 55) + "_" + sha256(MCP_NAME).substring(0, 8);

    KiroRequest req = builder(plain()).build(request("", tools(MCP_NAME),
        user(text("go")), assistant(use("t1", MCP_NAME, "{}")), user(result("t1", "ok"))),
        Optional.empty());
    JsonNode body = parse(req.body());

    assertThat(expected).hasSize(64);
    assertThat(current(body).at("/userInputMessageContext/tools/0/toolSpecification/name")
        .asText()).isEqualTo(expected);
    assertThat(history(body).at("/1/assistantResponseMessage/toolUses/0/name").asText())
        .isEqualTo(expected);
    assertThat(req.originalToolName(expected)).isEqualTo(MCP_NAME);
    assertThat(req.toolNames()).containsEntry(expected, MCP_NAME);
  }

  @Test
  void r12ReplacesDisallowedCharactersAndKeepsValidNames() throws Exception {
    assertThat(KiroRequestBuilder.upstreamToolName("server.tool/run"))
        .isEqualTo("server_tool_run_" + sha256("server.tool/run").substring(0, 8));
    assertThat(KiroRequestBuilder.upstreamToolName("Read_File-2")).isEqualTo("Read_File-2");
    String sixtyFour = "a".repeat(64);
    assertThat(KiroRequestBuilder.upstreamToolName(sixtyFour)).isEqualTo(sixtyFour);
    assertThat(KiroRequestBuilder.upstreamToolName("a".repeat(65))).hasSize(64);
  }

  @Test
  void r12RejectsTwoToolsThatShortenToTheSameName() {
    String dotted = "a.b";
    String clash = KiroRequestBuilder.upstreamToolName(dotted);
    assertThatThrownBy(() -> builder(plain()).build(request("", tools(dotted, clash),
        user(text("hi"))), Optional.empty()))
        .isInstanceOfSatisfying(ChatException.class, e -> {
          assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
          assertThat(e.param()).contains("tools");
          assertThat(e.getMessage()).contains("a.b", clash);
        });
  }

  @Test
  void r13RepairsCursorIdsWithNewlinesAndOverlongIdsOnBothSides() throws Exception {
    String cursorId = "call_abc123\nfc_0a1b2c3d";
    String longId = "toolu_" + "x".repeat(70);
    JsonNode body = body(request("", tools("read"),
        user(text("go")),
        assistant(use(cursorId, "read", "{}"), use(longId, "read", "{}")),
        user(result(cursorId, "1"), result(longId, "2"))));

    String fixed1 = "tooluse_" + sha256(cursorId).substring(0, 32);
    String fixed2 = "tooluse_" + sha256(longId).substring(0, 32);
    assertThat(history(body).at("/1/assistantResponseMessage/toolUses"))
        .extracting(n -> n.get("toolUseId").asText()).containsExactly(fixed1, fixed2);
    assertThat(current(body).at("/userInputMessageContext/toolResults"))
        .extracting(n -> n.get("toolUseId").asText()).containsExactly(fixed1, fixed2);
    assertThat(KiroRequestBuilder.upstreamToolUseId("tooluse_AbC-12_x")).isEqualTo(
        "tooluse_AbC-12_x");
  }

  @Test
  void r14EmptyDescriptionGetsToolName() {
    JsonNode body = body(request("", List.of(new ToolSpec("probe", "  ", object())),
        user(text("hi"))));
    assertThat(current(body).at("/userInputMessageContext/tools/0/toolSpecification/description")
        .asText()).isEqualTo("Tool: probe");
  }

  @Test
  void r14LongDescriptionMovesToTheSystemText() {
    String longDoc = "x".repeat(10_001);
    JsonNode body = body(request("Sys.", List.of(new ToolSpec("big", longDoc, object()),
        new ToolSpec("huge", longDoc + "y", object())), user(text("hi"))));

    JsonNode tools = current(body).at("/userInputMessageContext/tools");
    assertThat(tools.at("/0/toolSpecification/description").asText())
        .isEqualTo("[Full documentation in system prompt under '## Tool: big']");
    assertThat(current(body).get("content").asText()).isEqualTo("Sys.\n\n---\n# Tool Documentation\n"
        + "The following tools have detailed documentation that couldn't fit in the tool"
        + " definition.\n\n## Tool: big\n\n" + longDoc + "\n\n---\n\n## Tool: huge\n\n" + longDoc
        + "y\n\nhi");
  }

  @Test
  void r14DocumentationWithoutClientSystemTextHasNoLeadingNewlines() {
    JsonNode body = body(request("", List.of(new ToolSpec("big", "d".repeat(10_001), object())),
        user(text("hi"))));
    assertThat(current(body).get("content").asText()).startsWith("---\n# Tool Documentation\n");
  }

  @Test
  void r14LimitZeroDisablesTheMove() {
    RequestSettings d = plain();
    RequestSettings off = new RequestSettings(d.maxPayloadBytes(), false, 0, false, 4000, 10_000,
        "error", true, d.emptyTextPlaceholder(), d.emptyResultPlaceholder());
    String longDoc = "d".repeat(20_000);
    JsonNode body = parse(builder(off).build(request("", List.of(new ToolSpec("big", longDoc,
        object())), user(text("hi"))), Optional.empty()).body());
    assertThat(current(body).at("/userInputMessageContext/tools/0/toolSpecification/description")
        .asText()).isEqualTo(longDoc);
    assertThat(current(body).get("content").asText()).isEqualTo("hi");
  }

  @Test
  void r15CleansSchemaKeywordsButKeepsPropertiesNamedLikeKeywords() {
    JsonNode schema = json("""
        {"$schema":"https://json-schema.org/draft/2020-12/schema","additionalProperties":false,
         "required":["required"],
         "properties":{
           "required":{"type":"boolean","default":false},
           "additionalProperties":{"type":"object","additionalProperties":{"type":"string"},
             "required":[],"properties":{}},
           "list":{"type":"array","items":{"type":"object","additionalProperties":true,
             "properties":{"x":{"anyOf":[{"type":"object","additionalProperties":false},
               {"type":"null"}]}}}}},
         "$defs":{"Node":{"type":"object","required":[],"additionalProperties":false,
           "properties":{"next":{"$ref":"#/$defs/Node"}}}}}""");
    JsonNode out = body(request("", List.of(new ToolSpec("t", "d", schema)), user(text("hi"))))
        .at("/conversationState/currentMessage/userInputMessage/userInputMessageContext/tools/0"
            + "/toolSpecification/inputSchema/json");

    assertThat(out).isEqualTo(json("""
        {"type":"object","required":["required"],
         "properties":{
           "required":{"type":"boolean","default":false},
           "additionalProperties":{"type":"object"},
           "list":{"type":"array","items":{"type":"object",
             "properties":{"x":{"anyOf":[{"type":"object"},{"type":"null"}]}}}}},
         "$defs":{"Node":{"type":"object","properties":{"next":{"$ref":"#/$defs/Node"}}}}}"""));
  }

  @Test
  void r15MissingOrNonObjectSchemaBecomesAnObjectSchema() {
    JsonNode body = body(request("", List.of(new ToolSpec("a", "d", NullNode.getInstance()),
        new ToolSpec("b", "d", json("[1]")), new ToolSpec("c", "d", json("{\"properties\":{}}"))),
        user(text("hi"))));
    JsonNode tools = current(body).at("/userInputMessageContext/tools");
    for (JsonNode t : tools) {
      assertThat(t.at("/toolSpecification/inputSchema/json")).isEqualTo(json(
          "{\"type\":\"object\"}"));
    }
  }

  @Test
  void r16ImageFormatsFollowTheMediaType() {
    JsonNode body = body(request(user(text("see"),
        new ContentBlock.Image("IMAGE/JPG", PNG), new ContentBlock.Image("image/webp", PNG),
        new ContentBlock.Image("image/gif", PNG), new ContentBlock.Image("image/jpeg; q=1", PNG))));
    assertThat(current(body).get("images")).extracting(n -> n.get("format").asText())
        .containsExactly("jpeg", "webp", "gif", "jpeg");
  }

  @Test
  void r16UnsupportedBrokenAndUrlImagesBecomeNotes() {
    JsonNode body = body(request(user(text("see"),
        new ContentBlock.Image("image/svg+xml", PNG),
        new ContentBlock.Image("image/png", "not base64 !!"),
        new ContentBlock.RemoteImage("https://example.com/cat.png"))));
    assertThat(current(body).get("content").asText()).isEqualTo("see\n"
        + "[image omitted: unsupported type image/svg+xml]\n"
        + "[image omitted: invalid base64 data]\n"
        + "[image omitted: URL images are not supported]");
    assertThat(current(body).has("images")).isFalse();
  }

  @Test
  void r16DataUrlPrefixWhitespaceAndMissingPaddingAreRepaired() {
    String wrapped = "data:image/png;base64," + PNG.substring(0, 40) + "\n" + PNG.substring(40)
        .replace("=", "");
    JsonNode body = body(request(user(new ContentBlock.Image("image/png", wrapped))));
    assertThat(current(body).at("/images/0/source/bytes").asText()).isEqualTo(PNG);
  }

  @Test
  void r16ImagesInToolResultsMoveToTheUserMessageAndAssistantImagesAreDropped() {
    JsonNode body = body(request("", tools("screenshot"),
        user(text("go")),
        assistant(text("taking it"), png(), use("s", "screenshot", "{}")),
        user(new ContentBlock.ToolResult("s", List.of(text("captured"), png()), false))));

    assertThat(history(body).at("/1/assistantResponseMessage").toString()).doesNotContain(PNG);
    assertThat(current(body).get("images")).hasSize(1);
    assertThat(current(body).at("/userInputMessageContext/toolResults/0/content")).isEqualTo(
        json("[{\"text\":\"captured\"}]"));
    assertThat(current(body).at("/userInputMessageContext").toString()).doesNotContain("images");
  }
}
