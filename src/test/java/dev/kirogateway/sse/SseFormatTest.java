package dev.kirogateway.sse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import org.junit.jupiter.api.Test;

final class SseFormatTest {

  @Test
  void namedEventHasEventAndDataLines() {
    assertThat(SseFormat.eventText("ping", "{\"type\":\"ping\"}"))
        .isEqualTo("event: ping\ndata: {\"type\":\"ping\"}\n\n");
  }

  @Test
  void dataOnlyEventHasNoEventLine() {
    assertThat(SseFormat.eventText(null, "[DONE]")).isEqualTo("data: [DONE]\n\n");
  }

  @Test
  void multiLineDataBecomesOneDataLinePerLine() {
    assertThat(SseFormat.eventText("x", "a\nb\r\nc\rd"))
        .isEqualTo("event: x\ndata: a\ndata: b\ndata: c\ndata: d\n\n");
    assertThat(SseFormat.eventText(null, "a\n")).isEqualTo("data: a\ndata: \n\n");
  }

  @Test
  void commentIsColonLine() {
    assertThat(SseFormat.commentText("keep-alive")).isEqualTo(": keep-alive\n\n");
  }

  @Test
  void byteSinkCollectsUtf8AndCommitsOnFirstWrite() {
    ByteArraySseSink sink = new ByteArraySseSink();
    assertThat(sink.committed()).isFalse();
    sink.event(null, "é");
    assertThat(sink.committed()).isTrue();
    assertThat(sink.toByteArray()).containsExactly("data: é\n\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  @Test
  void disconnectedSinkThrowsUncheckedIo() {
    ByteArraySseSink sink = new ByteArraySseSink();
    sink.disconnect();
    assertThatThrownBy(() -> sink.event("a", "b")).isInstanceOf(UncheckedIOException.class);
    assertThatThrownBy(() -> sink.comment("c")).isInstanceOf(UncheckedIOException.class);
  }
}
