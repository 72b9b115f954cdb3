package dev.kirogateway.sim;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** The simulator's one Jackson mapper and a few helpers. */
final class Json {
  static final ObjectMapper MAPPER =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private Json() {}

  static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  /** Parses a body; empty when it is not exactly one JSON value. */
  static Optional<JsonNode> parse(byte[] body) {
    try {
      JsonNode node = MAPPER.readTree(body);
      return node == null || node.isMissingNode() ? Optional.empty() : Optional.of(node);
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  static String write(JsonNode node) {
    try {
      return MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise a JSON tree", e);
    }
  }

  static byte[] compactBytes(JsonNode node) {
    return write(node).getBytes(StandardCharsets.UTF_8);
  }

  /** A Kiro HTTP error body {@code {"message":…,"reason":…}}; a null reason stays JSON null. */
  static String errorBody(String message, String reason) {
    ObjectNode o = object();
    o.put("message", message);
    if (reason == null) {
      o.putNull("reason");
    } else {
      o.put("reason", reason);
    }
    return write(o);
  }
}
