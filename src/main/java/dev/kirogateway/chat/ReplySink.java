package dev.kirogateway.chat;

/**
 * Receives a backend's reply events in order (see {@link ChatEvent} for the contract).
 *
 * <p>{@link #accept} throws {@link java.io.UncheckedIOException} when the client has gone away; the
 * backend must then stop and release its upstream connection.
 */
@FunctionalInterface
public interface ReplySink {
  void accept(ChatEvent event);
}
