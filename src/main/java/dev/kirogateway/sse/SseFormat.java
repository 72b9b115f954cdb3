package dev.kirogateway.sse;

import java.nio.charset.StandardCharsets;

/** The exact bytes of SSE events (WHATWG Server-Sent Events). Pure. */
public final class SseFormat {

  private SseFormat() {}

  /**
   * {@code event: name\ndata: line\n...\n\n}. Data with line breaks (CR, LF or CRLF) becomes one
   * {@code data:} line per line, which a conforming client joins back with {@code \n}.
   */
  public static String eventText(String eventName, String data) {
    StringBuilder out = new StringBuilder(data.length() + 32);
    if (eventName != null) {
      out.append("event: ").append(eventName).append('\n');
    }
    appendLines(out, "data: ", data);
    return out.append('\n').toString();
  }

  /** {@code : text\n\n}, one {@code :} line per line of text. */
  public static String commentText(String text) {
    StringBuilder out = new StringBuilder(text.length() + 8);
    appendLines(out, ": ", text);
    return out.append('\n').toString();
  }

  public static byte[] event(String eventName, String data) {
    if (!plainAscii(eventName) || hasLineBreak(data)) {
      return eventText(eventName, data).getBytes(StandardCharsets.UTF_8);
    }
    // the streaming hot path (one JSON chunk per token, which never holds a raw line break):
    // encode once into the exact array instead of via a builder and two more copies
    byte[] d = data.getBytes(StandardCharsets.UTF_8);
    int nameLength = eventName == null ? 0 : EVENT.length + eventName.length() + 1;
    byte[] out = new byte[nameLength + DATA.length + d.length + 2];
    int pos = 0;
    if (eventName != null) {
      System.arraycopy(EVENT, 0, out, 0, EVENT.length);
      pos = EVENT.length;
      for (int i = 0; i < eventName.length(); i++) {
        out[pos++] = (byte) eventName.charAt(i);
      }
      out[pos++] = '\n';
    }
    System.arraycopy(DATA, 0, out, pos, DATA.length);
    System.arraycopy(d, 0, out, pos + DATA.length, d.length);
    out[out.length - 2] = '\n';
    out[out.length - 1] = '\n';
    return out;
  }

  private static final byte[] EVENT = "event: ".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] DATA = "data: ".getBytes(StandardCharsets.US_ASCII);

  /** Null, or printable ASCII without line breaks (every event name the dialects use). */
  private static boolean plainAscii(String name) {
    if (name == null) {
      return true;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c < 0x20 || c > 0x7e) {
        return false;
      }
    }
    return true;
  }

  private static boolean hasLineBreak(String text) {
    return text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0;
  }

  public static byte[] comment(String text) {
    return commentText(text).getBytes(StandardCharsets.UTF_8);
  }

  private static void appendLines(StringBuilder out, String prefix, String text) {
    int start = 0;
    int n = text.length();
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      if (c == '\n' || c == '\r') {
        out.append(prefix).append(text, start, i).append('\n');
        if (c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') {
          i++;
        }
        start = i + 1;
      }
    }
    out.append(prefix).append(text, start, n).append('\n');
  }
}
