package dev.kirogateway.eventstream;

import static dev.kirogateway.testing.Properties.anyLong;
import static dev.kirogateway.testing.Properties.between;
import static dev.kirogateway.testing.Properties.bytes;
import static dev.kirogateway.testing.Properties.check;
import static dev.kirogateway.testing.Properties.listOf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kirogateway.testing.Properties;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

final class EventStreamPropertyTest {

  @Test
  void anySplitYieldsTheSameMessages() {
    check("anySplitYieldsTheSameMessages", 300, r -> {
      List<Message> messages = messages(r);
      List<Integer> readSizes = readSizes(r, 8, 64);
      byte[] stream = concat(messages);
      assertThat(decode(stream, readSizes)).isEqualTo(messages);
      // and cut at unrelated random places, not a repeating pattern
      EventStreamDecoder d = new EventStreamDecoder();
      List<Message> out = new ArrayList<>();
      Properties.chunks(r, stream, 64).forEach(c -> d.feed(c, 0, c.length, out::add));
      assertThat(out).isEqualTo(messages);
      assertThat(d.hasPartialMessage()).isFalse();
    });
  }

  @Test
  void oneByteReadsYieldTheSameMessages() {
    check("oneByteReadsYieldTheSameMessages", 100, r -> {
      List<Message> messages = messages(r);
      assertThat(decode(concat(messages), List.of(1))).isEqualTo(messages);
    });
  }

  @Test
  void randomBytesYieldMessagesOrAFramingError() {
    check("randomBytesYieldMessagesOrAFramingError", 300,
        r -> decodeTolerant(bytes(r, 300), readSizes(r, 4, 40)));
  }

  @Test
  void mutatedStreamsYieldMessagesOrAFramingError() {
    check("mutatedStreamsYieldMessagesOrAFramingError", 300, r -> {
      List<Message> messages = messages(r);
      byte[] stream = concat(messages);
      List<Integer> positions = listOf(r, 1, 4, x -> between(x, 0, 100_000));
      int flip = between(r, 1, 255);
      List<Integer> readSizes = readSizes(r, 4, 40);
      if (stream.length == 0) {
        return;
      }
      for (int p : positions) {
        stream[p % stream.length] ^= (byte) flip;
      }
      // the CRCs catch every flip: what comes out before the error is intact
      List<Message> decoded = decodeTolerant(stream, readSizes);
      assertThat(decoded).hasSizeLessThanOrEqualTo(messages.size());
      assertThat(decoded).isEqualTo(messages.subList(0, decoded.size()));
    });
  }

  /** Garbage headers with correct CRCs reach the header parser, which must fail cleanly. */
  @Test
  void garbageHeadersWithValidCrcsYieldAMessageOrAFramingError() {
    check("garbageHeadersWithValidCrcsYieldAMessageOrAFramingError", 500,
        r -> decodeTolerant(EventStreamDecoderTest.frame(bytes(r, 60), bytes(r, 10)), List.of(5)));
  }

  /** 1..maxCount read sizes of 1..maxSize bytes, used in turn. */
  private static List<Integer> readSizes(Random r, int maxCount, int maxSize) {
    return listOf(r, 1, maxCount, x -> between(x, 1, maxSize));
  }

  private static List<Message> decode(byte[] stream, List<Integer> readSizes) {
    EventStreamDecoder d = new EventStreamDecoder();
    List<Message> out = feedAll(d, stream, readSizes);
    assertThat(d.hasPartialMessage()).isFalse();
    return out;
  }

  private static List<Message> feedAll(EventStreamDecoder d, byte[] stream, List<Integer> readSizes) {
    return feedAll(d, stream, readSizes, new ArrayList<>());
  }

  private static List<Message> feedAll(
      EventStreamDecoder d, byte[] stream, List<Integer> readSizes, List<Message> out) {
    int i = 0;
    for (int r = 0; i < stream.length; r++) {
      int n = Math.min(readSizes.get(r % readSizes.size()), stream.length - i);
      d.feed(stream, i, n, out::add);
      i += n;
    }
    return out;
  }

  /** The messages decoded before the stream ended or failed with a framing error. */
  private static List<Message> decodeTolerant(byte[] stream, List<Integer> readSizes) {
    List<Message> out = new ArrayList<>();
    try {
      // a partial message at the end is fine
      feedAll(new EventStreamDecoder(), stream, readSizes, out);
    } catch (EventStreamException e) {
      assertThat(e.getMessage()).contains("at stream offset");
    }
    return out;
  }

  private static byte[] concat(List<Message> messages) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    messages.forEach(m -> out.writeBytes(EventStreamEncoder.encode(m)));
    return out.toByteArray();
  }

  static List<Message> messages(Random r) {
    return listOf(r, 0, 5, x -> {
      Map<String, HeaderValue> headers = new LinkedHashMap<>();
      for (int i = between(x, 0, 6); i > 0; i--) {
        String name = Properties.text(x, 12);
        if (!name.isEmpty()) {
          headers.put(name, headerValue(x));
        }
      }
      byte[] payload = x.nextBoolean()
          ? Properties.text(x, 200).getBytes(StandardCharsets.UTF_8) : bytes(x, 100);
      return new Message(headers, payload);
    });
  }

  static HeaderValue headerValue(Random r) {
    return switch (r.nextInt(9)) {
      case 0 -> new HeaderValue.Bool(r.nextBoolean());
      case 1 -> new HeaderValue.Byte((byte) anyLong(r));
      case 2 -> new HeaderValue.Short((short) anyLong(r));
      case 3 -> new HeaderValue.Int((int) anyLong(r));
      case 4 -> new HeaderValue.Long(anyLong(r));
      case 5 -> new HeaderValue.Bytes(bytes(r, 40));
      case 6 -> new HeaderValue.Str(Properties.text(r, 30));
      case 7 -> new HeaderValue.Timestamp(anyLong(r));
      default -> new HeaderValue.Uuid(new UUID(anyLong(r), anyLong(r)));
    };
  }
}
