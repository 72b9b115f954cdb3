package dev.kirogateway.kiro;

import static dev.kirogateway.testing.Properties.between;
import static dev.kirogateway.testing.Properties.check;
import static dev.kirogateway.testing.Properties.listOf;
import static dev.kirogateway.testing.Properties.oneOf;
import static dev.kirogateway.testing.Properties.weighted;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kirogateway.chat.ChatEvent;
import dev.kirogateway.chat.Reply;
import dev.kirogateway.chat.ReplyCollector;
import dev.kirogateway.chat.StopReason;
import dev.kirogateway.eventstream.Message;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

final class KiroReplyPropertyTest {

  /** One generated tool call: its argument JSON cut into fragments, and whether it got stop. */
  record Tool(String name, List<String> fragments, boolean stop) {}

  /** A generated reply: fake thinking (maybe empty), text chunks, tools, completion events. */
  record Generated(
      boolean nativeThinking, String thinking, List<String> text, List<Tool> tools, boolean done) {

    List<Message> messages() {
      List<Message> out = new ArrayList<>();
      if (nativeThinking && !thinking.isEmpty()) {
        out.add(KiroFrames.reasoning("text", thinking));
        out.add(KiroFrames.reasoning("signature", "sig"));
      }
      String prefix = !nativeThinking && !thinking.isEmpty() ? "<thinking>" + thinking + "</thinking>\n\n" : "";
      // the fake block travels through the text events, cut where the text chunks are
      String all = prefix + String.join("", text);
      int at = 0;
      for (String chunk : text) {
        int len = chunk.length() + (at == 0 ? prefix.length() : 0);
        out.add(KiroFrames.text(all.substring(at, at + len)));
        at += len;
      }
      if (text.isEmpty() && !prefix.isEmpty()) {
        out.add(KiroFrames.text(prefix));
      }
      for (int i = 0; i < tools.size(); i++) {
        Tool t = tools.get(i);
        String id = "tooluse_" + i;
        out.add(KiroFrames.toolStart(id, t.name()));
        t.fragments().forEach(f -> out.add(KiroFrames.toolInput(id, t.name(), f)));
        if (t.stop()) {
          out.add(KiroFrames.toolStop(id, t.name()));
        }
      }
      if (done) {
        out.add(KiroFrames.metering(0.25));
        out.add(KiroFrames.context(12.5));
      }
      return out;
    }
  }

  @Test
  void theCollectedReplyDoesNotDependOnTheSplit() {
    check("theCollectedReplyDoesNotDependOnTheSplit", 200, r -> collectsTheSameReply(
        replies(r), listOf(r, 1, 6, x -> between(x, 1, 50))));
  }

  private static void collectsTheSameReply(Generated generated, List<Integer> readSizes) {
    ReplyOptions options = KiroFrames.thinking();
    byte[] bytes = KiroFrames.encode(generated.messages());
    Reply whole = collect(options, bytes, List.of(bytes.length + 1));
    assertThat(collect(options, bytes, readSizes)).isEqualTo(whole);

    String expectedText = String.join("", generated.text());
    assertThat(whole.text()).isEqualTo(generated.thinking().isEmpty() || generated.nativeThinking()
        ? expectedText : expectedText.stripLeading());
    assertThat(whole.thinking()).isEqualTo(generated.thinking());
    assertThat(whole.toolCalls()).hasSize(generated.tools().size());
    // a tool without stop is ended by the next tool; only the last one stays open
    boolean incomplete = !generated.tools().isEmpty() && !generated.tools().getLast().stop();
    if (!generated.done() || incomplete) {
      assertThat(whole.stopReason()).isEqualTo(StopReason.MAX_TOKENS);
    } else {
      assertThat(whole.stopReason())
          .isEqualTo(generated.tools().isEmpty() ? StopReason.END_TURN : StopReason.TOOL_USE);
    }
  }

  private static Reply collect(ReplyOptions options, byte[] bytes, List<Integer> readSizes) {
    List<Integer> cuts = new ArrayList<>();
    int pos = 0;
    for (int r = 0; ; r++) {
      pos += readSizes.get(r % readSizes.size());
      if (pos >= bytes.length) {
        break;
      }
      cuts.add(pos);
    }
    KiroFrames.Outcome outcome = KiroFrames.run(options, bytes, cuts);
    assertThat(outcome.failure()).isNull();
    ReplyCollector collector = new ReplyCollector();
    for (ChatEvent e : outcome.events()) {
      collector.accept(e);
    }
    return collector.reply();
  }

  /** A reply with at least one message; 5:1 a tool got its stop, 4:1 the reply completed. */
  private static Generated replies(Random r) {
    while (true) {
      Generated g = new Generated(
          r.nextBoolean(),
          text(r),
          listOf(r, 0, 5, KiroReplyPropertyTest::nonEmptyText),
          listOf(r, 0, 3, x -> new Tool(
              oneOf(x, "get_weather", "fs_read", "get_weather_s"),
              fragments(listOf(x, 0, 3, KiroReplyPropertyTest::text), between(x, 1, 4)),
              weighted(x, 5, 1) == 0)),
          weighted(r, 4, 1) == 0);
      if (!g.messages().isEmpty()) {
        return g;
      }
    }
  }

  private static String nonEmptyText(Random r) {
    String s = text(r);
    return s.isEmpty() ? nonEmptyText(r) : s;
  }

  /** The JSON object {"v0":…,"v1":…} cut into roughly {@code pieces} fragments. */
  private static List<String> fragments(List<String> values, int pieces) {
    StringBuilder json = new StringBuilder("{");
    for (int i = 0; i < values.size(); i++) {
      json.append(i == 0 ? "" : ",").append("\"v").append(i).append("\":")
          .append(KiroFrames.json(values.get(i)));
    }
    String s = json.append('}').toString();
    List<String> out = new ArrayList<>();
    int step = Math.max(1, s.length() / pieces);
    for (int i = 0; i < s.length(); i += step) {
      int end = Math.min(s.length(), i + step);
      if (end < s.length() && Character.isHighSurrogate(s.charAt(end - 1))) {
        end++;
      }
      out.add(s.substring(i, end));
      i = end - step;
    }
    return out;
  }

  /** Words of whole code points with spaces, newlines and multi-byte characters, no tags. */
  private static String text(Random r) {
    return String.join("", listOf(r, 0, 8,
        x -> oneOf(x, "a", "b", " ", "\n", "é", "日", "😀", "\"", "{", "x y")));
  }
}
