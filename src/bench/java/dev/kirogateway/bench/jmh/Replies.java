package dev.kirogateway.bench.jmh;

import dev.kirogateway.eventstream.EventStreamEncoder;
import dev.kirogateway.eventstream.Message;
import java.io.ByteArrayOutputStream;

/** Kiro reply bodies as they come off the wire, for the microbenchmarks. */
final class Replies {
  /** Content frames per reply, as in the load benchmark. */
  static final int FRAMES = 60;

  private static final String[] WORDS = {
    "the", "gateway", "streams", "tokens", "from", "upstream", "frames", "quickly", "while",
    "clients", "read", "server", "sent", "events", "over", "loopback", "with", "small"
  };

  private Replies() {}

  /** initial-response, {@link #FRAMES} text frames of two words, metering and context usage. */
  static byte[] textReply() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(EventStreamEncoder.encode(Message.event("initial-response", "{\"conversationId\":\"c-1\"}")));
    for (int i = 0; i < FRAMES; i++) {
      String text = WORDS[i % WORDS.length] + " " + WORDS[(i * 7 + 3) % WORDS.length] + " ";
      out.writeBytes(
          EventStreamEncoder.encode(
              Message.event("assistantResponseEvent", "{\"content\":\"" + text + "\"}")));
    }
    out.writeBytes(
        EventStreamEncoder.encode(
            Message.event("meteringEvent", "{\"unit\":\"credit\",\"unitPlural\":\"credits\",\"usage\":0.02}")));
    out.writeBytes(
        EventStreamEncoder.encode(
            Message.event("contextUsageEvent", "{\"contextUsagePercentage\":1.7}")));
    return out.toByteArray();
  }
}
