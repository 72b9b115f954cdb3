package dev.kirogateway.eventstream;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.zip.CRC32;

/**
 * Incremental event-stream decoder. Feed it network reads of any size; it emits each message once
 * all of its bytes arrived and both CRCs matched. Any framing error is fatal ({@link
 * EventStreamException}); there is no resynchronisation. Not thread-safe: one per stream.
 */
public final class EventStreamDecoder {
  /** Botocore's limits; larger values are treated as corruption, not as a reason to allocate. */
  static final int MAX_HEADERS_LENGTH = 128 * 1024;

  static final int MAX_TOTAL_LENGTH = 24 * 1024 * 1024;
  private static final int PRELUDE = 12;
  private static final int MIN_TOTAL = 16;

  /**
   * Header names and string values Kiro sends in every frame, shared instead of decoded anew
   * (with the CRC reuse below this halves the decoder's allocation per frame).
   */
  private static final String[] COMMON = {
    ":event-type", ":content-type", ":message-type", ":exception-type", "event", "exception",
    "application/json", "assistantResponseEvent", "reasoningContentEvent", "toolUseEvent",
    "meteringEvent", "contextUsageEvent", "metadataEvent", "initial-response"
  };

  private static final byte[][] COMMON_UTF8 = new byte[COMMON.length][];
  private static final HeaderValue.Str[] COMMON_VALUES = new HeaderValue.Str[COMMON.length];

  static {
    for (int i = 0; i < COMMON.length; i++) {
      COMMON_UTF8[i] = COMMON[i].getBytes(StandardCharsets.UTF_8);
      COMMON_VALUES[i] = new HeaderValue.Str(COMMON[i]);
    }
  }

  private final CRC32 crc32 = new CRC32();
  private byte[] buf = new byte[2048];
  private int start;
  private int end;
  private long consumed;
  private boolean failed;

  /** Feeds bytes; calls {@code sink} for every complete message, in order. */
  public void feed(byte[] bytes, int offset, int length, Consumer<Message> sink) {
    if (failed) {
      throw new IllegalStateException("decoder already failed");
    }
    append(bytes, offset, length);
    try {
      Message m;
      while ((m = next()) != null) {
        sink.accept(m);
      }
    } catch (EventStreamException e) {
      failed = true;
      throw e;
    }
  }

  public void feed(byte[] bytes, Consumer<Message> sink) {
    feed(bytes, 0, bytes.length, sink);
  }

  /** True when bytes of an incomplete message are buffered (end of body now = truncation). */
  public boolean hasPartialMessage() {
    return end > start;
  }

  /** Total bytes of complete messages decoded so far. */
  public long bytesDecoded() {
    return consumed;
  }

  private void append(byte[] bytes, int offset, int length) {
    if (end + length > buf.length) {
      int live = end - start;
      if (live + length <= buf.length && start > 0) {
        System.arraycopy(buf, start, buf, 0, live);
      } else {
        byte[] bigger = new byte[Math.max(buf.length * 2, live + length)];
        System.arraycopy(buf, start, bigger, 0, live);
        buf = bigger;
      }
      start = 0;
      end = live;
    }
    System.arraycopy(bytes, offset, buf, end, length);
    end += length;
  }

  private Message next() {
    int available = end - start;
    if (available < PRELUDE) {
      return null;
    }
    int total = readInt(start);
    int headersLength = readInt(start + 4);
    int preludeCrc = readInt(start + 8);
    if ((int) crc(start, 8) != preludeCrc) {
      throw new EventStreamException("prelude CRC mismatch", consumed);
    }
    if (total < MIN_TOTAL || total > MAX_TOTAL_LENGTH) {
      throw new EventStreamException("impossible message length " + Integer.toUnsignedString(total), consumed);
    }
    if (headersLength < 0 || headersLength > MAX_HEADERS_LENGTH || headersLength > total - MIN_TOTAL) {
      throw new EventStreamException("impossible headers length " + Integer.toUnsignedString(headersLength), consumed);
    }
    if (available < total) {
      return null;
    }
    int messageCrc = readInt(start + total - 4);
    if ((int) crc(start, total - 4) != messageCrc) {
      throw new EventStreamException("message CRC mismatch", consumed);
    }
    LinkedHashMap<String, HeaderValue> headers = parseHeaders(start + PRELUDE, headersLength);
    int payloadStart = start + PRELUDE + headersLength;
    byte[] payload = Arrays.copyOfRange(buf, payloadStart, start + total - 4);
    start += total;
    consumed += total;
    if (start == end) {
      start = 0;
      end = 0;
    }
    return Message.owning(headers, payload);
  }

  private LinkedHashMap<String, HeaderValue> parseHeaders(int pos, int length) {
    LinkedHashMap<String, HeaderValue> headers = new LinkedHashMap<>();
    int limit = pos + length;
    while (pos < limit) {
      int nameLength = buf[pos++] & 0xFF;
      if (nameLength == 0) {
        throw headerError("empty header name");
      }
      need(pos, nameLength + 1, limit);
      int known = common(pos, nameLength);
      String name = known >= 0 ? COMMON[known] : new String(buf, pos, nameLength, StandardCharsets.UTF_8);
      pos += nameLength;
      int type = buf[pos++];
      HeaderValue value;
      switch (type) {
        case 0 -> value = new HeaderValue.Bool(true);
        case 1 -> value = new HeaderValue.Bool(false);
        case 2 -> {
          need(pos, 1, limit);
          value = new HeaderValue.Byte(buf[pos]);
          pos += 1;
        }
        case 3 -> {
          need(pos, 2, limit);
          value = new HeaderValue.Short((short) ((buf[pos] << 8) | (buf[pos + 1] & 0xFF)));
          pos += 2;
        }
        case 4 -> {
          need(pos, 4, limit);
          value = new HeaderValue.Int(readInt(pos));
          pos += 4;
        }
        case 5, 8 -> {
          need(pos, 8, limit);
          long v = ((long) readInt(pos) << 32) | (readInt(pos + 4) & 0xFFFFFFFFL);
          value = type == 5 ? new HeaderValue.Long(v) : new HeaderValue.Timestamp(v);
          pos += 8;
        }
        case 6, 7 -> {
          need(pos, 2, limit);
          int len = ((buf[pos] & 0xFF) << 8) | (buf[pos + 1] & 0xFF);
          pos += 2;
          need(pos, len, limit);
          int knownValue = type == 7 ? common(pos, len) : -1;
          value =
              type == 6
                  ? new HeaderValue.Bytes(Arrays.copyOfRange(buf, pos, pos + len))
                  : knownValue >= 0
                      ? COMMON_VALUES[knownValue]
                      : new HeaderValue.Str(new String(buf, pos, len, StandardCharsets.UTF_8));
          pos += len;
        }
        case 9 -> {
          need(pos, 16, limit);
          long hi = ((long) readInt(pos) << 32) | (readInt(pos + 4) & 0xFFFFFFFFL);
          long lo = ((long) readInt(pos + 8) << 32) | (readInt(pos + 12) & 0xFFFFFFFFL);
          value = new HeaderValue.Uuid(new UUID(hi, lo));
          pos += 16;
        }
        default -> throw headerError("unknown header value type " + type);
      }
      headers.put(name, value);
    }
    return headers;
  }

  private void need(int pos, int count, int limit) {
    if (pos + count > limit) {
      throw headerError("header runs past the headers section");
    }
  }

  private EventStreamException headerError(String reason) {
    return new EventStreamException(reason, consumed);
  }

  private int readInt(int pos) {
    return ((buf[pos] & 0xFF) << 24)
        | ((buf[pos + 1] & 0xFF) << 16)
        | ((buf[pos + 2] & 0xFF) << 8)
        | (buf[pos + 3] & 0xFF);
  }

  private long crc(int pos, int length) {
    crc32.reset();
    crc32.update(buf, pos, length);
    return crc32.getValue();
  }

  /** The index of the common string spelled by {@code buf[pos, pos + length)}, or -1. */
  private int common(int pos, int length) {
    for (int i = 0; i < COMMON_UTF8.length; i++) {
      byte[] c = COMMON_UTF8[i];
      if (c.length == length && Arrays.equals(c, 0, length, buf, pos, pos + length)) {
        return i;
      }
    }
    return -1;
  }
}
