package dev.kirogateway.sse;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The allocation-lean path of {@link SseFormat#event} gives exactly the bytes of the text form. */
final class SseFormatFastPathTest {

  @Property(tries = 500)
  void eventBytesEqualTheEncodedEventText(
      @ForAll("names") String name, @ForAll("data") String data) {
    String eventName = name.equals("<null>") ? null : name;
    assertThat(SseFormat.event(eventName, data))
        .isEqualTo(SseFormat.eventText(eventName, data).getBytes(StandardCharsets.UTF_8));
  }

  @Provide
  Arbitrary<String> names() {
    return Arbitraries.oneOf(
        Arbitraries.of("<null>", "content_block_delta", "message_stop", "ping", "événement", "a\nb"),
        Arbitraries.strings().ofMaxLength(12));
  }

  @Provide
  Arbitrary<String> data() {
    return Arbitraries.oneOf(
        Arbitraries.of("{\"a\":\"b\"}", "[DONE]", "", "x\r\ny", "naïve ☃ 🎉"),
        Arbitraries.strings().ofMaxLength(40));
  }
}
