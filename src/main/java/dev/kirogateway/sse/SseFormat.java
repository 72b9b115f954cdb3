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
    return eventText(eventName, data).getBytes(StandardCharsets.UTF_8);
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
