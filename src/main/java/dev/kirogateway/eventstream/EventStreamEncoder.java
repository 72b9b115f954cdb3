package dev.kirogateway.eventstream;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.zip.CRC32;

/** Encodes messages to the binary framing; used by the simulator and tests. */
public final class EventStreamEncoder {
  private EventStreamEncoder() {}

  public static byte[] encode(Message message) {
    byte[] headers = encodeHeaders(message.headers());
    byte[] payload = message.payload();
    int total = 12 + headers.length + payload.length + 4;
    ByteBuffer buf = ByteBuffer.allocate(total);
    buf.putInt(total).putInt(headers.length);
    buf.putInt((int) crc(buf.array(), 0, 8));
    buf.put(headers).put(payload);
    buf.putInt((int) crc(buf.array(), 0, total - 4));
    return buf.array();
  }

  private static byte[] encodeHeaders(Map<String, HeaderValue> headers) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    headers.forEach(
        (name, value) -> {
          byte[] n = name.getBytes(StandardCharsets.UTF_8);
          if (n.length == 0 || n.length > 255) {
            throw new IllegalArgumentException("header name must be 1-255 bytes: " + name);
          }
          out.write(n.length);
          out.writeBytes(n);
          writeValue(out, value);
        });
    return out.toByteArray();
  }

  private static void writeValue(ByteArrayOutputStream out, HeaderValue value) {
    ByteBuffer b;
    switch (value) {
      case HeaderValue.Bool v -> out.write(v.value() ? 0 : 1);
      case HeaderValue.Byte v -> {
        out.write(2);
        out.write(v.value());
      }
      case HeaderValue.Short v -> out.writeBytes(ByteBuffer.allocate(3).put((byte) 3).putShort(v.value()).array());
      case HeaderValue.Int v -> out.writeBytes(ByteBuffer.allocate(5).put((byte) 4).putInt(v.value()).array());
      case HeaderValue.Long v -> out.writeBytes(ByteBuffer.allocate(9).put((byte) 5).putLong(v.value()).array());
      case HeaderValue.Bytes v -> writeVariable(out, 6, v.value());
      case HeaderValue.Str v -> writeVariable(out, 7, v.value().getBytes(StandardCharsets.UTF_8));
      case HeaderValue.Timestamp v ->
          out.writeBytes(ByteBuffer.allocate(9).put((byte) 8).putLong(v.epochMillis()).array());
      case HeaderValue.Uuid v -> {
        b = ByteBuffer.allocate(17).put((byte) 9);
        b.putLong(v.value().getMostSignificantBits()).putLong(v.value().getLeastSignificantBits());
        out.writeBytes(b.array());
      }
    }
  }

  private static void writeVariable(ByteArrayOutputStream out, int type, byte[] bytes) {
    if (bytes.length > 0xFFFF) {
      throw new IllegalArgumentException("header value longer than 65535 bytes");
    }
    out.write(type);
    out.write(bytes.length >>> 8);
    out.write(bytes.length & 0xFF);
    out.writeBytes(bytes);
  }

  static long crc(byte[] bytes, int offset, int length) {
    CRC32 crc = new CRC32();
    crc.update(bytes, offset, length);
    return crc.getValue();
  }
}
