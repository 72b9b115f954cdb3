package dev.kirogateway.kiro;

import static dev.kirogateway.kiro.KiroRequestFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kirogateway.chat.ContentBlock;
import dev.kirogateway.chat.Message;
import dev.kirogateway.chat.Role;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Rules R1–R11 and R21: roles, merging, ends, placeholders, system text and tool pairing. */
final class KiroRequestTurnsTest {

  @Test
  void r1LeadingSystemMessagesJoinTheSystemTextAndLaterOnesBecomeUserText() {
    // Claude Code >= 2.1.16x puts system items inside messages
    JsonNode body = body(request("Top.", List.of(),
        system("Inside one."), system("Inside two."),
        user(text("hi")), assistant(text("hello")),
        system("Reminder: be brief."), user(text("next?"))));

    assertThat(history(body).get(0).at("/userInputMessage/content").asText())
        .isEqualTo("Top.\n\nInside one.\n\nInside two.\n\nhi");
    assertThat(current(body).get("content").asText()).isEqualTo("Reminder: be brief.\n\nnext?");
  }

  @Test
  void r2ThinkingBlocksNeverReachKiro() {
    JsonNode body = body(request(user(text("q")),
        assistant(new ContentBlock.Thinking("secret chain of thought"), text("answer")),
        user(text("more"))));

    assertThat(history(body).get(1).at("/assistantResponseMessage/content").asText())
        .isEqualTo("answer");
    assertThat(body.toString()).doesNotContain("secret chain");
  }

  @Test
  void r3MergesSameRoleTurnsKeepingImagesAndToolResults() {
    JsonNode body = body(request("", tools("read"),
        user(text("look")),
        assistant(text("part 1")),
        assistant(text("part 2"), use("t1", "read", "{}"), use("t2", "read", "{}")),
        user(result("t1", "one"), png()),
        user(result("t2", "two"), text("and this"), png())));

    assertThat(history(body).get(1).at("/assistantResponseMessage/content").asText())
        .isEqualTo("part 1\n\npart 2");
    assertThat(history(body).get(1).at("/assistantResponseMessage/toolUses")).hasSize(2);
    JsonNode cur = current(body);
    assertThat(cur.get("content").asText()).isEqualTo("and this");
    assertThat(cur.get("images")).hasSize(2);
    assertThat(cur.at("/userInputMessageContext/toolResults")).extracting(n -> n.get("toolUseId")
        .asText()).containsExactly("t1", "t2");
  }

  @Test
  void r4ConversationStartingWithAssistantGetsAPlaceholderUserTurn() {
    JsonNode body = body(request(assistant(text("Hi, how can I help?")), user(text("q"))));

    assertThat(history(body)).hasSize(2);
    assertThat(history(body).get(0).at("/userInputMessage/content").asText())
        .isEqualTo("(empty placeholder)");
    assertThat(history(body).get(1).has("assistantResponseMessage")).isTrue();
  }

  @Test
  void r5PrefillGoesToHistoryAndGetsNoThinkingTags() {
    KiroRequest req = builder(RequestSettings.defaults())
        .build(request(user(text("Give JSON")), assistant(text("{"))), java.util.Optional.empty());
    JsonNode body = parse(req.body());

    assertThat(history(body).get(1).at("/assistantResponseMessage/content").asText())
        .isEqualTo("{");
    assertThat(current(body).get("content").asText()).isEqualTo("(empty placeholder)");
    assertThat(req.thinkingInjected()).isFalse();
    assertThat(body.toString()).doesNotContain("thinking_mode");
  }

  @Test
  void r6EmptyTextsAndResultsGetPlaceholders() {
    JsonNode body = body(request("", tools("run"),
        user(text("")),
        assistant(use("t1", "run", "{}")),
        user(new ContentBlock.ToolResult("t1", List.of(), false))));

    assertThat(history(body).get(0).at("/userInputMessage/content").asText())
        .isEqualTo("(empty placeholder)");
    assertThat(history(body).get(1).at("/assistantResponseMessage/content").asText())
        .isEqualTo("(empty placeholder)");
    assertThat(current(body).get("content").asText()).isEqualTo("(empty placeholder)");
    assertThat(current(body).at("/userInputMessageContext/toolResults/0/content/0/text").asText())
        .isEqualTo("(empty result)");
  }

  @Test
  void r6PlaceholdersAreConfigurable() {
    RequestSettings d = plain();
    RequestSettings s = new RequestSettings(d.maxPayloadBytes(), false, 10_000, false, 4000,
        10_000, "error", true, "<nothing>", "<no output>");
    JsonNode body = parse(builder(s).build(request("", tools("run"),
        assistant(use("t1", "run", "{}")),
        user(new ContentBlock.ToolResult("t1", List.of(), false))), java.util.Optional.empty())
        .body());

    assertThat(history(body).get(0).at("/userInputMessage/content").asText())
        .isEqualTo("<nothing>");
    assertThat(current(body).at("/userInputMessageContext/toolResults/0/content/0/text").asText())
        .isEqualTo("<no output>");
  }

  @Test
  void r7SystemGoesInFrontOfTheCurrentMessageWhenThereIsNoHistory() {
    JsonNode body = body(request("Be terse.", List.of(), user(text("hi"))));

    assertThat(history(body).isMissingNode()).isTrue();
    assertThat(current(body).get("content").asText()).isEqualTo("Be terse.\n\nhi");
  }

  @Test
  void r8ToolTurnsBecomeTextWhenToolsAreEmpty() {
    // OpenCode / Claude Code compaction: tool history, but "tools": []
    JsonNode body = body(request("", List.of(),
        user(text("read it")),
        assistant(text("Reading."), use("toolu_1", "read_file", "{\"path\":\"a.txt\"}"),
            use("", "list", "{}")),
        user(result("toolu_1", "file body"), result("", "x"), text("Summarise."))));

    assertThat(history(body).get(1).at("/assistantResponseMessage/content").asText())
        .isEqualTo("Reading.\n\n[Tool: read_file (toolu_1)]\n{\"path\":\"a.txt\"}"
            + "\n\n[Tool: list]\n{}");
    assertThat(history(body).get(1).at("/assistantResponseMessage").has("toolUses")).isFalse();
    assertThat(current(body).get("content").asText())
        .isEqualTo("Summarise.\n\n[Tool Result (toolu_1)]\nfile body\n\n[Tool Result]\nx");
    assertThat(current(body).has("userInputMessageContext")).isFalse();
  }

  @Test
  void r9OrphanResultsAfterClientTrimmingBecomeText() {
    JsonNode body = body(request("", tools("read"),
        user(result("toolu_gone", "old output"), text("continue"))));

    assertThat(current(body).get("content").asText())
        .isEqualTo("continue\n\n[Tool Result (toolu_gone)]\nold output");
    assertThat(current(body).at("/userInputMessageContext/toolResults").isMissingNode()).isTrue();
    assertThat(current(body).at("/userInputMessageContext/tools")).hasSize(1);
  }

  @Test
  void r10UnansweredToolUsesBecomeTextButAnsweredOnesStay() {
    JsonNode body = body(request("", tools("read"),
        user(text("go")),
        assistant(use("a", "read", "{\"n\":1}"), use("b", "read", "{\"n\":2}")),
        user(result("a", "1"))));

    JsonNode asst = history(body).get(1).get("assistantResponseMessage");
    assertThat(asst.get("toolUses")).extracting(n -> n.get("toolUseId").asText())
        .containsExactly("a");
    assertThat(asst.get("content").asText()).isEqualTo("[Tool: read (b)]\n{\"n\":2}");
  }

  @Test
  void r10TrailingAssistantToolUsesBecomeText() {
    JsonNode body = body(request("", tools("read"),
        user(text("go")), assistant(text("ok"), use("a", "read", "{}"))));

    JsonNode asst = history(body).get(1).get("assistantResponseMessage");
    assertThat(asst.has("toolUses")).isFalse();
    assertThat(asst.get("content").asText()).isEqualTo("ok\n\n[Tool: read (a)]\n{}");
  }

  @Test
  void r11ToolsNoLongerDeclaredBecomeTextWithTheirResults() {
    // Cursor / MCP plugins change the tool set mid-session
    JsonNode body = body(request("", tools("new_tool"),
        user(text("go")),
        assistant(use("a", "old_tool", "{}")),
        user(result("a", "done"), text("next"))));

    assertThat(history(body).get(1).at("/assistantResponseMessage/content").asText())
        .isEqualTo("[Tool: old_tool (a)]\n{}");
    assertThat(current(body).get("content").asText())
        .isEqualTo("next\n\n[Tool Result (a)]\ndone");
    assertThat(current(body).at("/userInputMessageContext/toolResults").isMissingNode()).isTrue();
  }

  @Test
  void duplicateToolResultForOneUseIsKeptOnceAndTheRestBecomesText() {
    JsonNode body = body(request("", tools("read"),
        user(text("go")), assistant(use("a", "read", "{}")),
        user(result("a", "first"), result("a", "again"))));

    assertThat(current(body).at("/userInputMessageContext/toolResults"))
        .extracting(n -> n.at("/content/0/text").asText()).containsExactly("first");
    assertThat(current(body).get("content").asText()).isEqualTo("[Tool Result (a)]\nagain");
    assertThat(history(body).get(1).at("/assistantResponseMessage/toolUses")).hasSize(1);
  }

  @Test
  void toolBlocksOnTheWrongSideBecomeText() {
    JsonNode body = body(request("", tools("read"),
        new Message(Role.USER, List.of(use("u", "read", "{}"))),
        assistant(result("r", "odd"))));

    assertThat(history(body).get(0).at("/userInputMessage/content").asText())
        .isEqualTo("[Tool: read (u)]\n{}");
    assertThat(history(body).get(1).at("/assistantResponseMessage/content").asText())
        .isEqualTo("[Tool Result (r)]\nodd");
  }

  @Test
  void r21FlattensTextBlocksWithNewlinesAndKeepsResultsOutOfTheText() {
    JsonNode body = body(request("", tools("read"),
        user(text("a")), assistant(use("t", "read", "{}")),
        user(result("t", "RESULT"), text("line 1"), text("line 2"))));

    assertThat(current(body).get("content").asText()).isEqualTo("line 1\nline 2");
    assertThat(current(body).at("/userInputMessageContext/toolResults/0/content/0/text").asText())
        .isEqualTo("RESULT");
  }

  @Test
  void r21DropsTheClaudeCodeBillingHeaderLine() {
    String billing = "x-anthropic-billing-header: cc_version=2.1.197; cc_entrypoint=cli; cch=9f;";
    JsonNode body = body(request(billing + "\nYou are Claude Code.", List.of(),
        user(text("hi"))));
    assertThat(current(body).get("content").asText()).isEqualTo("You are Claude Code.\n\nhi");

    JsonNode inMessages = body(request("", List.of(), system(billing), system("Sys."),
        user(text("hi"))));
    assertThat(current(inMessages).get("content").asText()).isEqualTo("Sys.\n\nhi");
  }

  @Test
  void r21BillingHeaderStaysWhenStrippingIsOff() {
    RequestSettings d = plain();
    RequestSettings keep = new RequestSettings(d.maxPayloadBytes(), false, 10_000, false, 4000,
        10_000, "error", false, d.emptyTextPlaceholder(), d.emptyResultPlaceholder());
    JsonNode body = parse(builder(keep).build(request("x-anthropic-billing-header: a;\nS.",
        List.of(), user(text("hi"))), java.util.Optional.empty()).body());
    assertThat(current(body).get("content").asText())
        .isEqualTo("x-anthropic-billing-header: a;\nS.\n\nhi");
  }

  @Test
  void failedToolResultsCarryTheConfiguredStatus() {
    var req = request("", tools("run"), user(text("go")), assistant(use("t", "run", "{}")),
        user(new ContentBlock.ToolResult("t", List.of(text("boom")), true)));
    assertThat(current(body(req)).at("/userInputMessageContext/toolResults/0/status").asText())
        .isEqualTo("error");

    RequestSettings d = plain();
    RequestSettings success = new RequestSettings(d.maxPayloadBytes(), false, 10_000, false, 4000,
        10_000, "success", true, d.emptyTextPlaceholder(), d.emptyResultPlaceholder());
    JsonNode body = parse(builder(success).build(req, java.util.Optional.empty()).body());
    assertThat(current(body).at("/userInputMessageContext/toolResults/0/status").asText())
        .isEqualTo("success");
  }

  @Test
  void systemOnlyConversationStillSendsAUserMessage() {
    JsonNode body = body(request("", List.of(), system("Only system.")));
    assertThat(current(body).get("content").asText())
        .isEqualTo("Only system.\n\n(empty placeholder)");
  }
}
