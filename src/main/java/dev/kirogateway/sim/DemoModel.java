package dev.kirogateway.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The deterministic echo model of §11 item 32: answers from the last user text, calls a declared
 * tool when asked to ("call get_weather"), summarises tool results, and wraps a short reasoning in
 * {@code <thinking>} tags when the request carries the §4 R18 thinking prefix. Pure.
 */
final class DemoModel {
  static final Pattern THINKING_PREFIX =
      Pattern.compile(
          "^<thinking_mode>enabled</thinking_mode>\\n"
              + "<max_thinking_length>\\d+</max_thinking_length>\\n"
              + "<thinking_instruction>.*?</thinking_instruction>\\n"
              + "\\n",
          Pattern.DOTALL);
  private static final Pattern CALL =
      Pattern.compile("\\bcall\\s+([A-Za-z0-9_-]+)", Pattern.CASE_INSENSITIVE);
  private static final int[] PIECE_LENGTHS = {4, 7, 3, 9, 5, 6};
  private static final int ECHO_LIMIT = 200;

  private DemoModel() {}

  /** The reply to a (validated) request body. */
  static Scenario answer(JsonNode request) {
    JsonNode state = request.path("conversationState");
    JsonNode current = state.path("currentMessage").path("userInputMessage");
    String content = current.path("content").asText("");
    Matcher prefix = THINKING_PREFIX.matcher(content);
    boolean thinking = prefix.find();
    String userText = lastParagraph(thinking ? content.substring(prefix.end()) : content);
    JsonNode context = current.path("userInputMessageContext");
    StringBuilder reply = new StringBuilder();
    Optional<Scenario.Tool> tool = Optional.empty();
    JsonNode results = context.path("toolResults");
    if (results.isArray() && !results.isEmpty()) {
      String summary = summariseResults(results, state.path("history"));
      think(reply, thinking, "The tool answered; I will summarise its result for the user.");
      reply.append(summary).append(" Anything else I can do?");
    } else {
      tool = requestedTool(userText, context.path("tools"));
      if (tool.isPresent()) {
        String name = tool.get().name();
        think(reply, thinking, "The user asked me to call " + name + "; I will do that now.");
        reply.append("Sure, calling ").append(name).append(" now.");
      } else {
        think(
            reply, thinking, "The user said \"" + userText + "\". A short friendly echo will do.");
        reply
            .append("You said: \"")
            .append(userText)
            .append("\". This is the kiro-gateway demo model; no real model was called.");
      }
    }
    List<String> fragments = fragment(reply.toString());
    return tool.<Scenario>map(t -> new Scenario.ToolCalls(fragments, List.of(t)))
        .orElseGet(() -> new Scenario.Text(fragments));
  }

  private static void think(StringBuilder reply, boolean thinking, String thought) {
    if (thinking) {
      reply.append("<thinking>").append(thought).append("</thinking>\n\n");
    }
  }

  /** The last non-blank paragraph (a system prompt may sit in front of the user text, §4 R7). */
  static String lastParagraph(String text) {
    String[] paragraphs = text.strip().split("\\n\\s*\\n");
    String last = paragraphs[paragraphs.length - 1].strip();
    if (last.codePointCount(0, last.length()) > ECHO_LIMIT) {
      last = last.substring(0, last.offsetByCodePoints(0, ECHO_LIMIT)) + "…";
    }
    return last;
  }

  private static Optional<Scenario.Tool> requestedTool(String userText, JsonNode tools) {
    Matcher m = CALL.matcher(userText);
    while (m.find()) {
      String wanted = m.group(1);
      for (JsonNode t : tools) {
        JsonNode spec = t.path("toolSpecification");
        if (spec.path("name").asText().equals(wanted)) {
          String input = Json.write(arguments(spec.path("inputSchema").path("json")));
          String id = "tooluse_" + hash(userText + "|" + wanted).substring(0, 22);
          int cut = input.offsetByCodePoints(0, input.codePointCount(0, input.length()) / 2);
          return Optional.of(
              Scenario.Tool.of(id, wanted, input.substring(0, cut), input.substring(cut)));
        }
      }
    }
    return Optional.empty();
  }

  /** Plausible arguments: a value for every required property, shaped by its type. */
  static ObjectNode arguments(JsonNode schema) {
    ObjectNode args = Json.object();
    JsonNode props = schema.path("properties");
    for (JsonNode required : schema.path("required")) {
      String name = required.asText();
      JsonNode prop = props.path(name);
      JsonNode enumValues = prop.path("enum");
      if (enumValues.isArray() && !enumValues.isEmpty()) {
        args.set(name, enumValues.get(0));
        continue;
      }
      switch (prop.path("type").asText("string")) {
        case "integer", "number" -> args.put(name, 1);
        case "boolean" -> args.put(name, true);
        case "array" -> args.putArray(name);
        case "object" -> args.putObject(name);
        default -> args.put(name, name.equalsIgnoreCase("city") ? "Paris" : "example");
      }
    }
    return args;
  }

  private static String summariseResults(JsonNode results, JsonNode history) {
    StringBuilder out = new StringBuilder();
    for (JsonNode r : results) {
      String id = r.path("toolUseId").asText();
      StringBuilder text = new StringBuilder();
      r.path("content").forEach(c -> text.append(c.path("text").asText()));
      String snippet = lastParagraph(text.toString().isBlank() ? "(nothing)" : text.toString());
      if (!out.isEmpty()) {
        out.append(' ');
      }
      out.append("The tool ")
          .append(toolName(id, history))
          .append(r.path("status").asText().equals("error") ? " failed with: " : " returned: ")
          .append(snippet)
          .append('.');
    }
    return out.toString();
  }

  private static String toolName(String id, JsonNode history) {
    for (JsonNode entry : history) {
      for (JsonNode use : entry.path("assistantResponseMessage").path("toolUses")) {
        if (use.path("toolUseId").asText().equals(id)) {
          return use.path("name").asText();
        }
      }
    }
    return id;
  }

  /** Small pieces of varying length, so tags and multi-byte characters get split too. */
  static List<String> fragment(String text) {
    List<String> out = new ArrayList<>();
    int i = 0;
    int n = 0;
    while (i < text.length()) {
      int available = text.codePointCount(i, text.length());
      int len = Math.min(PIECE_LENGTHS[n++ % PIECE_LENGTHS.length], available);
      int end = text.offsetByCodePoints(i, len);
      out.add(text.substring(i, end));
      i = end;
    }
    return out;
  }

  private static String hash(String s) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }
}
