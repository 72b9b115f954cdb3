package dev.kirogateway.sse;

import static dev.kirogateway.testing.Properties.anyLong;
import static dev.kirogateway.testing.Properties.check;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kirogateway.anthropic.AnthropicStreamWriter;
import dev.kirogateway.chat.ChatEvent;
import dev.kirogateway.chat.StopReason;
import dev.kirogateway.openai.OpenAiStreamWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Random contract-respecting event sequences always give well-formed SSE in both dialects. */
final class StreamShapePropertyTest {

  @Test
  void anthropicHasOneOpenBlockAndConsecutiveIndices() {
    check("anthropicHasOneOpenBlockAndConsecutiveIndices", 300,
        r -> anthropicShape(anyLong(r)));
  }

  private static void anthropicShape(long seed) throws Exception {
    ByteArraySseSink sink = new ByteArraySseSink();
    AnthropicStreamWriter w = new AnthropicStreamWriter(sink, "m", "msg_x");
    randomEvents(new Random(seed)).forEach(w::accept);
    List<String[]> events = parse(sink.text());
    assertThat(events.getFirst()[0]).isEqualTo("message_start");
    assertThat(events.getLast()[0]).isEqualTo("message_stop");
    assertThat(events.get(events.size() - 2)[0]).isEqualTo("message_delta");
    int open = -1;
    int next = 0;
    for (String[] e : events) {
      JsonNode data = RequestJson.mapper().readTree(e[1]);
      assertThat(data.path("type").asText()).isEqualTo(e[0]);
      switch (e[0]) {
        case "content_block_start" -> {
          assertThat(open).as("block opened while another is open").isEqualTo(-1);
          assertThat(data.path("index").asInt()).isEqualTo(next);
          open = next++;
        }
        case "content_block_delta" -> assertThat(data.path("index").asInt()).isEqualTo(open);
        case "content_block_stop" -> {
          assertThat(data.path("index").asInt()).isEqualTo(open);
          open = -1;
        }
        case "message_delta" -> assertThat(open).isEqualTo(-1);
        default -> {}
      }
    }
  }

  @Test
  void openAiFinishReasonOnlyOnLastChoiceChunk() {
    check("openAiFinishReasonOnlyOnLastChoiceChunk", 300, r -> openAiShape(anyLong(r)));
  }

  private static void openAiShape(long seed) throws Exception {
    ByteArraySseSink sink = new ByteArraySseSink();
    OpenAiStreamWriter w = new OpenAiStreamWriter(sink, "m", "chatcmpl-x", 1L, seed % 2 == 0);
    randomEvents(new Random(seed)).forEach(w::accept);
    List<String[]> events = parse(sink.text());
    assertThat(events.getLast()[1]).isEqualTo("[DONE]");
    List<JsonNode> choiceChunks = new ArrayList<>();
    for (String[] e : events.subList(0, events.size() - 1)) {
      assertThat(e[0]).isNull();
      JsonNode chunk = RequestJson.mapper().readTree(e[1]);
      if (!chunk.path("choices").isEmpty()) {
        choiceChunks.add(chunk);
      }
    }
    assertThat(choiceChunks.getFirst().at("/choices/0/delta/role").asText()).isEqualTo("assistant");
    for (int i = 0; i < choiceChunks.size(); i++) {
      JsonNode reason = choiceChunks.get(i).at("/choices/0/finish_reason");
      if (i < choiceChunks.size() - 1) {
        assertThat(reason.isNull()).isTrue();
      } else {
        assertThat(reason.asText()).isIn("stop", "tool_calls", "length");
      }
    }
  }

  /** SSE events as [event name or null, joined data]. */
  private static List<String[]> parse(String text) {
    assertThat(text).endsWith("\n\n");
    List<String[]> out = new ArrayList<>();
    for (String block : text.split("\n\n")) {
      String name = null;
      StringBuilder data = new StringBuilder();
      for (String line : block.split("\n")) {
        if (line.startsWith("event: ")) {
          name = line.substring(7);
        } else {
          assertThat(line).startsWith("data: ");
          if (!data.isEmpty()) {
            data.append('\n');
          }
          data.append(line.substring(6));
        }
      }
      out.add(new String[] {name, data.toString()});
    }
    return out;
  }

  static List<ChatEvent> randomEvents(Random r) {
    List<ChatEvent> out = new ArrayList<>();
    out.add(new ChatEvent.Start(r.nextInt(1000)));
    if (r.nextBoolean()) {
      for (int i = r.nextInt(4); i >= 0; i--) {
        out.add(new ChatEvent.ThinkingDelta(text(r)));
      }
      out.add(new ChatEvent.ThinkingSignature("sig"));
    }
    int tools = 0;
    for (int n = r.nextInt(6); n > 0; n--) {
      switch (r.nextInt(3)) {
        case 0 -> out.add(new ChatEvent.TextDelta(text(r)));
        case 1 -> out.add(new ChatEvent.RedactedThinking("data" + n));
        default -> {
          tools++;
          out.add(new ChatEvent.ToolCallStart("tooluse_" + n, "tool"));
          StringBuilder args = new StringBuilder();
          for (int i = r.nextInt(3); i > 0; i--) {
            String piece = text(r);
            args.append(piece);
            out.add(new ChatEvent.ToolCallDelta(piece));
          }
          out.add(new ChatEvent.ToolCallEnd(args.isEmpty() ? "{}" : args.toString(), r.nextBoolean()));
        }
      }
    }
    StopReason reason = r.nextInt(4) == 0 ? StopReason.MAX_TOKENS
        : tools > 0 ? StopReason.TOOL_USE : StopReason.END_TURN;
    out.add(new ChatEvent.Finish(reason, ReplyScenarios.usage(1, 2)));
    return out;
  }

  private static String text(Random r) {
    String[] pieces = {"", "a", "\n", "é", "{\"k\":", "line\r\nbreak", "\ud83d\ude00", " "};
    return pieces[r.nextInt(pieces.length)];
  }
}
