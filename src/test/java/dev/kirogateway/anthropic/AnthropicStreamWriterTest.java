package dev.kirogateway.anthropic;

import static dev.kirogateway.sse.ReplyScenarios.golden;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kirogateway.chat.ChatEvent;
import dev.kirogateway.chat.ChatException;
import dev.kirogateway.chat.ErrorKind;
import dev.kirogateway.sse.ByteArraySseSink;
import dev.kirogateway.sse.ReplyScenarios;
import java.util.List;
import org.junit.jupiter.api.Test;

final class AnthropicStreamWriterTest {
  static final String ID = "msg_0123456789abcdefABCDEFGH";
  static final String MODEL = "claude-sonnet-4-5";

  static String stream(List<ChatEvent> events) {
    ByteArraySseSink sink = new ByteArraySseSink();
    AnthropicStreamWriter w = new AnthropicStreamWriter(sink, MODEL, ID);
    events.forEach(w::accept);
    return sink.text();
  }

  private static void assertGolden(String name, String actual) {
    assertThat(actual).isEqualTo(golden("anthropic/" + name + ".sse", actual));
  }

  @Test
  void writesSpecExample() {
    assertGolden("thinking-text-tool", stream(ReplyScenarios.thinkingTextTool()));
  }

  @Test
  void writesPlainText() {
    assertGolden("text", stream(ReplyScenarios.text()));
  }

  @Test
  void keepsTwoIdenticalToolCallsWithTheirIds() {
    assertGolden("two-tools", stream(ReplyScenarios.twoIdenticalTools()));
  }

  @Test
  void toolOnlyReplySendsEmptyObjectInput() {
    assertGolden("tool-only", stream(ReplyScenarios.toolOnly()));
  }

  @Test
  void truncatedToolCallStopsWithMaxTokens() {
    assertGolden("truncated", stream(ReplyScenarios.truncated()));
  }

  @Test
  void redactedThinkingIsItsOwnBlock() {
    assertGolden("redacted", stream(ReplyScenarios.redactedThinking()));
  }

  @Test
  void usageCarriesNoCredits() {
    assertThat(stream(ReplyScenarios.textWithCredits())).doesNotContain("credit");
  }

  @Test
  void midStreamFailureLeavesBlockOpenAndSendsNoMessageStop() {
    ByteArraySseSink sink = new ByteArraySseSink();
    AnthropicStreamWriter w = new AnthropicStreamWriter(sink, MODEL, ID);
    ReplyScenarios.partial().forEach(w::accept);
    w.fail(new ChatException(ErrorKind.UPSTREAM_ERROR, "Upstream stream broke."));
    w.ping();
    w.accept(new ChatEvent.TextDelta("ignored after failure"));
    assertGolden("failure", sink.text());
  }

  @Test
  void throttlingFailureIsOverloadedError() {
    ByteArraySseSink sink = new ByteArraySseSink();
    AnthropicStreamWriter w = new AnthropicStreamWriter(sink, MODEL, ID);
    w.accept(new ChatEvent.Start(3));
    w.fail(new ChatException(ErrorKind.RATE_LIMITED, "Too busy."));
    assertThat(sink.text())
        .endsWith(
            "event: error\ndata: {\"type\":\"error\",\"error\":"
                + "{\"type\":\"overloaded_error\",\"message\":\"Too busy.\"}}\n\n");
  }

  @Test
  void pingWritesPingEvent() {
    ByteArraySseSink sink = new ByteArraySseSink();
    AnthropicStreamWriter w = new AnthropicStreamWriter(sink, MODEL, ID);
    w.ping();
    assertThat(sink.text()).isEqualTo("event: ping\ndata: {\"type\":\"ping\"}\n\n");
  }
}
