package dev.kirogateway.kiro;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kirogateway.chat.ChatEvent;
import dev.kirogateway.eventstream.EventStreamEncoder;
import dev.kirogateway.eventstream.Message;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Builds real Kiro reply frames and runs them through a {@link KiroReplyDecoder}. */
final class KiroFrames {
  static final ObjectMapper JSON = new ObjectMapper();
  static final byte[] KEY = "test-signature-key".getBytes(StandardCharsets.UTF_8);
  static final int INPUT_TOKENS = 100;

  private KiroFrames() {}

  static ReplyOptions options(boolean parseThinking, String handling) {
    return new ReplyOptions(
        Map.of("get_weather_s", "get_weather_with_a_very_long_original_name"),
        parseThinking,
        handling,
        64,
        INPUT_TOKENS,
        String::length, // one "token" per char keeps expected numbers obvious
        KEY,
        false);
  }

  static ReplyOptions plain() {
    return options(false, "as_reasoning_content");
  }

  static ReplyOptions thinking() {
    return options(true, "as_reasoning_content");
  }

  static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }

  static Map<String, Object> map(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }

  static Message text(String content) {
    return Message.event("assistantResponseEvent", json(map("content", content)));
  }

  static Message toolStart(String id, String name) {
    return Message.event("toolUseEvent", json(map("name", name, "toolUseId", id)));
  }

  static Message toolInput(String id, String name, String input) {
    return Message.event("toolUseEvent", json(map("input", input, "name", name, "toolUseId", id)));
  }

  static Message toolStop(String id, String name) {
    return Message.event("toolUseEvent", json(map("name", name, "stop", true, "toolUseId", id)));
  }

  static Message reasoning(Object... kv) {
    return Message.event("reasoningContentEvent", json(map(kv)));
  }

  static Message metering(double credits) {
    return Message.event(
        "meteringEvent", json(map("unit", "credit", "unitPlural", "credits", "usage", credits)));
  }

  static Message context(double percent) {
    return Message.event("contextUsageEvent", json(map("contextUsagePercentage", percent)));
  }

  static byte[] encode(List<Message> messages) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    messages.forEach(m -> out.writeBytes(EventStreamEncoder.encode(m)));
    return out.toByteArray();
  }

  static String signature(String thinking) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(KEY, "HmacSHA256"));
      return Base64.getEncoder()
          .encodeToString(mac.doFinal(thinking.getBytes(StandardCharsets.UTF_8)));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** What a failure looked like, comparable across runs. */
  record Failure(
      KiroStreamException.Kind kind, String type, String message, String reason, boolean started) {
    static Failure of(KiroStreamException e) {
      return new Failure(e.kind(), e.upstreamType(), e.upstreamMessage(), e.reason(), e.started());
    }
  }

  /** The events emitted and the failure (null on success) of one run. */
  record Outcome(List<ChatEvent> events, Failure failure) {}

  /** Feeds {@code bytes} cut at the given ascending positions, then finishes. */
  static Outcome run(ReplyOptions options, byte[] bytes, List<Integer> cuts) {
    List<ChatEvent> events = new ArrayList<>();
    KiroReplyDecoder decoder = new KiroReplyDecoder(options, events::add);
    try {
      int from = 0;
      for (int cut : cuts) {
        decoder.feed(bytes, from, cut - from);
        from = cut;
      }
      decoder.feed(bytes, from, bytes.length - from);
      decoder.finish();
      assertContract(events, true);
      return new Outcome(events, null);
    } catch (KiroStreamException e) {
      assertStartedMatches(e, decoder);
      assertContract(events, false);
      return new Outcome(events, Failure.of(e));
    }
  }

  /** Checks the ordering contract of {@link ChatEvent}. */
  static void assertContract(List<ChatEvent> events, boolean finished) {
    boolean thinking = false;
    boolean tool = false;
    for (int i = 0; i < events.size(); i++) {
      ChatEvent e = events.get(i);
      String where = "event " + i + " " + e + " in " + events;
      check((i == 0) == (e instanceof ChatEvent.Start), "Start must come first and once: " + where);
      switch (e) {
        case ChatEvent.Start s -> {}
        case ChatEvent.ThinkingDelta t -> {
          check(!tool, "thinking inside a tool call: " + where);
          thinking = true;
        }
        case ChatEvent.ThinkingSignature s -> {
          check(thinking, "signature without an open thinking block: " + where);
          thinking = false;
        }
        case ChatEvent.TextDelta t -> check(!thinking && !tool, "text while a block is open: " + where);
        case ChatEvent.RedactedThinking r -> check(!thinking && !tool, "redacted in a block: " + where);
        case ChatEvent.ToolCallStart s -> {
          check(!thinking && !tool, "tool start while a block is open: " + where);
          tool = true;
        }
        case ChatEvent.ToolCallDelta d -> check(tool, "tool delta outside a tool call: " + where);
        case ChatEvent.ToolCallEnd end -> {
          check(tool, "tool end outside a tool call: " + where);
          tool = false;
        }
        case ChatEvent.Finish f -> {
          check(i == events.size() - 1, "Finish must be last: " + where);
          check(!thinking && !tool, "Finish while a block is open: " + where);
        }
      }
    }
    boolean endsWithFinish = !events.isEmpty() && events.getLast() instanceof ChatEvent.Finish;
    check(endsWithFinish == finished, "Finish exactly on success: " + events);
  }

  private static void check(boolean condition, String message) {
    if (!condition) {
      throw new AssertionError(message);
    }
  }

  private static void assertStartedMatches(KiroStreamException e, KiroReplyDecoder decoder) {
    if (e.started() != decoder.started()) {
      throw new AssertionError("exception started() disagrees with the decoder");
    }
  }
}
