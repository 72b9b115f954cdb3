package dev.kirogateway.chat;

/** The upstream side as the HTTP layer sees it. Implemented by the Kiro client. */
public interface ChatBackend {

  /**
   * Runs one request and blocks until the reply is complete, sending its events to {@code sink}.
   *
   * @throws ChatException for every failure the client should see, before or after {@link
   *     ChatEvent.Start}
   */
  void chat(ChatRequest request, ReplySink sink);

  /** Estimates the input tokens of the upstream request {@code request} would produce. */
  int countTokens(ChatRequest request);
}
