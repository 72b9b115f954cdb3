package dev.kirogateway.eventstream;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

final class EventStreamPropertyTest {

  @Property(tries = 300)
  void anySplitYieldsTheSameMessages(
      @ForAll("messages") List<Message> messages,
      @ForAll @Size(min = 1, max = 8) List<@IntRange(min = 1, max = 64) Integer> readSizes) {
    byte[] stream = concat(messages);
    assertThat(decode(stream, readSizes)).isEqualTo(messages);
  }

  @Property(tries = 100)
  void oneByteReadsYieldTheSameMessages(@ForAll("messages") List<Message> messages) {
    assertThat(decode(concat(messages), List.of(1))).isEqualTo(messages);
  }

  @Property(tries = 300)
  void randomBytesYieldMessagesOrAFramingError(
      @ForAll @Size(max = 300) byte[] bytes,
      @ForAll @Size(min = 1, max = 4) List<@IntRange(min = 1, max = 40) Integer> readSizes) {
    decodeTolerant(bytes, readSizes);
  }

  @Property(tries = 300)
  void mutatedStreamsYieldMessagesOrAFramingError(
      @ForAll("messages") List<Message> messages,
      @ForAll @Size(min = 1, max = 4) List<@IntRange(min = 0, max = 100_000) Integer> positions,
      @ForAll @IntRange(min = 1, max = 255) int flip,
      @ForAll @Size(min = 1, max = 4) List<@IntRange(min = 1, max = 40) Integer> readSizes) {
    byte[] stream = concat(messages);
    if (stream.length == 0) {
      return;
    }
    for (int p : positions) {
      stream[p % stream.length] ^= (byte) flip;
    }
    decodeTolerant(stream, readSizes);
  }

  /** Garbage headers with correct CRCs reach the header parser, which must fail cleanly. */
  @Property(tries = 500)
  void garbageHeadersWithValidCrcsYieldAMessageOrAFramingError(
      @ForAll @Size(max = 60) byte[] headers, @ForAll @Size(max = 10) byte[] payload) {
    decodeTolerant(EventStreamDecoderTest.frame(headers, payload), List.of(5));
  }

  private static List<Message> decode(byte[] stream, List<Integer> readSizes) {
    EventStreamDecoder d = new EventStreamDecoder();
    List<Message> out = feedAll(d, stream, readSizes);
    assertThat(d.hasPartialMessage()).isFalse();
    return out;
  }

  private static List<Message> feedAll(EventStreamDecoder d, byte[] stream, List<Integer> readSizes) {
    List<Message> out = new ArrayList<>();
    int i = 0;
    for (int r = 0; i < stream.length; r++) {
      int n = Math.min(readSizes.get(r % readSizes.size()), stream.length - i);
      d.feed(stream, i, n, out::add);
      i += n;
    }
    return out;
  }

  private static void decodeTolerant(byte[] stream, List<Integer> readSizes) {
    try {
      feedAll(new EventStreamDecoder(), stream, readSizes); // a partial message at the end is fine
    } catch (EventStreamException e) {
      assertThat(e.getMessage()).contains("at stream offset");
    }
  }

  private static byte[] concat(List<Message> messages) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    messages.forEach(m -> out.writeBytes(EventStreamEncoder.encode(m)));
    return out.toByteArray();
  }

  @Provide
  Arbitrary<List<Message>> messages() {
    Arbitrary<byte[]> payload =
        Arbitraries.oneOf(
            text(200).map(s -> s.getBytes(StandardCharsets.UTF_8)),
            Arbitraries.bytes().array(byte[].class).ofMaxSize(100));
    Arbitrary<Message> message =
        Combinators.combine(Arbitraries.maps(text(12).filter(s -> !s.isEmpty()), headerValue())
                .ofMaxSize(6), payload)
            .as(Message::new);
    return message.list().ofMaxSize(5);
  }

  static Arbitrary<HeaderValue> headerValue() {
    return Arbitraries.oneOf(
        Arbitraries.of(true, false).map(HeaderValue.Bool::new),
        Arbitraries.bytes().map(HeaderValue.Byte::new),
        Arbitraries.shorts().map(HeaderValue.Short::new),
        Arbitraries.integers().map(HeaderValue.Int::new),
        Arbitraries.longs().map(HeaderValue.Long::new),
        Arbitraries.bytes().array(byte[].class).ofMaxSize(40).map(HeaderValue.Bytes::new),
        text(30).map(HeaderValue.Str::new),
        Arbitraries.longs().map(HeaderValue.Timestamp::new),
        Combinators.combine(Arbitraries.longs(), Arbitraries.longs())
            .as((hi, lo) -> new HeaderValue.Uuid(new UUID(hi, lo))));
  }

  /** Text of whole code points: ASCII, Latin-1, CJK and astral (4-byte UTF-8) characters. */
  static Arbitrary<String> text(int maxCodePoints) {
    Arbitrary<Integer> codePoint =
        Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(6, Arbitraries.integers().between(0x20, 0x7e)),
            net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(0, 0x1f)),
            net.jqwik.api.Tuple.of(2, Arbitraries.integers().between(0xa0, 0x17f)),
            net.jqwik.api.Tuple.of(2, Arbitraries.integers().between(0x4e00, 0x4fff)),
            net.jqwik.api.Tuple.of(2, Arbitraries.integers().between(0x1f300, 0x1f64f)));
    return codePoint.list().ofMaxSize(maxCodePoints).map(EventStreamPropertyTest::fromCodePoints);
  }

  private static String fromCodePoints(List<Integer> cps) {
    StringBuilder b = new StringBuilder();
    cps.forEach(b::appendCodePoint);
    return b.toString();
  }
}
