package dev.kirogateway.anthropic;

import static dev.kirogateway.sse.RequestJson.field;
import static dev.kirogateway.sse.RequestJson.index;
import static dev.kirogateway.sse.RequestJson.optionalArray;
import static dev.kirogateway.sse.RequestJson.optionalBoolean;
import static dev.kirogateway.sse.RequestJson.optionalInt;
import static dev.kirogateway.sse.RequestJson.optionalObject;
import static dev.kirogateway.sse.RequestJson.optionalString;
import static dev.kirogateway.sse.RequestJson.requireObject;
import static dev.kirogateway.sse.RequestJson.requiredArray;
import static dev.kirogateway.sse.RequestJson.requiredString;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kirogateway.chat.ChatException;
import dev.kirogateway.chat.ChatRequest;
import dev.kirogateway.chat.Message;
import dev.kirogateway.chat.Reasoning;
import dev.kirogateway.chat.Role;
import dev.kirogateway.chat.ToolSpec;
import dev.kirogateway.sse.RequestJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Parses Messages and count_tokens request bodies (§4 R1, R2, R16, R19, R21 input side). Fields
 * the gateway cannot use and unknown fields are ignored; wrong types fail with the field's path.
 */
public final class AnthropicMessagesParser {
  private static final Logger LOG = LoggerFactory.getLogger(AnthropicMessagesParser.class);

  /** Claude Code's per-request random system block (R21): dropping it keeps the prefix stable. */
  static final String BILLING_HEADER_PREFIX = "x-anthropic-billing-header:";

  private AnthropicMessagesParser() {}

  /**
   * A {@code POST /v1/messages} body; {@code max_tokens} is required.
   *
   * @throws ChatException of kind {@code INVALID_REQUEST} for any malformed body
   */
  public static AnthropicCall parse(byte[] body) {
    JsonNode root = RequestJson.parseObject(body);
    OptionalInt maxTokens = optionalInt(root, "max_tokens", "");
    if (maxTokens.isEmpty()) {
      throw RequestJson.missing("max_tokens", "", "a positive integer");
    }
    if (maxTokens.getAsInt() < 1) {
      throw ChatException.invalid("'max_tokens' must be a positive integer.", "max_tokens");
    }
    ChatRequest request = request(root);
    return new AnthropicCall(request, optionalBoolean(root, "stream", ""));
  }

  /** A {@code POST /v1/messages/count_tokens} body ({@code max_tokens} not needed). */
  public static ChatRequest parseCountTokens(byte[] body) {
    JsonNode root = RequestJson.parseObject(body);
    optionalInt(root, "max_tokens", "");
    return request(root);
  }

  private static ChatRequest request(JsonNode root) {
    String model = requiredString(root, "model", "");
    if (model.isBlank()) {
      throw ChatException.invalid("'model' must not be empty.", "model");
    }
    String system = system(root);
    List<Message> messages = messages(requiredArray(root, "messages", ""));
    List<ToolSpec> tools = tools(root);
    Reasoning reasoning = thinking(root);
    return new ChatRequest(model, system, messages, tools, reasoning);
  }

  private static String system(JsonNode root) {
    Optional<JsonNode> system = field(root, "system");
    if (system.isEmpty()) {
      return "";
    }
    JsonNode s = system.get();
    if (s.isTextual()) {
      return s.textValue();
    }
    if (!s.isArray()) {
      throw ChatException.invalid("'system' must be a string or an array of text blocks.", "system");
    }
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < s.size(); i++) {
      String p = index("system", i);
      JsonNode block = requireObject(s.get(i), p);
      String type = requiredString(block, "type", p);
      if (!"text".equals(type)) {
        LOG.debug("Dropping system block {} of type {}", p, type);
        continue;
      }
      String text = requiredString(block, "text", p);
      if (i == 0 && text.startsWith(BILLING_HEADER_PREFIX)) {
        continue;
      }
      if (!sb.isEmpty()) {
        sb.append('\n');
      }
      sb.append(text);
    }
    return sb.toString();
  }

  private static List<Message> messages(JsonNode array) {
    if (array.isEmpty()) {
      throw ChatException.invalid("'messages' must contain at least one message.", "messages");
    }
    List<Message> out = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      String p = index("messages", i);
      JsonNode m = requireObject(array.get(i), p);
      Role role = role(requiredString(m, "role", p));
      out.add(new Message(role, AnthropicContent.blocks(m, p)));
    }
    return out;
  }

  private static Role role(String role) {
    return switch (role) {
      case "assistant" -> Role.ASSISTANT;
      // Claude Code >= 2.1.16x puts system items inside messages (R1)
      case "system", "developer" -> Role.SYSTEM;
      // R1: any other role is treated as the user's [choice]
      default -> Role.USER;
    };
  }

  private static List<ToolSpec> tools(JsonNode root) {
    Optional<JsonNode> tools = optionalArray(root, "tools", "");
    if (tools.isEmpty()) {
      return List.of();
    }
    JsonNode a = tools.get();
    List<ToolSpec> out = new ArrayList<>(a.size());
    for (int i = 0; i < a.size(); i++) {
      String p = index("tools", i);
      JsonNode t = requireObject(a.get(i), p);
      Optional<String> type = optionalString(t, "type", p);
      boolean custom = type.isEmpty() || type.get().equals("custom");
      if (!t.has("input_schema") && !custom) {
        LOG.warn("Dropping server tool {} of type {}: the upstream cannot run it", p, type.get());
        continue;
      }
      String name = requiredString(t, "name", p);
      String description = optionalString(t, "description", p).orElse("");
      JsonNode schema = field(t, "input_schema").orElse(RequestJson.nullNode());
      out.add(new ToolSpec(name, description, schema));
    }
    return out;
  }

  private static Reasoning thinking(JsonNode root) {
    Optional<JsonNode> thinking = optionalObject(root, "thinking", "");
    if (thinking.isEmpty()) {
      return new Reasoning.Default();
    }
    JsonNode t = thinking.get();
    String type = requiredString(t, "type", "thinking");
    return switch (type) {
      case "enabled" -> budget(t);
      case "disabled" -> new Reasoning.Off();
      case "adaptive" -> new Reasoning.Default();
      default ->
          throw ChatException.invalid(
              "'thinking.type' must be one of enabled, disabled, adaptive.", "thinking.type");
    };
  }

  private static Reasoning budget(JsonNode t) {
    OptionalInt budget = optionalInt(t, "budget_tokens", "thinking");
    if (budget.isEmpty() || budget.getAsInt() < 1) {
      throw ChatException.invalid(
          "'thinking.budget_tokens' is required and must be a positive integer.",
          "thinking.budget_tokens");
    }
    return new Reasoning.Budget(budget.getAsInt());
  }
}
