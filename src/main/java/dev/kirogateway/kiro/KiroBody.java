package dev.kirogateway.kiro;

import static dev.kirogateway.kiro.KiroRequestBuilder.*;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kirogateway.kiro.Turn.Img;
import dev.kirogateway.kiro.Turn.Res;
import dev.kirogateway.kiro.Turn.Use;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Renders turns into the body; remembers the texts and images of the last rendering (§7.6). */
final class KiroBody {
  private final RequestSettings settings;
  private final String modelId;
  private final String conversationId;
  private final Optional<String> profileArn;
  private final ToolPlan tools;
  private final String system;
  private final int budget;
  private final List<String> texts = new ArrayList<>();
  private int imageTokens;

  KiroBody(RequestSettings settings, String modelId, String conversationId,
      Optional<String> profileArn, ToolPlan tools, String system, int budget) {
    this.settings = settings;
    this.modelId = modelId;
    this.conversationId = conversationId;
    this.profileArn = profileArn;
    this.tools = tools;
    this.system = system;
    this.budget = budget;
  }

  String conversationId() {
    return conversationId;
  }

  List<String> texts() {
    return texts;
  }

  int imageTokens() {
    return imageTokens;
  }

  byte[] serialise(List<Turn> turns) {
    texts.clear();
    imageTokens = 0;
    ObjectNode root = JSON.createObjectNode();
    ObjectNode state = root.putObject("conversationState");
    state.put("chatTriggerType", TRIGGER);
    state.put("conversationId", conversationId);
    if (turns.size() > 1) {
      ArrayNode history = state.putArray("history");
      for (int i = 0; i < turns.size() - 1; i++) {
        Turn t = turns.get(i);
        String content = withSystem(i == 0, text(t));
        history.add(t.user ? user(t, content, false) : assistant(t, content));
      }
    }
    String content = withSystem(turns.size() == 1, text(turns.getLast()));
    if (budget > 0) {
      content = "<thinking_mode>enabled</thinking_mode>\n<max_thinking_length>" + budget
          + "</max_thinking_length>\n<thinking_instruction>" + THINKING_INSTRUCTION
          + "</thinking_instruction>\n\n" + content;
    }
    state.putObject("currentMessage").set("userInputMessage",
        user(turns.getLast(), content, true).get("userInputMessage"));
    profileArn.filter(a -> !a.isEmpty()).ifPresent(a -> root.put("profileArn", a));
    try {
      return JSON.writeValueAsBytes(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always serialises", e);
    }
  }

  private String text(Turn t) {
    return t.text.isBlank() ? settings.emptyTextPlaceholder() : t.text;
  }

  private String withSystem(boolean first, String content) {
    return first && !system.isEmpty() ? system + "\n\n" + content : content;
  }

  private ObjectNode user(Turn t, String content, boolean current) {
    ObjectNode entry = JSON.createObjectNode();
    ObjectNode msg = entry.putObject("userInputMessage");
    msg.put("content", content);
    texts.add(content);
    msg.put("modelId", modelId);
    msg.put("origin", ORIGIN);
    if (!t.images.isEmpty()) {
      ArrayNode images = msg.putArray("images");
      for (Img img : t.images) {
        ObjectNode o = images.addObject();
        o.put("format", img.format());
        o.putObject("source").put("bytes", img.base64());
        imageTokens += img.tokens();
      }
    }
    ObjectNode context = JSON.createObjectNode();
    if (current && !tools.specs().isEmpty()) {
      ArrayNode specs = context.putArray("tools");
      for (ObjectNode spec : tools.specs()) {
        specs.add(spec);
        texts.add(json(spec));
      }
    }
    if (!t.results.isEmpty()) {
      ArrayNode results = context.putArray("toolResults");
      for (Res r : t.results) {
        ObjectNode o = results.addObject();
        o.put("toolUseId", r.id());
        o.put("status", r.error() ? settings.toolErrorStatus() : "success");
        o.putArray("content").addObject().put("text", r.text());
        texts.add(r.text());
      }
    }
    if (!context.isEmpty()) {
      msg.set("userInputMessageContext", context);
    }
    return entry;
  }

  private ObjectNode assistant(Turn t, String content) {
    ObjectNode entry = JSON.createObjectNode();
    ObjectNode msg = entry.putObject("assistantResponseMessage");
    msg.put("content", content);
    texts.add(content);
    if (!t.uses.isEmpty()) {
      ArrayNode uses = msg.putArray("toolUses");
      for (Use u : t.uses) {
        ObjectNode o = uses.addObject();
        o.put("toolUseId", u.id());
        o.put("name", u.name());
        o.set("input", u.input());
        texts.add(u.name() + " " + json(u.input()));
      }
    }
    return entry;
  }
}
