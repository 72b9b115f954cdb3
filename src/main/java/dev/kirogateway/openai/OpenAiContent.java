package dev.kirogateway.openai;

import static dev.kirogateway.sse.RequestJson.field;
import static dev.kirogateway.sse.RequestJson.index;
import static dev.kirogateway.sse.RequestJson.path;
import static dev.kirogateway.sse.RequestJson.requiredString;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kirogateway.chat.ChatException;
import dev.kirogateway.chat.ContentBlock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Message {@code content}: a string, null, or an array of typed parts. */
final class OpenAiContent {
  private static final Logger LOG = LoggerFactory.getLogger(OpenAiContent.class);

  private OpenAiContent() {}

  /** System content: all text joined with {@code \n} (R1: never the array as JSON text). */
  static String joinedText(JsonNode m, String p) {
    StringBuilder sb = new StringBuilder();
    for (ContentBlock b : parts(m, p)) {
      if (b instanceof ContentBlock.Text t) {
        if (!sb.isEmpty()) {
          sb.append('\n');
        }
        sb.append(t.text());
      }
    }
    return sb.toString();
  }

  /** The message's content as blocks: Text, Image and RemoteImage only. */
  static List<ContentBlock> parts(JsonNode m, String p) {
    String cp = path(p, "content");
    Optional<JsonNode> content = field(m, "content");
    if (content.isEmpty()) {
      return List.of();
    }
    JsonNode c = content.get();
    if (c.isTextual()) {
      return List.of(new ContentBlock.Text(c.textValue()));
    }
    if (!c.isArray()) {
      throw ChatException.invalid("'" + cp + "' must be a string, an array of parts or null.", cp);
    }
    List<ContentBlock> out = new ArrayList<>(c.size());
    for (int i = 0; i < c.size(); i++) {
      part(c.get(i), index(cp, i)).ifPresent(out::add);
    }
    return out;
  }

  private static Optional<ContentBlock> part(JsonNode part, String pp) {
    if (part.isTextual()) {
      return Optional.of(new ContentBlock.Text(part.textValue()));
    }
    if (!part.isObject()) {
      throw ChatException.invalid("'" + pp + "' must be an object.", pp);
    }
    String type = requiredString(part, "type", pp);
    return switch (type) {
      case "text", "input_text", "output_text" ->
          Optional.of(new ContentBlock.Text(requiredString(part, "text", pp)));
      case "refusal" -> Optional.of(new ContentBlock.Text(requiredString(part, "refusal", pp)));
      case "image_url" -> Optional.of(image(part, pp));
      default -> {
        LOG.debug("Dropping content part {} of unsupported type {}", pp, type);
        yield Optional.empty();
      }
    };
  }

  private static ContentBlock image(JsonNode part, String pp) {
    String ip = path(pp, "image_url");
    JsonNode img =
        field(part, "image_url").orElseThrow(() -> missingImage(ip));
    String url;
    if (img.isTextual()) {
      url = img.textValue();
    } else if (img.isObject()) {
      url = requiredString(img, "url", ip);
    } else {
      throw missingImage(ip);
    }
    return imageFromUrl(url, path(ip, "url"));
  }

  /** R16: data URLs and bare base64 become inline images; http(s) URLs are kept as URLs. */
  static ContentBlock imageFromUrl(String url, String up) {
    if (url.startsWith("data:")) {
      int comma = url.indexOf(',');
      if (comma < 0) {
        throw ChatException.invalid("'" + up + "' is a data URL without data.", up);
      }
      String header = url.substring(5, comma);
      int semi = header.indexOf(';');
      String mediaType = semi < 0 ? header : header.substring(0, semi);
      return new ContentBlock.Image(
          mediaType.isEmpty() ? "image/jpeg" : mediaType, url.substring(comma + 1));
    }
    if (url.startsWith("http://") || url.startsWith("https://")) {
      return new ContentBlock.RemoteImage(url);
    }
    return new ContentBlock.Image("image/jpeg", url);
  }

  private static ChatException missingImage(String ip) {
    return ChatException.invalid(
        "'" + ip + "' is required and must be an object with a 'url' string.", ip);
  }
}
