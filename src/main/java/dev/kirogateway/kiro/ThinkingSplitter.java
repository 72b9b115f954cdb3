package dev.kirogateway.kiro;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a leading {@code <thinking>…</thinking>} block off the reply text, chunk by chunk (spec
 * §6.2). Not thread-safe: one per reply.
 *
 * <p>One deliberate refinement of the spec's PRE rule: the whitespace limit is checked on the
 * leading whitespace itself, before the open-tag test, so the outcome never depends on how the text
 * was chunked (a single chunk of 70 spaces and {@code <thinking>} is text, exactly as it is when
 * the spaces arrive one by one).
 */
final class ThinkingSplitter {
  static final List<String> OPEN_TAGS =
      List.of("<thinking>", "<think>", "<reasoning>", "<thought>");

  /** What the splitter emits, in order. */
  sealed interface Piece {
    /** Reasoning text (inside the tags). */
    record Thinking(String text) implements Piece {}

    /** The thinking block ended; {@code closed} is false when the stream ended inside it. */
    record ThinkingEnd(boolean closed) implements Piece {}

    /** Answer text. */
    record Text(String text) implements Piece {}
  }

  private enum State {
    PRE,
    THINK,
    AFTER,
    TEXT
  }

  private final int initialBufferSize;
  private final StringBuilder buffer = new StringBuilder();
  private State state = State.PRE;
  private String openTag = "";
  private String closeTag = "";

  ThinkingSplitter(int initialBufferSize) {
    if (initialBufferSize < 1) {
      throw new IllegalArgumentException("initial buffer size must be >= 1");
    }
    this.initialBufferSize = initialBufferSize;
  }

  /** The open tag of the recognised block, {@code ""} when none was recognised (yet). */
  String openTag() {
    return openTag;
  }

  /** The close tag matching {@link #openTag()}, {@code ""} when none. */
  String closeTag() {
    return closeTag;
  }

  /** True while text is held back (PRE buffer or a partial close tag). */
  boolean holdsText() {
    return !buffer.isEmpty();
  }

  /** Processes one chunk and returns what can be emitted now. */
  List<Piece> feed(String chunk) {
    List<Piece> out = new ArrayList<>(2);
    if (chunk.isEmpty()) {
      return out;
    }
    switch (state) {
      case PRE -> pre(chunk, out);
      case THINK -> think(chunk, out);
      case AFTER -> after(chunk, out);
      case TEXT -> out.add(new Piece.Text(chunk));
    }
    return out;
  }

  /**
   * Ends the splitting: emits whatever is held back and passes all later chunks through as text.
   * Called at the end of the stream, and before a tool call so held text keeps its place.
   */
  List<Piece> flush() {
    List<Piece> out = new ArrayList<>(2);
    switch (state) {
      case PRE -> {
        if (!buffer.isEmpty()) {
          out.add(new Piece.Text(buffer.toString()));
        }
      }
      case THINK -> {
        if (!buffer.isEmpty()) {
          out.add(new Piece.Thinking(buffer.toString()));
        }
        out.add(new Piece.ThinkingEnd(false));
      }
      case AFTER, TEXT -> {}
    }
    buffer.setLength(0);
    state = State.TEXT;
    return out;
  }

  private void pre(String chunk, List<Piece> out) {
    buffer.append(chunk);
    int ws = leadingWhitespace(buffer);
    if (ws > initialBufferSize) {
      emitPreAsText(out);
      return;
    }
    String t = buffer.substring(ws);
    if (t.isEmpty()) {
      return;
    }
    for (String tag : OPEN_TAGS) {
      if (t.startsWith(tag)) {
        openTag = tag;
        closeTag = "</" + tag.substring(1);
        state = State.THINK;
        buffer.setLength(0);
        think(t.substring(tag.length()), out);
        return;
      }
    }
    for (String tag : OPEN_TAGS) {
      if (tag.startsWith(t)) {
        return; // a proper prefix of an open tag: wait (bounded by the tag length)
      }
    }
    emitPreAsText(out);
  }

  private void emitPreAsText(List<Piece> out) {
    out.add(new Piece.Text(buffer.toString()));
    buffer.setLength(0);
    state = State.TEXT;
  }

  private void think(String chunk, List<Piece> out) {
    buffer.append(chunk);
    int i = buffer.indexOf(closeTag);
    if (i >= 0) {
      if (i > 0) {
        out.add(new Piece.Thinking(buffer.substring(0, i)));
      }
      out.add(new Piece.ThinkingEnd(true));
      String rest = buffer.substring(i + closeTag.length());
      buffer.setLength(0);
      state = State.AFTER;
      after(rest, out);
      return;
    }
    int keep = heldSuffix(buffer, closeTag);
    int emit = buffer.length() - keep;
    if (emit > 0) {
      out.add(new Piece.Thinking(buffer.substring(0, emit)));
      buffer.delete(0, emit);
    }
  }

  private void after(String chunk, List<Piece> out) {
    int ws = leadingWhitespace(chunk);
    if (ws < chunk.length()) {
      out.add(new Piece.Text(chunk.substring(ws)));
      state = State.TEXT;
    }
  }

  /** Length of the longest suffix of {@code s} that is a proper prefix of {@code tag}. */
  static int heldSuffix(CharSequence s, String tag) {
    for (int k = Math.min(tag.length() - 1, s.length()); k > 0; k--) {
      if (tag.regionMatches(0, s.subSequence(s.length() - k, s.length()).toString(), 0, k)) {
        return k;
      }
    }
    return 0;
  }

  private static int leadingWhitespace(CharSequence s) {
    int i = 0;
    while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
      i++;
    }
    return i;
  }
}
