package dev.kirogateway.chat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Objects;

/** One piece of a message. Closed set: encoders switch over it without a default branch. */
public sealed interface ContentBlock {

  /** Plain text. */
  record Text(String text) implements ContentBlock {
    public Text {
      Objects.requireNonNull(text, "text");
    }
  }

  /**
   * An inline image: {@code mediaType} such as {@code image/png}, {@code base64} the data without
   * any {@code data:} prefix (not yet validated).
   */
  record Image(String mediaType, String base64) implements ContentBlock {
    public Image {
      Objects.requireNonNull(mediaType, "mediaType");
      Objects.requireNonNull(base64, "base64");
    }
  }

  /** An image given by URL; the gateway does not fetch these (it replaces them by a note). */
  record RemoteImage(String url) implements ContentBlock {
    public RemoteImage {
      Objects.requireNonNull(url, "url");
    }
  }

  /**
   * A tool call made by the assistant. {@code input} is the parsed JSON arguments (an object when
   * the client sent valid JSON; parsers turn unparseable arguments into an empty object).
   */
  record ToolUse(String id, String name, JsonNode input) implements ContentBlock {
    public ToolUse {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(input, "input");
    }
  }

  /** The result of a tool call, sent by the client. {@code content} holds only Text and Image. */
  record ToolResult(String toolUseId, List<ContentBlock> content, boolean isError)
      implements ContentBlock {
    public ToolResult {
      Objects.requireNonNull(toolUseId, "toolUseId");
      content = List.copyOf(content);
    }
  }

  /** Reasoning echoed back by a client in history. Never sent upstream (no genuine signature). */
  record Thinking(String text) implements ContentBlock {
    public Thinking {
      Objects.requireNonNull(text, "text");
    }
  }
}
