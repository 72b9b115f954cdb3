package dev.kirogateway.kiro;

import java.util.Objects;

/**
 * The Kiro reply stream failed: an exception or error frame, an {@code invalidStateEvent}, broken
 * framing, or an end of body that is not a clean completion. The message is safe to log: upstream
 * text is shortened and stripped of control characters, and raw bytes never appear.
 */
public final class KiroStreamException extends RuntimeException {
  static final int MAX_TEXT = 300;

  /** What kind of failure it is. */
  public enum Kind {
    /** A frame with {@code :message-type} {@code exception} (e.g. ThrottlingException). */
    EXCEPTION_FRAME,
    /** A frame with {@code :message-type} {@code error} ({@code :error-code} headers). */
    ERROR_FRAME,
    /** An {@code invalidStateEvent}. */
    INVALID_STATE,
    /** A CRC mismatch, impossible length or malformed header or payload. */
    CORRUPT_FRAME,
    /** The body ended in the middle of a frame. */
    TRUNCATED_FRAME,
    /** The body ended cleanly without any content or completion event. */
    EMPTY_STREAM
  }

  private final Kind kind;
  private final String upstreamType;
  private final String upstreamMessage;
  private final String reason;
  private final boolean started;

  KiroStreamException(
      Kind kind, String upstreamType, String upstreamMessage, String reason, boolean started) {
    super(describe(kind, upstreamType, upstreamMessage, reason), null, false, false);
    this.kind = Objects.requireNonNull(kind, "kind");
    this.upstreamType = clean(Objects.requireNonNull(upstreamType, "upstreamType"));
    this.upstreamMessage = clean(Objects.requireNonNull(upstreamMessage, "upstreamMessage"));
    this.reason = reason == null ? null : clean(reason);
    this.started = started;
  }

  public Kind kind() {
    return kind;
  }

  /**
   * The upstream's error name ({@code ThrottlingException}, the {@code :error-code}, {@code
   * InvalidStateException}); for local failures a label such as {@code CorruptFrame}.
   */
  public String upstreamType() {
    return upstreamType;
  }

  /** The upstream's message (shortened), or a description of the local failure. */
  public String upstreamMessage() {
    return upstreamMessage;
  }

  /** The upstream's {@code reason} field, or null when it sent none. */
  public String reason() {
    return reason;
  }

  /** Whether {@link dev.kirogateway.chat.ChatEvent.Start} had already been emitted. */
  public boolean started() {
    return started;
  }

  private static String describe(Kind kind, String type, String message, String reason) {
    String text = "Kiro reply stream failed (" + kind + "): " + clean(type) + ": " + clean(message);
    return reason == null ? text : text + " (reason: " + clean(reason) + ")";
  }

  /** Shortens text and replaces control characters, so upstream text is safe to log. */
  static String clean(String s) {
    StringBuilder b = new StringBuilder(Math.min(s.length(), MAX_TEXT + 1));
    for (int i = 0; i < s.length() && b.length() < MAX_TEXT; i++) {
      char c = s.charAt(i);
      b.append(Character.isISOControl(c) ? ' ' : c);
    }
    if (b.length() < s.length()) {
      if (Character.isHighSurrogate(b.charAt(b.length() - 1))) {
        b.setLength(b.length() - 1);
      }
      b.append('…');
    }
    return b.toString();
  }
}
