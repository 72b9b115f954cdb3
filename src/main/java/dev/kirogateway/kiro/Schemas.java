package dev.kirogateway.kiro;

import static dev.kirogateway.kiro.KiroRequestBuilder.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Set;

/** R15: JSON Schema cleanup that walks keywords, never property names. */
final class Schemas {
  private static final Set<String> SCHEMA_VALUED = Set.of("items", "not", "if", "then", "else",
      "contains", "additionalItems", "propertyNames", "unevaluatedItems",
      "unevaluatedProperties");
  private static final Set<String> SCHEMA_ARRAYS = Set.of("anyOf", "oneOf", "allOf",
      "prefixItems");
  private static final Set<String> SCHEMA_MAPS = Set.of("properties", "$defs", "definitions",
      "patternProperties", "dependentSchemas");

  private Schemas() {}

  static ObjectNode root(JsonNode schema) {
    if (!schema.isObject()) {
      ObjectNode o = JSON.createObjectNode();
      o.put("type", "object");
      return o;
    }
    ObjectNode cleaned = (ObjectNode) clean(schema);
    if (!cleaned.has("type")) {
      ObjectNode o = JSON.createObjectNode();
      o.put("type", "object");
      o.setAll(cleaned);
      return o;
    }
    return cleaned;
  }

  static JsonNode clean(JsonNode schema) {
    if (!schema.isObject()) {
      return schema; // boolean schemas and the like stay as they are
    }
    ObjectNode out = JSON.createObjectNode();
    for (Map.Entry<String, JsonNode> e : schema.properties()) {
      String key = e.getKey();
      JsonNode v = e.getValue();
      switch (key) {
        case "additionalProperties", "$schema" -> { }
        case "required" -> {
          if (!(v.isArray() && v.isEmpty())) {
            out.set(key, v);
          }
        }
        default -> {
          JsonNode c = cleanKeyword(key, v);
          if (!(key.equals("properties") && c.isObject() && c.isEmpty())) {
            out.set(key, c);
          }
        }
      }
    }
    return out;
  }

  private static JsonNode cleanKeyword(String key, JsonNode v) {
    if (SCHEMA_MAPS.contains(key) && v.isObject()) {
      ObjectNode map = JSON.createObjectNode();
      v.properties().forEach(p -> map.set(p.getKey(), clean(p.getValue())));
      return map;
    }
    if ((SCHEMA_ARRAYS.contains(key) || key.equals("items")) && v.isArray()) {
      ArrayNode arr = JSON.createArrayNode();
      v.forEach(x -> arr.add(clean(x)));
      return arr;
    }
    return SCHEMA_VALUED.contains(key) ? clean(v) : v;
  }
}
