package dev.kirogateway.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kirogateway.eventstream.HeaderValue;
import dev.kirogateway.eventstream.Message;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builders for the Kiro event-stream messages of §5.4 and §5.5. */
final class KiroEvents {
  private KiroEvents() {}

  static Message initialResponse(String conversationId) {
    return event("initial-response", Json.object().put("conversationId", conversationId));
  }

  static Message text(String content) {
    return event("assistantResponseEvent", Json.object().put("content", content));
  }

  static Message toolStart(String id, String name) {
    return event("toolUseEvent", tool(id, name));
  }

  static Message toolInput(String id, String name, String input, boolean stop) {
    ObjectNode o = tool(id, name).put("input", input);
    if (stop) {
      o.put("stop", true);
    }
    return event("toolUseEvent", o);
  }

  static Message toolInputObject(String id, String name, JsonNode input) {
    ObjectNode o = tool(id, name);
    o.set("input", input);
    return event("toolUseEvent", o);
  }

  static Message toolStop(String id, String name) {
    return event("toolUseEvent", tool(id, name).put("stop", true));
  }

  static Message reasoningText(String text) {
    return event("reasoningContentEvent", Json.object().put("text", text));
  }

  static Message reasoningSignature(String signature) {
    return event("reasoningContentEvent", Json.object().put("signature", signature));
  }

  static Message reasoningRedacted(String data) {
    return event("reasoningContentEvent", Json.object().put("redactedContent", data));
  }

  static Message metering(double credits) {
    return event(
        "meteringEvent",
        Json.object().put("unit", "credit").put("unitPlural", "credits").put("usage", credits));
  }

  static Message contextUsage(double percent) {
    return event("contextUsageEvent", Json.object().put("contextUsagePercentage", percent));
  }

  static Message invalidState(String reason, String message) {
    return event("invalidStateEvent", Json.object().put("reason", reason).put("message", message));
  }

  static Message exception(String type, String message) {
    return Message.exception(type, Json.write(Json.object().put("message", message)));
  }

  static Message error(String code, String message) {
    Map<String, HeaderValue> h = new LinkedHashMap<>();
    h.put(":error-code", new HeaderValue.Str(code));
    h.put(":error-message", new HeaderValue.Str(message));
    h.put(":message-type", new HeaderValue.Str("error"));
    return new Message(h, new byte[0]);
  }

  private static ObjectNode tool(String id, String name) {
    return Json.object().put("name", name).put("toolUseId", id);
  }

  private static Message event(String type, ObjectNode payload) {
    return Message.event(type, Json.write(payload));
  }
}
