package dev.kirogateway.openai;

import static dev.kirogateway.sse.RequestJson.field;
import static dev.kirogateway.sse.RequestJson.index;
import static dev.kirogateway.sse.RequestJson.optionalArray;
import static dev.kirogateway.sse.RequestJson.optionalBoolean;
import static dev.kirogateway.sse.RequestJson.optionalInt;
import static dev.kirogateway.sse.RequestJson.optionalObject;
import static dev.kirogateway.sse.RequestJson.optionalString;
import static dev.kirogateway.sse.RequestJson.path;
import static dev.kirogateway.sse.RequestJson.requireObject;
import static dev.kirogateway.sse.RequestJson.requiredArray;
import static dev.kirogateway.sse.RequestJson.requiredString;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kirogateway.chat.ChatException;
import dev.kirogateway.chat.ChatRequest;
import dev.kirogateway.chat.ContentBlock;
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
 * Parses a Chat Completions request body (§4 R1, R2, R16, R19, R21 input side). Fields the gateway
 * cannot use (R19) and unknown fields are ignored; wrong types fail with the field's path.
 */
public final class OpenAiChatParser {
  private static final Logger LOG = LoggerFactory.getLogger(OpenAiChatParser.class);

  private OpenAiChatParser() {}

  /**
   * @throws ChatException of kind {@code INVALID_REQUEST} for any malformed body
   */
  public static OpenAiChatCall parse(byte[] body) {
    JsonNode root = RequestJson.parseObject(body);
    String model = requiredString(root, "model", "");
    if (model.isBlank()) {
      throw ChatException.invalid("'model' must not be empty.", "model");
    }
    OptionalInt n = optionalInt(root, "n", "");
    if (n.isPresent() && n.getAsInt() > 1) {
      throw ChatException.invalid("Only n=1 is supported.", "n");
    }
    List<Message> messages = messages(requiredArray(root, "messages", ""));
    List<ToolSpec> tools = new ArrayList<>();
    optionalArray(root, "tools", "").ifPresent(a -> tools(a, "tools", tools));
    optionalArray(root, "functions", "").ifPresent(a -> tools(a, "functions", tools));
    Reasoning reasoning = reasoning(root);
    boolean stream = optionalBoolean(root, "stream", "");
    boolean includeUsage =
        optionalObject(root, "stream_options", "")
            .map(o -> optionalBoolean(o, "include_usage", "stream_options"))
            .orElse(false);
    return new OpenAiChatCall(
        new ChatRequest(model, "", messages, tools, reasoning), stream, includeUsage);
  }

  private static List<Message> messages(JsonNode array) {
    if (array.isEmpty()) {
      throw ChatException.invalid("'messages' must contain at least one message.", "messages");
    }
    List<Message> out = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      String p = index("messages", i);
      out.add(message(requireObject(array.get(i), p), p));
    }
    return out;
  }

  private static Message message(JsonNode m, String p) {
    String role = requiredString(m, "role", p);
    return switch (role) {
      case "system", "developer" ->
          Message.text(Role.SYSTEM, OpenAiContent.joinedText(m, p));
      case "assistant" -> assistant(m, p);
      case "tool" -> toolResult(m, p, requiredString(m, "tool_call_id", p));
      // legacy function results pair with legacy function_call by name (they have no ids)
      case "function" -> toolResult(m, p, requiredString(m, "name", p));
      // R1: any other role is treated as the user's [choice]
      default -> new Message(Role.USER, OpenAiContent.parts(m, p));
    };
  }

  private static Message assistant(JsonNode m, String p) {
    // reasoning_content is dropped (R2): it has no slot upstream
    List<ContentBlock> content = new ArrayList<>(OpenAiContent.parts(m, p));
    Optional<JsonNode> calls = optionalArray(m, "tool_calls", p);
    if (calls.isPresent()) {
      JsonNode a = calls.get();
      for (int i = 0; i < a.size(); i++) {
        String cp = index(path(p, "tool_calls"), i);
        JsonNode call = requireObject(a.get(i), cp);
        String id = requiredString(call, "id", cp);
        content.add(functionCall(id, requiredFunction(call, cp), path(cp, "function")));
      }
    }
    Optional<JsonNode> legacy = optionalObject(m, "function_call", p);
    if (legacy.isPresent()) {
      String fp = path(p, "function_call");
      content.add(functionCall(requiredString(legacy.get(), "name", fp), legacy.get(), fp));
    }
    return new Message(Role.ASSISTANT, content);
  }

  private static JsonNode requiredFunction(JsonNode call, String cp) {
    return optionalObject(call, "function", cp)
        .orElseThrow(() -> RequestJson.missing("function", cp, "an object"));
  }

  private static ContentBlock.ToolUse functionCall(String id, JsonNode fn, String fp) {
    String name = requiredString(fn, "name", fp);
    JsonNode args = field(fn, "arguments").orElse(null);
    return new ContentBlock.ToolUse(id, name, arguments(args));
  }

  /** Arguments are JSON text; anything that is not a JSON object becomes {@code {}}. */
  private static JsonNode arguments(JsonNode args) {
    JsonNode parsed = args;
    if (args != null && args.isTextual()) {
      parsed = RequestJson.tryParse(args.textValue()).orElse(null);
    }
    return parsed != null && parsed.isObject()
        ? parsed
        : RequestJson.mapper().createObjectNode();
  }

  private static Message toolResult(JsonNode m, String p, String toolCallId) {
    List<ContentBlock> content = OpenAiContent.parts(m, p);
    return new Message(Role.USER, List.of(new ContentBlock.ToolResult(toolCallId, content, false)));
  }

  private static void tools(JsonNode array, String name, List<ToolSpec> out) {
    for (int i = 0; i < array.size(); i++) {
      String p = index(name, i);
      JsonNode t = requireObject(array.get(i), p);
      Optional<JsonNode> fn = optionalObject(t, "function", p);
      if (fn.isPresent()) {
        out.add(tool(fn.get(), path(p, "function"), "parameters"));
      } else if (t.has("name")) {
        // Cursor's flat form (and legacy `functions` entries)
        out.add(tool(t, p, t.has("input_schema") ? "input_schema" : "parameters"));
      } else if ("function".equals(t.path("type").textValue())) {
        throw RequestJson.missing("function", p, "an object");
      } else {
        LOG.warn("Dropping tool {} of unsupported type {}", p, t.path("type").asText("?"));
      }
    }
  }

  private static ToolSpec tool(JsonNode fn, String p, String schemaField) {
    String name = requiredString(fn, "name", p);
    String description = optionalString(fn, "description", p).orElse("");
    JsonNode schema = field(fn, schemaField).orElse(RequestJson.nullNode());
    return new ToolSpec(name, description, schema);
  }

  private static Reasoning reasoning(JsonNode root) {
    OptionalInt maxCompletion = optionalInt(root, "max_completion_tokens", "");
    OptionalInt maxTokens = optionalInt(root, "max_tokens", "");
    Optional<String> effort = optionalString(root, "reasoning_effort", "");
    if (effort.isEmpty()) {
      effort =
          optionalObject(root, "reasoning", "")
              .flatMap(r -> optionalString(r, "effort", "reasoning"));
    }
    if (effort.isEmpty()) {
      return new Reasoning.Default();
    }
    return new Reasoning.Effort(effort.get(), maxCompletion.isPresent() ? maxCompletion : maxTokens);
  }
}
