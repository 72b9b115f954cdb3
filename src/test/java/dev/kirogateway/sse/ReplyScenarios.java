package dev.kirogateway.sse;

import dev.kirogateway.chat.ChatEvent;
import dev.kirogateway.chat.ChatEvent.Finish;
import dev.kirogateway.chat.ChatEvent.RedactedThinking;
import dev.kirogateway.chat.ChatEvent.Start;
import dev.kirogateway.chat.ChatEvent.TextDelta;
import dev.kirogateway.chat.ChatEvent.ThinkingDelta;
import dev.kirogateway.chat.ChatEvent.ThinkingSignature;
import dev.kirogateway.chat.ChatEvent.ToolCallDelta;
import dev.kirogateway.chat.ChatEvent.ToolCallEnd;
import dev.kirogateway.chat.ChatEvent.ToolCallStart;
import dev.kirogateway.chat.Reply;
import dev.kirogateway.chat.ReplyCollector;
import dev.kirogateway.chat.StopReason;
import dev.kirogateway.chat.Usage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalDouble;

/** Reply event sequences shared by the dialect tests, and golden-file access. */
public final class ReplyScenarios {
  private ReplyScenarios() {}

  public static Usage usage(int in, int out) {
    return new Usage(in, out, true, OptionalDouble.empty(), OptionalDouble.empty());
  }

  public static List<ChatEvent> text() {
    return List.of(
        new Start(12),
        new TextDelta("Hello"),
        new TextDelta(", \"world\"\n!"),
        new Finish(StopReason.END_TURN, usage(12, 4)));
  }

  /** The §7.1 / §7.3 example: reasoning, text, one tool call. */
  public static List<ChatEvent> thinkingTextTool() {
    return List.of(
        new Start(412),
        new ThinkingDelta("Let me think."),
        new ThinkingSignature("c2lnbmF0dXJl"),
        new TextDelta("Checking."),
        new ToolCallStart("tooluse_A", "get_weather"),
        new ToolCallDelta("{\"city\":"),
        new ToolCallDelta("\"Paris\"}"),
        new ToolCallEnd("{\"city\":\"Paris\"}", true),
        new Finish(StopReason.TOOL_USE, usage(412, 19)));
  }

  public static List<ChatEvent> twoIdenticalTools() {
    return List.of(
        new Start(50),
        new ToolCallStart("tooluse_1", "ls"),
        new ToolCallDelta("{\"dir\":\".\"}"),
        new ToolCallEnd("{\"dir\":\".\"}", true),
        new ToolCallStart("tooluse_2", "ls"),
        new ToolCallDelta("{\"dir\":\".\"}"),
        new ToolCallEnd("{\"dir\":\".\"}", true),
        new Finish(StopReason.TOOL_USE, usage(50, 10)));
  }

  /** A tool call whose input never got fragments: the writers must still send "{}". */
  public static List<ChatEvent> toolOnly() {
    return List.of(
        new Start(30),
        new ToolCallStart("tooluse_B", "now"),
        new ToolCallEnd("{}", true),
        new Finish(StopReason.TOOL_USE, usage(30, 2)));
  }

  public static List<ChatEvent> truncated() {
    return List.of(
        new Start(40),
        new TextDelta("Writing."),
        new ToolCallStart("tooluse_C", "write"),
        new ToolCallDelta("{\"path\":\"/tmp/a\",\"text\":\"lo"),
        new ToolCallEnd("{\"path\":\"/tmp/a\",\"text\":\"lo", false),
        new Finish(StopReason.MAX_TOKENS, usage(40, 20)));
  }

  public static List<ChatEvent> textWithCredits() {
    return List.of(
        new Start(12),
        new TextDelta("Hi"),
        new Finish(
            StopReason.END_TURN,
            new Usage(12, 1, true, OptionalDouble.of(0.25), OptionalDouble.of(3.5))));
  }

  public static List<ChatEvent> redactedThinking() {
    return List.of(
        new Start(20),
        new RedactedThinking("EmwKAhgB"),
        new ThinkingDelta("Hmm."),
        new ThinkingSignature("sig2"),
        new TextDelta("Done."),
        new Finish(StopReason.END_TURN, usage(20, 5)));
  }

  /** Events before a mid-stream failure. */
  public static List<ChatEvent> partial() {
    return List.of(
        new Start(15),
        new TextDelta("Partial"),
        new ToolCallStart("tooluse_D", "grep"),
        new ToolCallDelta("{\"q\":"));
  }

  public static Reply collect(List<ChatEvent> events) {
    ReplyCollector c = new ReplyCollector();
    events.forEach(c::accept);
    return c.reply();
  }

  /**
   * The golden file's text. With {@code -Dgolden.update=true} the file under src/test/resources is
   * (re)written from {@code actual} first; review the diff before committing.
   */
  public static String golden(String resource, String actual) {
    if (Boolean.getBoolean("golden.update")) {
      try {
        Path p = Path.of("src/test/resources", resource);
        Files.createDirectories(p.getParent());
        Files.writeString(p, actual, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    try (InputStream in = ReplyScenarios.class.getResourceAsStream("/" + resource)) {
      if (in == null) {
        throw new AssertionError("missing golden file " + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
