package dev.kirogateway.sse;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kirogateway.chat.ChatException;
import java.io.IOException;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Reads client request JSON with errors that name the offending field ({@code messages[2].content})
 * and never show Jackson's own text. A JSON {@code null} counts as an absent field.
 */
public final class RequestJson {
  private static final ObjectMapper MAPPER =
      JsonMapper.builder(
              // Jackson's default buffer pool is per thread: on a virtual thread per request it
              // allocates new buffers per request and keeps them for the stream's life
              JsonFactory.builder()
                  .recyclerPool(JsonRecyclerPools.sharedConcurrentDequePool())
                  .build())
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  private RequestJson() {}

  /** The shared mapper (plain Jackson defaults plus trailing-token rejection). */
  public static ObjectMapper mapper() {
    return MAPPER;
  }

  /** Parses a request body that must be one JSON object. */
  public static ObjectNode parseObject(byte[] body) {
    JsonNode root;
    try {
      root = MAPPER.readTree(body);
    } catch (JsonProcessingException e) {
      throw ChatException.invalid("Request body is not valid JSON" + where(e) + ".", null);
    } catch (IOException e) {
      throw ChatException.invalid("Request body could not be read as JSON.", null);
    }
    if (root == null || root.isMissingNode()) {
      throw ChatException.invalid("Request body is empty; expected a JSON object.", null);
    }
    if (!(root instanceof ObjectNode object)) {
      throw ChatException.invalid("Request body must be a JSON object.", null);
    }
    return object;
  }

  /** Parses arbitrary JSON text, or empty when it is not valid JSON. */
  public static Optional<JsonNode> tryParse(String text) {
    try {
      JsonNode node = MAPPER.readTree(text);
      return node == null || node.isMissingNode() ? Optional.empty() : Optional.of(node);
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** {@code parent.field}, or just {@code field} at the top level. */
  public static String path(String parent, String field) {
    return parent.isEmpty() ? field : parent + "." + field;
  }

  /** {@code parent[i]}. */
  public static String index(String parent, int i) {
    return parent + "[" + i + "]";
  }

  /** The field's value, empty when absent or JSON null. */
  public static Optional<JsonNode> field(JsonNode object, String field) {
    JsonNode v = object.get(field);
    return v == null || v.isNull() ? Optional.empty() : Optional.of(v);
  }

  public static String requiredString(JsonNode object, String field, String parent) {
    return optionalString(object, field, parent)
        .orElseThrow(() -> missing(field, parent, "a string"));
  }

  public static Optional<String> optionalString(JsonNode object, String field, String parent) {
    Optional<JsonNode> v = field(object, field);
    if (v.isPresent() && !v.get().isTextual()) {
      throw wrongType(field, parent, "a string");
    }
    return v.map(JsonNode::textValue);
  }

  public static boolean optionalBoolean(JsonNode object, String field, String parent) {
    Optional<JsonNode> v = field(object, field);
    if (v.isPresent() && !v.get().isBoolean()) {
      throw wrongType(field, parent, "a boolean");
    }
    return v.map(JsonNode::booleanValue).orElse(false);
  }

  /** An integer field; fractional numbers and values outside the int range are rejected. */
  public static OptionalInt optionalInt(JsonNode object, String field, String parent) {
    Optional<JsonNode> v = field(object, field);
    if (v.isEmpty()) {
      return OptionalInt.empty();
    }
    JsonNode n = v.get();
    if (!n.isIntegralNumber() || !n.canConvertToInt()) {
      throw wrongType(field, parent, "an integer");
    }
    return OptionalInt.of(n.intValue());
  }

  public static JsonNode requiredArray(JsonNode object, String field, String parent) {
    return optionalArray(object, field, parent)
        .orElseThrow(() -> missing(field, parent, "an array"));
  }

  public static Optional<JsonNode> optionalArray(JsonNode object, String field, String parent) {
    Optional<JsonNode> v = field(object, field);
    if (v.isPresent() && !v.get().isArray()) {
      throw wrongType(field, parent, "an array");
    }
    return v;
  }

  public static Optional<JsonNode> optionalObject(JsonNode object, String field, String parent) {
    Optional<JsonNode> v = field(object, field);
    if (v.isPresent() && !v.get().isObject()) {
      throw wrongType(field, parent, "an object");
    }
    return v;
  }

  /** Checks that an array element is an object. */
  public static JsonNode requireObject(JsonNode node, String path) {
    if (!node.isObject()) {
      throw ChatException.invalid("'" + path + "' must be an object.", path);
    }
    return node;
  }

  /** A JSON null, for "the client gave no schema". */
  public static JsonNode nullNode() {
    return NullNode.getInstance();
  }

  public static ChatException missing(String field, String parent, String what) {
    String p = path(parent, field);
    return ChatException.invalid("'" + p + "' is required and must be " + what + ".", p);
  }

  public static ChatException wrongType(String field, String parent, String what) {
    String p = path(parent, field);
    return ChatException.invalid("'" + p + "' must be " + what + ".", p);
  }

  private static String where(JsonProcessingException e) {
    JsonLocation loc = e.getLocation();
    if (loc == null || loc.getLineNr() < 1) {
      return "";
    }
    return " (line " + loc.getLineNr() + ", column " + loc.getColumnNr() + ")";
  }
}
