package dev.kirogateway.sse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kirogateway.testing.Properties;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The allocation-lean path of {@link SseFormat#event} gives exactly the bytes of the text form. */
final class SseFormatFastPathTest {

  @Test
  void eventBytesEqualTheEncodedEventText() {
    Properties.check(
        "eventBytesEqualTheEncodedEventText",
        500,
        r -> {
          String eventName = name(r);
          String data = data(r);
          assertThat(SseFormat.event(eventName, data))
              .as("event %s, data %s", eventName, data)
              .isEqualTo(SseFormat.eventText(eventName, data).getBytes(StandardCharsets.UTF_8));
        });
  }

  private static String name(Random r) {
    return r.nextBoolean()
        ? Properties.oneOf(r, null, "content_block_delta", "message_stop", "ping", "événement", "a\nb")
        : Properties.text(r, 12);
  }

  private static String data(Random r) {
    return r.nextBoolean()
        ? Properties.oneOf(r, "{\"a\":\"b\"}", "[DONE]", "", "x\r\ny", "naïve ☃ 🎉")
        : Properties.text(r, 40);
  }
}
