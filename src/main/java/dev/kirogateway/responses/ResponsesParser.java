package dev.kirogateway.responses;

import static dev.kirogateway.sse.RequestJson.field;
import static dev.kirogateway.sse.RequestJson.index;
import static dev.kirogateway.sse.RequestJson.optionalArray;
import static dev.kirogateway.sse.RequestJson.optionalBoolean;
import static dev.kirogateway.sse.RequestJson.optionalInt;
import static dev.kirogateway.sse.RequestJson.optionalObject;
import static dev.kirogateway.sse.RequestJson.optionalString;
import static dev.kirogateway.sse.RequestJson.path;
import static dev.kirogateway.sse.RequestJson.requireObject;
import static dev.kirogateway.sse.RequestJson.requiredString;
import static dev.kirogateway.sse.RequestJson.wrongType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.kirogateway.chat.ChatException;
import dev.kirogateway.chat.ToolSpec;
import dev.kirogateway.sse.RequestJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Parses a Responses API request body. Fields the gateway cannot use are ignored; wrong types fail
 * with the field's path. Input items are checked here too (see {@link InputItems}), so a stored
 * conversation never holds an item that cannot be read back.
 */
final class ResponsesParser {
  private static final Logger LOG = LoggerFactory.getLogger(ResponsesParser.class);
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private ResponsesParser() {}

  /**
   * @throws ChatException of kind {@code INVALID_REQUEST} for any malformed body
   */
  static ResponsesRequest parse(byte[] body) {
    JsonNode root = RequestJson.parseObject(body);
    String model = optionalString(root, "model", "").orElse("");
    ArrayNode input = input(root);
    InputItems.toMessages(input, "input");
    List<ToolSpec> tools = new ArrayList<>();
    ArrayNode echo = NODES.arrayNode();
    optionalArray(root, "tools", "").ifPresent(a -> tools(a, tools, echo));
    String effort =
        optionalObject(root, "reasoning", "")
            .flatMap(r -> optionalString(r, "effort", "reasoning"))
            .orElse("");
    OptionalInt maxOutput = optionalInt(root, "max_output_tokens", "");
    if (maxOutput.isPresent() && maxOutput.getAsInt() < 1) {
      throw ChatException.invalid(
          "'max_output_tokens' must be a positive integer.", "max_output_tokens");
    }
    return new ResponsesRequest(
        model,
        optionalString(root, "instructions", "").orElse(""),
        input,
        tools,
        echo,
        toolChoice(root),
        effort,
        maxOutput,
        optionalBoolean(root, "stream", ""),
        booleanOr(root, "store", true),
        optionalString(root, "previous_response_id", "").orElse(""),
        number(root, "temperature"),
        number(root, "top_p"),
        booleanOr(root, "parallel_tool_calls", true),
        optionalObject(root, "metadata", "").map(m -> (ObjectNode) m.deepCopy())
            .orElseGet(NODES::objectNode));
  }

  /** {@code input}: a string (one user message) or an array of items; absent means none. */
  private static ArrayNode input(JsonNode root) {
    Optional<JsonNode> v = field(root, "input");
    if (v.isEmpty()) {
      return NODES.arrayNode();
    }
    JsonNode in = v.get();
    if (in.isTextual()) {
      ArrayNode items = NODES.arrayNode();
      ObjectNode m = items.addObject();
      m.put("type", "message");
      m.put("role", "user");
      ObjectNode part = m.putArray("content").addObject();
      part.put("type", "input_text");
      part.put("text", in.textValue());
      return items;
    }
    if (!in.isArray()) {
      throw ChatException.invalid("'input' must be a string or an array of input items.", "input");
    }
    return (ArrayNode) in.deepCopy();
  }

  private static void tools(JsonNode array, List<ToolSpec> out, ArrayNode echo) {
    for (int i = 0; i < array.size(); i++) {
      String p = index("tools", i);
      JsonNode t = requireObject(array.get(i), p);
      String type = requiredString(t, "type", p);
      if (!"function".equals(type)) {
        LOG.debug("Ignoring tool {} of unsupported type {}", p, type);
        continue;
      }
      String name = requiredString(t, "name", p);
      Optional<String> description = optionalString(t, "description", p);
      JsonNode parameters = optionalObject(t, "parameters", p).orElse(RequestJson.nullNode());
      out.add(new ToolSpec(name, description.orElse(""), parameters));
      ObjectNode e = echo.addObject();
      e.put("type", "function");
      e.put("name", name);
      if (description.isPresent()) {
        e.put("description", description.get());
      } else {
        e.putNull("description");
      }
      e.set("parameters", parameters.deepCopy());
      Optional<JsonNode> strict = field(t, "strict");
      if (strict.isPresent() && !strict.get().isBoolean()) {
        throw wrongType("strict", p, "a boolean");
      }
      e.set("strict", strict.isPresent() ? strict.get().deepCopy() : NODES.nullNode());
    }
  }

  private static JsonNode toolChoice(JsonNode root) {
    Optional<JsonNode> v = field(root, "tool_choice");
    if (v.isEmpty()) {
      return TextNode.valueOf("auto");
    }
    if (!v.get().isTextual() && !v.get().isObject()) {
      throw wrongType("tool_choice", "", "a string or an object");
    }
    return v.get().deepCopy();
  }

  private static boolean booleanOr(JsonNode root, String name, boolean absent) {
    return field(root, name).isPresent() ? optionalBoolean(root, name, "") : absent;
  }

  private static OptionalDouble number(JsonNode root, String name) {
    Optional<JsonNode> v = field(root, name);
    if (v.isEmpty()) {
      return OptionalDouble.empty();
    }
    if (!v.get().isNumber()) {
      throw wrongType(name, "", "a number");
    }
    return OptionalDouble.of(v.get().doubleValue());
  }
}
