package dev.kirogateway.eventstream;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class SplitPropertyTest {
  @Property(tries = 50)
  void anySplitDecodesSame(@ForAll @IntRange(min = 1, max = 40) int step) {
    byte[] b = EventStreamEncoder.encode(Message.event("x", "{\"content\":\"é\"}"));
    List<Message> out = new ArrayList<>();
    EventStreamDecoder d = new EventStreamDecoder();
    for (int i = 0; i < b.length; i += step) {
      d.feed(b, i, Math.min(step, b.length - i), out::add);
    }
    assertThat(out).hasSize(1);
  }
}
