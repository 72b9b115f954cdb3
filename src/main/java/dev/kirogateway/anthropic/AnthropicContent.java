package dev.kirogateway.anthropic;

import static dev.kirogateway.sse.RequestJson.field;
import static dev.kirogateway.sse.RequestJson.index;
import static dev.kirogateway.sse.RequestJson.optionalObject;
import static dev.kirogateway.sse.RequestJson.optionalString;
import static dev.kirogateway.sse.RequestJson.path;
import static dev.kirogateway.sse.RequestJson.requiredString;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kirogateway.chat.ChatException;
import dev.kirogateway.chat.ContentBlock;
import dev.kirogateway.sse.RequestJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Message {@code content}: a string or an array of typed blocks. */
final class AnthropicContent {
  private static final Logger LOG = LoggerFactory.getLogger(AnthropicContent.class);

  private AnthropicContent() {}

  static List<ContentBlock> blocks(JsonNode m, String p) {
    if (field(m, "content").isEmpty()) {
      throw RequestJson.missing("content", p, "a string or an array of content blocks");
    }
    return content(m, p, AnthropicContent::block);
  }

  /**
   * A {@code content} field that is a string (one text block) or an array of blocks, each read
   * by {@code reader}; absent means no blocks.
   */
  private static List<ContentBlock> content(
      JsonNode owner, String p, BiFunction<JsonNode, String, Optional<ContentBlock>> reader) {
    String cp = path(p, "content");
    Optional<JsonNode> content = field(owner, "content");
    if (content.isEmpty()) {
      return List.of();
    }
    JsonNode c = content.get();
    if (c.isTextual()) {
      return List.of(new ContentBlock.Text(c.textValue()));
    }
    if (!c.isArray()) {
      throw ChatException.invalid(
          "'" + cp + "' must be a string or an array of content blocks.", cp);
    }
    List<ContentBlock> out = new ArrayList<>(c.size());
    for (int i = 0; i < c.size(); i++) {
      reader.apply(c.get(i), index(cp, i)).ifPresent(out::add);
    }
    return out;
  }

  private static Optional<ContentBlock> block(JsonNode b, String bp) {
    RequestJson.requireObject(b, bp);
    String type = requiredString(b, "type", bp);
    return switch (type) {
      case "text" -> Optional.of(new ContentBlock.Text(requiredString(b, "text", bp)));
      case "image" -> image(b, bp);
      case "tool_use" -> Optional.of(toolUse(b, bp));
      case "tool_result" -> Optional.of(toolResult(b, bp));
      case "thinking" ->
          Optional.of(new ContentBlock.Thinking(optionalString(b, "thinking", bp).orElse("")));
      default -> {
        // R2: redacted_thinking, server_tool_use, web_search_tool_result, document,
        // search_result, ... have no upstream slot; accepting them keeps clients working
        LOG.debug("Dropping content block {} of type {}", bp, type);
        yield Optional.empty();
      }
    };
  }

  private static Optional<ContentBlock> image(JsonNode b, String bp) {
    JsonNode source =
        optionalObject(b, "source", bp)
            .orElseThrow(() -> RequestJson.missing("source", bp, "an object"));
    String sp = path(bp, "source");
    String type = requiredString(source, "type", sp);
    return switch (type) {
      case "base64" ->
          Optional.of(
              new ContentBlock.Image(
                  requiredString(source, "media_type", sp), requiredString(source, "data", sp)));
      case "url" -> Optional.of(new ContentBlock.RemoteImage(requiredString(source, "url", sp)));
      default -> {
        LOG.debug("Dropping image {} with source type {}", bp, type);
        yield Optional.empty();
      }
    };
  }

  private static ContentBlock toolUse(JsonNode b, String bp) {
    String id = requiredString(b, "id", bp);
    String name = requiredString(b, "name", bp);
    JsonNode input = field(b, "input").orElse(null);
    if (input == null || !input.isObject()) {
      input = RequestJson.mapper().createObjectNode();
    }
    return new ContentBlock.ToolUse(id, name, input);
  }

  private static ContentBlock toolResult(JsonNode b, String bp) {
    String id = requiredString(b, "tool_use_id", bp);
    boolean isError = RequestJson.optionalBoolean(b, "is_error", bp);
    return new ContentBlock.ToolResult(id, resultContent(b, bp), isError);
  }

  private static List<ContentBlock> resultContent(JsonNode b, String bp) {
    return content(b, bp, AnthropicContent::resultBlock);
  }

  private static Optional<ContentBlock> resultBlock(JsonNode b, String bp) {
    RequestJson.requireObject(b, bp);
    String type = requiredString(b, "type", bp);
    return switch (type) {
      case "text" -> Optional.of(new ContentBlock.Text(requiredString(b, "text", bp)));
      case "image" -> image(b, bp);
      // Claude Code's tool search returns references to deferred tools: keep the name as text
      case "tool_reference" ->
          Optional.of(
              new ContentBlock.Text(
                  "[tool reference: " + requiredString(b, "tool_name", bp) + "]"));
      default -> {
        LOG.debug("Dropping tool result block {} of type {}", bp, type);
        yield Optional.empty();
      }
    };
  }
}
