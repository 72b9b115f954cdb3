package dev.kirogateway.store;

/** The response store failed; the message names what failed and never holds stored content. */
public final class StoreException extends RuntimeException {
  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
