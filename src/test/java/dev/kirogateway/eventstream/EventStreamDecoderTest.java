package dev.kirogateway.eventstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

final class EventStreamDecoderTest {
  static final String V1 =
      "0000007c0000005c3bddcf780b3a6576656e742d747970650700166173736973"
          + "74616e74526573706f6e73654576656e740d3a636f6e74656e742d7479706507"
          + "00106170706c69636174696f6e2f6a736f6e0d3a6d6573736167652d74797065"
          + "0700056576656e747b22636f6e74656e74223a224869227db02babdc";
  static final String V2 =
      "000000b2000000613590d5d30f3a657863657074696f6e2d7479706507001354"
          + "68726f74746c696e67457863657074696f6e0d3a636f6e74656e742d74797065"
          + "0700106170706c69636174696f6e2f6a736f6e0d3a6d6573736167652d747970"
          + "65070009657863657074696f6e7b226d657373616765223a22546f6f206d616e"
          + "792072657175657374732c20706c656173652077616974206265666f72652074"
          + "7279696e6720616761696e2e227d4207aae0";
  static final String V3 =
      "000000a5000000525880ff570b3a6576656e742d7479706507000c746f6f6c55"
          + "73654576656e740d3a636f6e74656e742d747970650700106170706c69636174"
          + "696f6e2f6a736f6e0d3a6d6573736167652d747970650700056576656e747b22"
          + "6e616d65223a226765745f77656174686572222c22746f6f6c5573654964223a"
          + "22746f6f6c7573655f31222c22696e707574223a227b5c22636974795c223a22"
          + "7d01823c6c";
  static final String V4 = "000000100000000005c248eb7d98c8ff";
  static final String V5 =
      "000000610000004f2713dd95017400016601016202ff0173030102016904ffff"
          + "fffe016c05000000010000000001610600020102037374720700017802747308"
          + "0000018bcfe568000175090123456789abcdef0123456789abcdef7b7db57bf5"
          + "f5";
  static final String V6 =
      "0000005a0000004a8188a08d0b3a6572726f722d636f646507000f496e746572"
          + "6e616c4661696c7572650e3a6572726f722d6d657373616765070004626f6f6d"
          + "0d3a6d6573736167652d747970650700056572726f72f8d6999d";

  private static byte[] hex(String s) {
    return HexFormat.of().parseHex(s);
  }

  private static List<Message> decodeInPieces(byte[] bytes, int piece) {
    EventStreamDecoder d = new EventStreamDecoder();
    List<Message> out = new ArrayList<>();
    for (int i = 0; i < bytes.length; i += piece) {
      d.feed(bytes, i, Math.min(piece, bytes.length - i), out::add);
    }
    assertThat(d.hasPartialMessage()).isFalse();
    return out;
  }

  private static Message only(String hex) {
    byte[] bytes = hex(hex);
    List<Message> whole = decodeInPieces(bytes, bytes.length);
    assertThat(whole).hasSize(1);
    assertThat(decodeInPieces(bytes, 7)).isEqualTo(whole);
    assertThat(decodeInPieces(bytes, 1)).isEqualTo(whole);
    // decoded headers keep wire order, so re-encoding must reproduce the bytes
    assertThat(EventStreamEncoder.encode(whole.get(0))).isEqualTo(bytes);
    return whole.get(0);
  }

  private static Map<String, HeaderValue> headers(Object... nameValue) {
    Map<String, HeaderValue> h = new LinkedHashMap<>();
    for (int i = 0; i < nameValue.length; i += 2) {
      h.put((String) nameValue[i], (HeaderValue) nameValue[i + 1]);
    }
    return h;
  }

  @Test
  void crcMatchesTheStandardCheckValue() {
    byte[] ascii = "123456789".getBytes(StandardCharsets.US_ASCII);
    assertThat(EventStreamEncoder.crc(ascii, 0, ascii.length)).isEqualTo(0xCBF43926L);
  }

  @Test
  void decodesVectorOneAssistantResponseEvent() {
    Message m = only(V1);
    assertThat(m.headers())
        .containsExactly(
            Map.entry(":event-type", new HeaderValue.Str("assistantResponseEvent")),
            Map.entry(":content-type", new HeaderValue.Str("application/json")),
            Map.entry(":message-type", new HeaderValue.Str("event")));
    assertThat(m.payloadUtf8()).isEqualTo("{\"content\":\"Hi\"}");
    assertThat(EventStreamEncoder.encode(Message.event("assistantResponseEvent", "{\"content\":\"Hi\"}")))
        .isEqualTo(hex(V1));
  }

  @Test
  void decodesVectorTwoException() {
    Message m = only(V2);
    String payload = "{\"message\":\"Too many requests, please wait before trying again.\"}";
    assertThat(m.stringHeader(":exception-type")).contains("ThrottlingException");
    assertThat(m.stringHeader(":message-type")).contains("exception");
    assertThat(m.payloadUtf8()).isEqualTo(payload);
    assertThat(EventStreamEncoder.encode(Message.exception("ThrottlingException", payload)))
        .isEqualTo(hex(V2));
  }

  @Test
  void decodesVectorThreeToolUseFragment() {
    Message m = only(V3);
    String payload = "{\"name\":\"get_weather\",\"toolUseId\":\"tooluse_1\",\"input\":\"{\\\"city\\\":\"}";
    assertThat(m.stringHeader(":event-type")).contains("toolUseEvent");
    assertThat(m.payloadUtf8()).isEqualTo(payload);
    assertThat(EventStreamEncoder.encode(Message.event("toolUseEvent", payload))).isEqualTo(hex(V3));
  }

  @Test
  void decodesVectorFourEmptyMessage() {
    Message m = only(V4);
    assertThat(m.headers()).isEmpty();
    assertThat(m.payloadLength()).isZero();
    assertThat(EventStreamEncoder.encode(new Message(Map.of(), new byte[0]))).isEqualTo(hex(V4));
  }

  @Test
  void decodesVectorFiveWithEveryHeaderType() {
    Message m = only(V5);
    UUID uuid = UUID.fromString("01234567-89ab-cdef-0123-456789abcdef");
    Map<String, HeaderValue> expected =
        headers(
            "t", new HeaderValue.Bool(true),
            "f", new HeaderValue.Bool(false),
            "b", new HeaderValue.Byte((byte) -1),
            "s", new HeaderValue.Short((short) 258),
            "i", new HeaderValue.Int(-2),
            "l", new HeaderValue.Long(4294967296L),
            "a", new HeaderValue.Bytes(new byte[] {1, 2}),
            "str", new HeaderValue.Str("x"),
            "ts", new HeaderValue.Timestamp(1700000000000L),
            "u", new HeaderValue.Uuid(uuid));
    assertThat(m.headers()).containsExactlyEntriesOf(expected);
    assertThat(((HeaderValue.Bytes) m.headers().get("a")).value()).containsExactly(1, 2);
    assertThat(m.payloadUtf8()).isEqualTo("{}");
    byte[] encoded = EventStreamEncoder.encode(new Message(expected, "{}".getBytes(StandardCharsets.UTF_8)));
    assertThat(encoded).isEqualTo(hex(V5));
  }

  @Test
  void decodesVectorSixErrorMessage() {
    Message m = only(V6);
    Map<String, HeaderValue> expected =
        headers(
            ":error-code", new HeaderValue.Str("InternalFailure"),
            ":error-message", new HeaderValue.Str("boom"),
            ":message-type", new HeaderValue.Str("error"));
    assertThat(m.headers()).containsExactlyEntriesOf(expected);
    assertThat(m.payloadLength()).isZero();
    assertThat(EventStreamEncoder.encode(new Message(expected, new byte[0]))).isEqualTo(hex(V6));
  }

  @Test
  void decodesAllVectorsBackToBackInOddPieces() {
    byte[] all = hex(V1 + V2 + V3 + V4 + V5 + V6);
    for (int piece : new int[] {1, 3, 7, 13, 100, all.length}) {
      List<Message> out = decodeInPieces(all, piece);
      assertThat(out).hasSize(6);
      assertThat(out.get(2).stringHeader(":event-type")).contains("toolUseEvent");
      assertThat(out.get(5).stringHeader(":error-code")).contains("InternalFailure");
    }
  }

  @Test
  void rejectsFrameWithBadPreludeCrc() {
    byte[] bytes = hex(V1);
    bytes[9] ^= 0x01;
    assertFails(bytes, "prelude CRC mismatch at stream offset 0");
  }

  @Test
  void rejectsFrameWithBadMessageCrc() {
    byte[] bytes = hex(V1);
    bytes[bytes.length - 6] ^= 0x20; // a payload byte
    assertFails(bytes, "message CRC mismatch at stream offset 0");
  }

  @Test
  void reportsTheOffsetOfTheFailingMessage() {
    byte[] bytes = hex(V4 + V1);
    bytes[bytes.length - 1] ^= 0x01;
    EventStreamException e = assertFails(bytes, "message CRC mismatch at stream offset 16");
    assertThat(e.offset()).isEqualTo(16);
  }

  @Test
  void rejectsTotalLengthBelowSixteen() {
    assertFails(prelude(15, 0), "impossible message length 15");
  }

  @Test
  void rejectsTotalLengthAboveTwentyFourMebibytes() {
    assertFails(prelude(24 * 1024 * 1024 + 1, 0), "impossible message length 25165825");
    assertFails(prelude(0xFFFFFFF0, 0), "impossible message length 4294967280");
  }

  @Test
  void acceptsTotalLengthOfExactlyTwentyFourMebibytesAsAPromise() {
    EventStreamDecoder d = new EventStreamDecoder();
    byte[] p = prelude(24 * 1024 * 1024, 0);
    d.feed(p, m -> {});
    assertThat(d.hasPartialMessage()).isTrue();
  }

  @Test
  void rejectsHeadersLongerThanTheMessage() {
    assertFails(prelude(20, 5), "impossible headers length 5");
    assertFails(prelude(1000, 200 * 1024), "impossible headers length 204800");
  }

  @Test
  void rejectsUnknownHeaderType() {
    byte[] headers = {1, 'x', 10};
    assertFails(frame(headers, new byte[0]), "unknown header value type 10");
  }

  @Test
  void rejectsHeaderValueRunningPastItsSection() {
    byte[] headers = {1, 'x', 7, 0, 16, 'a', 'b'}; // a 16-byte string with 2 bytes left
    assertFails(frame(headers, "{}".getBytes(StandardCharsets.UTF_8)), "header runs past");
    byte[] intHeader = {1, 'x', 4, 0, 0};
    assertFails(frame(intHeader, new byte[0]), "header runs past");
  }

  @Test
  void rejectsHeaderNameRunningPastItsSection() {
    byte[] headers = {9, 'a', 'b'};
    assertFails(frame(headers, new byte[0]), "header runs past");
  }

  @Test
  void rejectsEmptyHeaderName() {
    byte[] headers = {0, 0};
    assertFails(frame(headers, new byte[0]), "empty header name");
  }

  @Test
  void reportsPartialMessagesOnlyWhileBytesAreBuffered() {
    byte[] bytes = hex(V1 + V4);
    EventStreamDecoder d = new EventStreamDecoder();
    List<Message> out = new ArrayList<>();
    assertThat(d.hasPartialMessage()).isFalse();
    d.feed(bytes, 0, 5, out::add);
    assertThat(d.hasPartialMessage()).isTrue();
    d.feed(bytes, 5, 119, out::add);
    assertThat(out).hasSize(1);
    assertThat(d.hasPartialMessage()).isFalse();
    assertThat(d.bytesDecoded()).isEqualTo(124);
    d.feed(bytes, 124, 1, out::add);
    assertThat(d.hasPartialMessage()).isTrue();
    d.feed(bytes, 125, 15, out::add);
    assertThat(out).hasSize(2);
    assertThat(d.hasPartialMessage()).isFalse();
  }

  @Test
  void refusesToContinueAfterAFailure() {
    EventStreamDecoder d = new EventStreamDecoder();
    byte[] bad = prelude(15, 0);
    assertThatThrownBy(() -> d.feed(bad, m -> {})).isInstanceOf(EventStreamException.class);
    assertThatThrownBy(() -> d.feed(hex(V4), m -> {})).isInstanceOf(IllegalStateException.class);
  }

  private static EventStreamException assertFails(byte[] bytes, String messagePart) {
    List<Message> out = new ArrayList<>();
    EventStreamDecoder d = new EventStreamDecoder();
    EventStreamException e = null;
    try {
      d.feed(bytes, out::add);
    } catch (EventStreamException thrown) {
      e = thrown;
    }
    assertThat(e).as("expected an EventStreamException").isNotNull();
    assertThat(e.getMessage()).contains(messagePart);
    return e;
  }

  /** A 12-byte prelude with a correct CRC, followed by 4 filler bytes. */
  static byte[] prelude(int total, int headersLength) {
    ByteBuffer b = ByteBuffer.allocate(16);
    b.putInt(total).putInt(headersLength);
    CRC32 crc = new CRC32();
    crc.update(b.array(), 0, 8);
    b.putInt((int) crc.getValue());
    return b.array();
  }

  /** A frame around raw header bytes, with both CRCs correct. */
  static byte[] frame(byte[] headers, byte[] payload) {
    int total = 16 + headers.length + payload.length;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] p = prelude(total, headers.length);
    out.write(p, 0, 12);
    out.writeBytes(headers);
    out.writeBytes(payload);
    CRC32 crc = new CRC32();
    crc.update(out.toByteArray());
    out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    return out.toByteArray();
  }
}
