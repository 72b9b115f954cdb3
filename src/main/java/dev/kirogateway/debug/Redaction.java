package dev.kirogateway.debug;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Removes secrets from captured headers and bodies. Pure: no I/O. */
final class Redaction {
  static final String REDACTED = "[redacted]";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> SECRET_HEADERS =
      Set.of("authorization", "x-api-key", "proxy-authorization", "cookie", "set-cookie");
  private static final Set<String> SECRET_FIELDS =
      Set.of("accesstoken", "refreshtoken", "clientsecret", "access_token", "refresh_token",
          "client_secret");
  // for bodies that are not JSON: "accessToken": "…" pairs and bearer tokens wherever they are
  private static final Pattern SECRET_PAIR =
      Pattern.compile(
          "(\"(?:accessToken|refreshToken|clientSecret|access_token|refresh_token|client_secret)\""
              + "\\s*:\\s*)\"(?:[^\"\\\\]|\\\\.)*\"");
  private static final Pattern BEARER = Pattern.compile("(?i)(bearer\\s+)[A-Za-z0-9._~+/=:-]+");

  private Redaction() {}

  static Map<String, String> headers(Map<String, String> headers) {
    Map<String, String> out = new LinkedHashMap<>();
    headers.forEach(
        (k, v) -> out.put(k, SECRET_HEADERS.contains(k.toLowerCase(Locale.ROOT)) ? REDACTED : v));
    return out;
  }

  /** The body with secret JSON fields replaced; pretty-printed when it is JSON. */
  static String body(byte[] body) {
    String text = new String(body, StandardCharsets.UTF_8);
    try {
      JsonNode tree = JSON.readTree(body);
      if (tree != null && tree.isContainerNode()) {
        redact(tree);
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(tree);
      }
    } catch (IOException notJson) {
      // fall through to the textual redaction
    }
    return text(text);
  }

  /** Textual redaction for anything that is not a JSON document (SSE, event-stream payloads). */
  static String text(String text) {
    String s = SECRET_PAIR.matcher(text).replaceAll("$1\"" + REDACTED + "\"");
    return BEARER.matcher(s).replaceAll("$1" + REDACTED);
  }

  private static void redact(JsonNode node) {
    if (node instanceof ObjectNode obj) {
      for (var field : obj.properties()) {
        if (SECRET_FIELDS.contains(field.getKey().toLowerCase(Locale.ROOT))) {
          obj.put(field.getKey(), REDACTED);
        } else {
          redact(field.getValue());
        }
      }
    } else if (node.isArray()) {
      node.forEach(Redaction::redact);
    }
  }
}
