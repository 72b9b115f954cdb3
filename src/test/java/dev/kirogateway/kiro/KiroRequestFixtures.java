package dev.kirogateway.kiro;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kirogateway.chat.ChatRequest;
import dev.kirogateway.chat.ContentBlock;
import dev.kirogateway.chat.Message;
import dev.kirogateway.chat.Reasoning;
import dev.kirogateway.chat.Role;
import dev.kirogateway.chat.ToolSpec;
import dev.kirogateway.model.ModelResolver;
import dev.kirogateway.model.ModelSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Small builders for canonical requests and a shared, lazily loaded token counter. */
final class KiroRequestFixtures {
  static final TokenCounter COUNTER = new TokenCounter();
  static final UUID FIXED_ID = UUID.fromString("0f8b7a52-3c1e-4d9a-9b6e-2a41c7d5e013");
  /** A valid 1×1 PNG. */
  static final String PNG =
      "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";

  private KiroRequestFixtures() {}

  static KiroRequestBuilder builder(RequestSettings settings) {
    return new KiroRequestBuilder(settings, ModelResolver.from(ModelSettings.defaults()), COUNTER,
        () -> FIXED_ID);
  }

  /** Defaults without fake reasoning, so that contents are easy to compare. */
  static RequestSettings plain() {
    RequestSettings d = RequestSettings.defaults();
    return new RequestSettings(d.maxPayloadBytes(), d.autoTrimPayload(),
        d.toolDescriptionMaxLength(), false, d.fakeReasoningMaxTokens(),
        d.fakeReasoningBudgetCap(), d.toolErrorStatus(), d.stripBillingHeader(),
        d.emptyTextPlaceholder(), d.emptyResultPlaceholder());
  }

  static JsonNode parse(byte[] body) {
    try {
      return KiroRequestBuilder.JSON.readTree(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonNode json(String text) {
    try {
      return KiroRequestBuilder.JSON.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Builds with plain settings and returns the parsed body. */
  static JsonNode body(ChatRequest r) {
    return parse(builder(plain()).build(r, Optional.empty()).body());
  }

  static ChatRequest request(String system, List<ToolSpec> tools, Message... messages) {
    return new ChatRequest("claude-sonnet-4-5", system, Arrays.asList(messages), tools,
        new Reasoning.Default());
  }

  static ChatRequest request(Message... messages) {
    return request("", List.of(), messages);
  }

  static Message user(ContentBlock... blocks) {
    return new Message(Role.USER, Arrays.asList(blocks));
  }

  static Message assistant(ContentBlock... blocks) {
    return new Message(Role.ASSISTANT, Arrays.asList(blocks));
  }

  static Message system(String text) {
    return Message.text(Role.SYSTEM, text);
  }

  static ContentBlock.Text text(String t) {
    return new ContentBlock.Text(t);
  }

  static ContentBlock.ToolUse use(String id, String name, String inputJson) {
    return new ContentBlock.ToolUse(id, name, json(inputJson));
  }

  static ContentBlock.ToolResult result(String id, String text) {
    return new ContentBlock.ToolResult(id, List.of(text(text)), false);
  }

  static ContentBlock.Image png() {
    return new ContentBlock.Image("image/png", PNG);
  }

  static ToolSpec tool(String name) {
    return new ToolSpec(name, "Does " + name + ".", json("{\"type\":\"object\"}"));
  }

  static List<ToolSpec> tools(String... names) {
    List<ToolSpec> out = new ArrayList<>();
    for (String n : names) {
      out.add(tool(n));
    }
    return out;
  }

  static JsonNode current(JsonNode body) {
    return body.at("/conversationState/currentMessage/userInputMessage");
  }

  static JsonNode history(JsonNode body) {
    return body.at("/conversationState/history");
  }

  static ObjectNode object() {
    return KiroRequestBuilder.JSON.createObjectNode();
  }
}
