package dev.kirogateway.kiro;

import static dev.kirogateway.kiro.KiroRequestBuilder.*;

import dev.kirogateway.chat.ChatRequest;
import dev.kirogateway.chat.ContentBlock;
import dev.kirogateway.chat.Message;
import dev.kirogateway.chat.Role;
import dev.kirogateway.kiro.Turn.Img;
import dev.kirogateway.kiro.Turn.Res;
import dev.kirogateway.kiro.Turn.Use;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** R1, R2, R16 and R21: the client's messages as turns plus the system text. */
record Conversation(String system, List<Turn> turns) {
  private static final Logger LOG = LoggerFactory.getLogger(Conversation.class);

  static Conversation parse(ChatRequest request, RequestSettings settings) {
    String system = settings.stripBillingHeader()
        ? stripBilling(request.system())
        : request.system();
    List<Turn> turns = new ArrayList<>();
    for (Message m : request.messages()) {
      if (m.role() == Role.SYSTEM && turns.isEmpty()) {
        String text = flatten(m.content());
        if (settings.stripBillingHeader()) {
          text = stripBilling(text);
        }
        system = text.isEmpty() ? system : system.isEmpty() ? text : system + "\n\n" + text;
      } else {
        turns.add(turn(m, settings));
      }
    }
    return new Conversation(system, turns);
  }

  private static Turn turn(Message m, RequestSettings settings) {
    Turn t = new Turn(m.role() != Role.ASSISTANT);
    for (ContentBlock block : m.content()) {
      switch (block) {
        case ContentBlock.Text x -> t.appendLine(x.text());
        case ContentBlock.Image img -> image(t, img, t::appendLine);
        case ContentBlock.RemoteImage r -> {
          if (t.user) {
            t.appendLine(URL_IMAGE_NOTE);
          }
        }
        case ContentBlock.ToolUse u -> t.uses.add(new Use(upstreamToolUseId(u.id()),
            upstreamToolName(u.name()), u.id(), u.name(),
            u.input().isObject() ? u.input() : JSON.createObjectNode()));
        case ContentBlock.ToolResult r -> t.results.add(result(t, r, settings));
        case ContentBlock.Thinking th -> LOG.debug("Dropped a thinking block from history");
      }
    }
    return t;
  }

  // Images of a result move to the user message (R16); their notes stay with the result text.
  private static Res result(Turn t, ContentBlock.ToolResult r, RequestSettings settings) {
    StringBuilder text = new StringBuilder();
    java.util.function.Consumer<String> line =
        s -> text.append(text.isEmpty() ? "" : "\n").append(s);
    for (ContentBlock c : r.content()) {
      switch (c) {
        case ContentBlock.Text x -> line.accept(x.text());
        case ContentBlock.Image img -> image(t, img, line);
        case ContentBlock.RemoteImage u -> line.accept(URL_IMAGE_NOTE);
        default -> LOG.debug("Dropped a {} block inside a tool result", c.getClass().getName());
      }
    }
    String body = text.isEmpty() ? settings.emptyResultPlaceholder() : text.toString();
    return new Res(upstreamToolUseId(r.toolUseId()), r.toolUseId(), body, r.isError());
  }

  private static void image(
      Turn t, ContentBlock.Image img, java.util.function.Consumer<String> note) {
    if (!t.user) {
      LOG.debug("Dropped an image from an assistant message");
      return;
    }
    Optional<String> format = imageFormat(img.mediaType());
    if (format.isEmpty()) {
      note.accept("[image omitted: unsupported type " + img.mediaType() + "]");
      return;
    }
    String data = img.base64();
    int comma = data.indexOf(',');
    if (data.startsWith("data:") && comma > 0) {
      data = data.substring(comma + 1);
    }
    data = data.replaceAll("\\s+", "");
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(data);
    } catch (IllegalArgumentException e) {
      bytes = new byte[0];
    }
    if (bytes.length == 0) {
      note.accept(BAD_IMAGE_NOTE);
      return;
    }
    if (data.length() % 4 != 0) {
      data = Base64.getEncoder().encodeToString(bytes); // canonical padding
    }
    t.images.add(new Img(format.get(), data, TokenCounter.imageTokens(bytes)));
  }

  /** R16: the Kiro format for a media type, empty when Kiro cannot take it. */
  static Optional<String> imageFormat(String mediaType) {
    String m = mediaType.strip().toLowerCase(Locale.ROOT);
    int semi = m.indexOf(';');
    m = semi >= 0 ? m.substring(0, semi).strip() : m;
    String f = m.substring(m.indexOf('/') + 1);
    f = f.equals("jpg") ? "jpeg" : f;
    return Set.of("png", "jpeg", "gif", "webp").contains(f) ? Optional.of(f) : Optional.empty();
  }

  private static String flatten(List<ContentBlock> blocks) {
    StringBuilder b = new StringBuilder();
    for (ContentBlock c : blocks) {
      if (c instanceof ContentBlock.Text t) {
        b.append(b.isEmpty() ? "" : "\n").append(t.text());
      }
    }
    return b.toString();
  }

  /** R21: Claude Code's per-request billing line would make every prompt prefix unique. */
  static String stripBilling(String text) {
    String s = text.stripLeading();
    if (!s.startsWith(BILLING_PREFIX)) {
      return text;
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? "" : s.substring(nl + 1).stripLeading();
  }
}
