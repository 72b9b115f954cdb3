package dev.kirogateway.responses;

import dev.kirogateway.chat.ChatException;
import dev.kirogateway.chat.ChatRequest;
import dev.kirogateway.chat.ReplySink;
import dev.kirogateway.sse.SseSink;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * One {@code POST /v1/responses} call, ready to run: the canonical request for the backend and
 * the sink that renders (and, on success, stores) the reply. Use {@link #collector()} then {@link
 * #body()} for a JSON response, or {@link #streamTo} and {@link #fail} for an event stream.
 */
public final class ResponsesTurn {
  private final ChatRequest request;
  private final ResponseShell shell;
  private final ResponseIds ids;
  private final Consumer<ResponseStreamWriter.Finished> onFinish;
  private ResponseStreamWriter writer;

  ResponsesTurn(
      ChatRequest request,
      ResponseShell shell,
      ResponseIds ids,
      Consumer<ResponseStreamWriter.Finished> onFinish) {
    this.request = Objects.requireNonNull(request, "request");
    this.shell = shell;
    this.ids = ids;
    this.onFinish = onFinish;
  }

  /** The request for {@link dev.kirogateway.chat.ChatBackend#chat}. */
  public ChatRequest request() {
    return request;
  }

  public String model() {
    return shell.model();
  }

  /** The response id ({@code resp_...}). */
  public String id() {
    return shell.id();
  }

  /** Whether the client asked for an event stream. */
  public boolean stream() {
    return shell.request().stream();
  }

  /** A sink that only collects the reply; then {@link #body()} gives the response object. */
  public ReplySink collector() {
    writer = new ResponseStreamWriter(null, shell, ids, onFinish);
    return writer;
  }

  /** A sink that writes the Responses event stream to {@code sink}. */
  public ReplySink streamTo(SseSink sink) {
    writer = new ResponseStreamWriter(Objects.requireNonNull(sink, "sink"), shell, ids, onFinish);
    return writer;
  }

  /** The response object (UTF-8 JSON) after the reply finished. */
  public byte[] body() {
    return writer().responseJson().getBytes(StandardCharsets.UTF_8);
  }

  /** Ends a started stream with {@code error} and {@code response.failed} events. */
  public void fail(ChatException e) {
    writer().fail(e);
  }

  private ResponseStreamWriter writer() {
    if (writer == null) {
      throw new IllegalStateException("no sink was created for this turn");
    }
    return writer;
  }
}
