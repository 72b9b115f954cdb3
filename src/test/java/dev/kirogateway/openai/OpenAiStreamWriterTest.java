package dev.kirogateway.openai;

import static dev.kirogateway.sse.ReplyScenarios.golden;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kirogateway.chat.ChatEvent;
import dev.kirogateway.chat.ChatException;
import dev.kirogateway.chat.ErrorKind;
import dev.kirogateway.sse.ByteArraySseSink;
import dev.kirogateway.sse.ReplyScenarios;
import java.io.UncheckedIOException;
import java.util.List;
import org.junit.jupiter.api.Test;

final class OpenAiStreamWriterTest {
  static final String ID = "chatcmpl-0123456789abcdef01234567";
  static final long CREATED = 1760000000L;
  static final String MODEL = "claude-sonnet-4-5";

  static String stream(List<ChatEvent> events, boolean includeUsage) {
    ByteArraySseSink sink = new ByteArraySseSink();
    OpenAiStreamWriter w = new OpenAiStreamWriter(sink, MODEL, ID, CREATED, includeUsage);
    events.forEach(w::accept);
    return sink.text();
  }

  private static void assertGolden(String name, String actual) {
    assertThat(actual).isEqualTo(golden("openai/" + name + ".sse", actual));
  }

  @Test
  void writesSpecExampleWithUsage() {
    assertGolden("thinking-text-tool", stream(ReplyScenarios.thinkingTextTool(), true));
  }

  @Test
  void writesPlainText() {
    assertGolden("text", stream(ReplyScenarios.text(), false));
  }

  @Test
  void includeUsageAddsNullUsageAndUsageChunkWithCredits() {
    assertGolden("usage-on", stream(ReplyScenarios.textWithCredits(), true));
    assertGolden("usage-off", stream(ReplyScenarios.textWithCredits(), false));
  }

  @Test
  void keepsTwoIdenticalToolCallsWithTheirIds() {
    assertGolden("two-tools", stream(ReplyScenarios.twoIdenticalTools(), false));
  }

  @Test
  void toolOnlyReplyStillStartsWithRoleAndSendsEmptyObjectArguments() {
    assertGolden("tool-only", stream(ReplyScenarios.toolOnly(), false));
  }

  @Test
  void truncatedToolCallEndsWithLength() {
    assertGolden("truncated", stream(ReplyScenarios.truncated(), false));
  }

  @Test
  void dropsRedactedThinkingAndSignatures() {
    assertGolden("redacted", stream(ReplyScenarios.redactedThinking(), false));
  }

  @Test
  void midStreamFailureWritesErrorChunkWithoutDone() {
    ByteArraySseSink sink = new ByteArraySseSink();
    OpenAiStreamWriter w = new OpenAiStreamWriter(sink, MODEL, ID, CREATED, false);
    ReplyScenarios.partial().forEach(w::accept);
    w.fail(new ChatException(ErrorKind.UPSTREAM_ERROR, "Upstream stream broke (upstream: reset)."));
    w.fail(new ChatException(ErrorKind.UPSTREAM_ERROR, "second failure is ignored"));
    assertGolden("failure", sink.text());
    assertThat(sink.text()).doesNotContain("[DONE]");
  }

  @Test
  void clientGoneSurfacesAsUncheckedIo() {
    ByteArraySseSink sink = new ByteArraySseSink();
    OpenAiStreamWriter w = new OpenAiStreamWriter(sink, MODEL, ID, CREATED, false);
    w.accept(new ChatEvent.Start(1));
    sink.disconnect();
    assertThatThrownBy(() -> w.accept(new ChatEvent.TextDelta("x")))
        .isInstanceOf(UncheckedIOException.class);
  }
}
