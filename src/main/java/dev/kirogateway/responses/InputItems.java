package dev.kirogateway.responses;

import static dev.kirogateway.sse.RequestJson.field;
import static dev.kirogateway.sse.RequestJson.index;
import static dev.kirogateway.sse.RequestJson.optionalString;
import static dev.kirogateway.sse.RequestJson.path;
import static dev.kirogateway.sse.RequestJson.requireObject;
import static dev.kirogateway.sse.RequestJson.requiredString;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kirogateway.chat.ChatException;
import dev.kirogateway.chat.ContentBlock;
import dev.kirogateway.chat.Message;
import dev.kirogateway.chat.Role;
import dev.kirogateway.sse.RequestJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Responses API input items as canonical messages: one message per item (the upstream dialect
 * merges adjacent turns of one role). Reasoning items are dropped: their content has no genuine
 * upstream signature. Unknown item and part types are dropped with a debug log.
 */
final class InputItems {
  private static final Logger LOG = LoggerFactory.getLogger(InputItems.class);

  private InputItems() {}

  /**
   * @param items a JSON array of input (or stored output) items
   * @param p the array's path for error messages
   */
  static List<Message> toMessages(JsonNode items, String p) {
    List<Message> out = new ArrayList<>(items.size());
    for (int i = 0; i < items.size(); i++) {
      String ip = index(p, i);
      item(requireObject(items.get(i), ip), ip).ifPresent(out::add);
    }
    return out;
  }

  private static Optional<Message> item(JsonNode item, String p) {
    String type = optionalString(item, "type", p).orElse(item.has("role") ? "message" : "");
    return switch (type) {
      case "message" -> message(item, p);
      case "function_call" -> Optional.of(functionCall(item, p));
      case "function_call_output" -> Optional.of(functionOutput(item, p));
      case "reasoning" -> Optional.empty();
      case "" -> throw RequestJson.missing("type", p, "a string");
      default -> {
        LOG.debug("Dropping input item {} of unsupported type {}", p, type);
        yield Optional.empty();
      }
    };
  }

  private static Optional<Message> message(JsonNode item, String p) {
    String role = requiredString(item, "role", p);
    Role r =
        switch (role) {
          case "user" -> Role.USER;
          case "assistant" -> Role.ASSISTANT;
          case "system", "developer" -> Role.SYSTEM;
          default -> {
            String rp = path(p, "role");
            throw ChatException.invalid(
                "'" + rp + "' must be one of user, assistant, system, developer.", rp);
          }
        };
    List<ContentBlock> content = content(item, "content", p);
    return content.isEmpty() ? Optional.empty() : Optional.of(new Message(r, content));
  }

  private static Message functionCall(JsonNode item, String p) {
    String callId = requiredString(item, "call_id", p);
    String name = requiredString(item, "name", p);
    String args = optionalString(item, "arguments", p).orElse("{}");
    JsonNode parsed = RequestJson.tryParse(args).filter(JsonNode::isObject)
        .orElseGet(() -> RequestJson.mapper().createObjectNode());
    return new Message(Role.ASSISTANT, List.of(new ContentBlock.ToolUse(callId, name, parsed)));
  }

  private static Message functionOutput(JsonNode item, String p) {
    String callId = requiredString(item, "call_id", p);
    if (field(item, "output").isEmpty()) {
      throw RequestJson.missing("output", p, "a string or an array of content parts");
    }
    List<ContentBlock> content = content(item, "output", p);
    return new Message(Role.USER, List.of(new ContentBlock.ToolResult(callId, content, false)));
  }

  /** A string or an array of typed parts; absent means no content. */
  private static List<ContentBlock> content(JsonNode item, String name, String p) {
    String cp = path(p, name);
    Optional<JsonNode> v = field(item, name);
    if (v.isEmpty()) {
      return List.of();
    }
    JsonNode c = v.get();
    if (c.isTextual()) {
      return List.of(new ContentBlock.Text(c.textValue()));
    }
    if (!c.isArray()) {
      throw ChatException.invalid("'" + cp + "' must be a string or an array of parts.", cp);
    }
    List<ContentBlock> out = new ArrayList<>(c.size());
    for (int i = 0; i < c.size(); i++) {
      String pp = index(cp, i);
      part(requireObject(c.get(i), pp), pp).ifPresent(out::add);
    }
    return out;
  }

  private static Optional<ContentBlock> part(JsonNode part, String pp) {
    String type = requiredString(part, "type", pp);
    return switch (type) {
      case "input_text", "output_text", "text" ->
          Optional.of(new ContentBlock.Text(requiredString(part, "text", pp)));
      case "refusal" -> Optional.of(new ContentBlock.Text(requiredString(part, "refusal", pp)));
      case "input_image" -> image(part, pp);
      default -> {
        LOG.debug("Dropping content part {} of unsupported type {}", pp, type);
        yield Optional.empty();
      }
    };
  }

  /** {@code image_url} is a data URL (inline image) or an http(s) URL (kept as a URL). */
  private static Optional<ContentBlock> image(JsonNode part, String pp) {
    Optional<String> url = optionalString(part, "image_url", pp);
    if (url.isEmpty()) {
      // file_id images live in OpenAI's file store, which the gateway does not have
      LOG.debug("Dropping image {} without image_url", pp);
      return Optional.empty();
    }
    String u = url.get();
    String up = path(pp, "image_url");
    if (u.startsWith("data:")) {
      int comma = u.indexOf(',');
      if (comma < 0) {
        throw ChatException.invalid("'" + up + "' is a data URL without data.", up);
      }
      String header = u.substring(5, comma);
      int semi = header.indexOf(';');
      String mediaType = semi < 0 ? header : header.substring(0, semi);
      return Optional.of(new ContentBlock.Image(
          mediaType.isEmpty() ? "image/jpeg" : mediaType, u.substring(comma + 1)));
    }
    if (u.startsWith("http://") || u.startsWith("https://")) {
      return Optional.of(new ContentBlock.RemoteImage(u));
    }
    throw ChatException.invalid("'" + up + "' must be a data: URL or an http(s) URL.", up);
  }
}
