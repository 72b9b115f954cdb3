package dev.kirogateway.kiro;

import dev.kirogateway.chat.ChatEvent;
import dev.kirogateway.chat.ChatRequest;
import dev.kirogateway.chat.ReplySink;
import dev.kirogateway.chat.StopReason;
import dev.kirogateway.chat.ContentBlock;
import dev.kirogateway.chat.Message;
import dev.kirogateway.chat.Role;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Remembers replies that Kiro cut off, so that when the client sends the conversation back, the
 * model is told its previous output was incomplete (TRUNCATION_RECOVERY). Clients resend history
 * but do not know it was cut; without the note the model assumes its half-written tool call ran.
 * Bounded, in memory: a restart only loses the note.
 */
final class TruncationMemory {
  static final String NOTE =
      "[kiro-gateway: your previous reply was cut off by the service before it was complete"
          + " (output limit).%s Continue from where it stopped, and keep each step smaller so it"
          + " fits.]";
  private static final int CAPACITY = 4096;

  private final Map<String, Boolean> keys =
      new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
          return size() > CAPACITY;
        }
      };

  /** Wraps {@code sink} so that a reply ending with MAX_TOKENS is remembered. */
  ReplySink watch(ReplySink sink) {
    List<String> toolIds = new ArrayList<>();
    StringBuilder text = new StringBuilder();
    return event -> {
      switch (event) {
        case ChatEvent.TextDelta t -> text.append(t.text());
        case ChatEvent.ToolCallStart t -> toolIds.add(t.id());
        case ChatEvent.Finish f when f.reason() == StopReason.MAX_TOKENS -> remember(toolIds, text.toString());
        default -> {}
      }
      sink.accept(event);
    };
  }

  /** Records a reply that ended with MAX_TOKENS, by its tool-call ids and its text. */
  synchronized void remember(List<String> toolCallIds, String text) {
    toolCallIds.forEach(id -> keys.put("tool:" + id, Boolean.TRUE));
    if (!text.isBlank()) {
      keys.put("text:" + digest(text.strip()), Boolean.TRUE);
    }
  }

  /**
   * Adds the note to the user turn that follows the last assistant turn, when that assistant
   * turn is a remembered truncated reply; otherwise returns the request unchanged.
   */
  ChatRequest annotate(ChatRequest request) {
    List<Message> messages = request.messages();
    int last = lastAssistant(messages);
    if (last < 0 || last + 1 >= messages.size()) {
      return request;
    }
    Message assistant = messages.get(last);
    List<String> cutTools = new ArrayList<>();
    boolean cutText = false;
    synchronized (this) {
      for (ContentBlock b : assistant.content()) {
        if (b instanceof ContentBlock.ToolUse t && keys.containsKey("tool:" + t.id())) {
          cutTools.add(t.name());
        }
      }
      String text = text(assistant);
      cutText = !text.isBlank() && keys.containsKey("text:" + digest(text.strip()));
    }
    if (cutTools.isEmpty() && !cutText) {
      return request;
    }
    String detail =
        cutTools.isEmpty()
            ? ""
            : " The arguments of your call to " + String.join(", ", cutTools)
                + " were incomplete, so its result may be wrong.";
    List<Message> out = new ArrayList<>(messages);
    Message next = messages.get(last + 1);
    List<ContentBlock> content = new ArrayList<>(next.content());
    content.add(new ContentBlock.Text(String.format(NOTE, detail)));
    out.set(last + 1, new Message(next.role(), content));
    return new ChatRequest(request.model(), request.system(), out, request.tools(), request.reasoning());
  }

  private static int lastAssistant(List<Message> messages) {
    for (int i = messages.size() - 1; i >= 0; i--) {
      if (messages.get(i).role() == Role.ASSISTANT) {
        return i;
      }
    }
    return -1;
  }

  private static String text(Message m) {
    StringBuilder b = new StringBuilder();
    for (ContentBlock block : m.content()) {
      if (block instanceof ContentBlock.Text t) {
        b.append(t.text());
      }
    }
    return b.toString();
  }

  private static String digest(String text) {
    try {
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
