package dev.kirogateway.eventstream;

/** The byte stream is not valid event-stream framing (bad CRC, impossible length, bad header). */
public final class EventStreamException extends RuntimeException {
  private final long offset;

  public EventStreamException(String reason, long offset) {
    super(reason + " at stream offset " + offset, null, false, false);
    this.offset = offset;
  }

  /** Offset in the whole stream of the message that failed. */
  public long offset() {
    return offset;
  }
}
