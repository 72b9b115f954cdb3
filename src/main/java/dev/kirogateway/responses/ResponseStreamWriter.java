package dev.kirogateway.responses;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.kirogateway.chat.ChatEvent;
import dev.kirogateway.chat.ChatException;
import dev.kirogateway.chat.ReplySink;
import dev.kirogateway.chat.StopReason;
import dev.kirogateway.chat.Usage;
import dev.kirogateway.sse.JsonText;
import dev.kirogateway.sse.SseSink;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Turns the reply stream into Responses API output items and, when given a sink, into the typed
 * event stream ({@code response.created} … {@code response.completed}) with sequence numbers.
 * Thinking becomes a reasoning item with one summary part; signatures and redacted thinking are
 * dropped. Without a sink it only collects (non-streaming responses). Not thread-safe.
 */
final class ResponseStreamWriter implements ReplySink {

  /** The finished response, handed to the state hook before the final event is written. */
  record Finished(String status, String outputItemsJson, String responseJson) {}

  private final SseSink sink;
  private final ResponseShell shell;
  private final ResponseIds ids;
  private final Consumer<Finished> onFinish;
  private final JsonText json = new JsonText();
  private final List<OutputItem> output = new ArrayList<>();
  private OutputItem open;
  private long sequence;
  private boolean started;
  private boolean finished;
  private String responseJson;

  /** @param sink where events go; null to collect only */
  ResponseStreamWriter(
      SseSink sink, ResponseShell shell, ResponseIds ids, Consumer<Finished> onFinish) {
    this.sink = sink;
    this.shell = Objects.requireNonNull(shell, "shell");
    this.ids = Objects.requireNonNull(ids, "ids");
    this.onFinish = Objects.requireNonNull(onFinish, "onFinish");
  }

  @Override
  public void accept(ChatEvent event) {
    if (finished) {
      return;
    }
    start();
    switch (event) {
      case ChatEvent.Start s -> {}
      case ChatEvent.ThinkingDelta t -> thinking(t.text());
      case ChatEvent.ThinkingSignature s -> closeIf(OutputItem.Kind.REASONING);
      case ChatEvent.RedactedThinking r -> {
        // encrypted Anthropic reasoning means nothing to Responses clients
      }
      case ChatEvent.TextDelta t -> text(t.text());
      case ChatEvent.ToolCallStart s -> toolStart(s);
      case ChatEvent.ToolCallDelta d -> toolDelta(d.fragment());
      case ChatEvent.ToolCallEnd e -> toolEnd(e);
      case ChatEvent.Finish f -> finish(f);
    }
  }

  /** The response object, once the reply finished. */
  String responseJson() {
    if (responseJson == null) {
      throw new IllegalStateException("the backend returned without finishing the reply");
    }
    return responseJson;
  }

  /**
   * Ends the stream after a failure: an {@code error} event, then {@code response.failed} with
   * the items finished so far, so SDKs and Codex both see the failure.
   */
  void fail(ChatException e) {
    if (finished) {
      return;
    }
    finished = true;
    List<OutputItem> done = output.stream().filter(i -> i != open).toList();
    event("error", g -> {
      g.writeStringField("code", ResponseJson.errorCode(e.kind()));
      g.writeStringField("message", e.getMessage());
      g.writeNullField("param");
    });
    event("response.failed", g -> {
      g.writeFieldName("response");
      ResponseJson.response(g, shell, "failed", done, null, e);
    });
  }

  private void start() {
    if (started) {
      return;
    }
    started = true;
    for (String type : List.of("response.created", "response.in_progress")) {
      event(type, g -> {
        g.writeFieldName("response");
        ResponseJson.response(g, shell, "in_progress", List.of(), null, null);
      });
    }
  }

  private void thinking(String text) {
    if (text.isEmpty()) {
      return;
    }
    OutputItem item = ensureOpen(OutputItem.Kind.REASONING);
    item.text.append(text);
    event("response.reasoning_summary_text.delta", g -> {
      itemRef(g, item);
      g.writeNumberField("summary_index", 0);
      g.writeStringField("delta", text);
    });
  }

  private void text(String text) {
    if (text.isEmpty()) {
      return;
    }
    OutputItem item = ensureOpen(OutputItem.Kind.MESSAGE);
    item.text.append(text);
    event("response.output_text.delta", g -> {
      itemRef(g, item);
      g.writeNumberField("content_index", 0);
      g.writeStringField("delta", text);
      g.writeArrayFieldStart("logprobs");
      g.writeEndArray();
    });
  }

  private void toolStart(ChatEvent.ToolCallStart s) {
    close("completed");
    openItem(OutputItem.functionCall(ids.functionCall(), s.id(), s.name()));
  }

  private void toolDelta(String fragment) {
    if (open == null || open.kind != OutputItem.Kind.FUNCTION_CALL || fragment.isEmpty()) {
      return;
    }
    OutputItem item = open;
    item.text.append(fragment);
    argumentsDelta(item, fragment);
  }

  private void toolEnd(ChatEvent.ToolCallEnd e) {
    if (open == null || open.kind != OutputItem.Kind.FUNCTION_CALL) {
      return;
    }
    OutputItem item = open;
    String streamed = item.text.toString();
    // the deltas must add up to the final arguments ("{}" for a call that sent no fragments)
    if (!e.arguments().equals(streamed) && e.arguments().startsWith(streamed)) {
      argumentsDelta(item, e.arguments().substring(streamed.length()));
    }
    item.text.setLength(0);
    item.text.append(e.arguments());
    close(e.complete() ? "completed" : "incomplete");
  }

  private void argumentsDelta(OutputItem item, String delta) {
    event("response.function_call_arguments.delta", g -> {
      itemRef(g, item);
      g.writeStringField("delta", delta);
    });
  }

  private void finish(ChatEvent.Finish f) {
    boolean truncated = f.reason() == StopReason.MAX_TOKENS;
    close(truncated ? "incomplete" : "completed");
    String status = truncated ? "incomplete" : "completed";
    Usage usage = f.usage();
    responseJson = render(g -> ResponseJson.response(g, shell, status, output, usage, null));
    String items = render(g -> {
      g.writeStartArray();
      for (OutputItem item : output) {
        ResponseJson.item(g, item, true);
      }
      g.writeEndArray();
    });
    onFinish.accept(new Finished(status, items, responseJson));
    event(truncated ? "response.incomplete" : "response.completed", g -> {
      g.writeFieldName("response");
      g.writeRawValue(responseJson);
    });
    finished = true;
  }

  private OutputItem ensureOpen(OutputItem.Kind kind) {
    if (open != null && open.kind == kind) {
      return open;
    }
    close("completed");
    OutputItem item =
        kind == OutputItem.Kind.REASONING
            ? OutputItem.reasoning(ids.reasoning())
            : OutputItem.message(ids.message());
    openItem(item);
    return item;
  }

  private void openItem(OutputItem item) {
    output.add(item);
    open = item;
    int index = output.size() - 1;
    event("response.output_item.added", g -> {
      g.writeNumberField("output_index", index);
      g.writeFieldName("item");
      ResponseJson.item(g, item, false);
    });
    switch (item.kind) {
      case REASONING -> event("response.reasoning_summary_part.added", g -> {
        itemRef(g, item);
        g.writeNumberField("summary_index", 0);
        g.writeFieldName("part");
        ResponseJson.summaryPart(g, "");
      });
      case MESSAGE -> event("response.content_part.added", g -> {
        itemRef(g, item);
        g.writeNumberField("content_index", 0);
        g.writeFieldName("part");
        ResponseJson.textPart(g, "");
      });
      case FUNCTION_CALL -> {}
    }
  }

  private void closeIf(OutputItem.Kind kind) {
    if (open != null && open.kind == kind) {
      close("completed");
    }
  }

  /** Closes the open item, if any, with its done events; {@code status} for messages and calls. */
  private void close(String status) {
    OutputItem item = open;
    if (item == null) {
      return;
    }
    open = null;
    item.status = status;
    String text = item.text.toString();
    switch (item.kind) {
      case REASONING -> {
        event("response.reasoning_summary_text.done", g -> {
          itemRef(g, item);
          g.writeNumberField("summary_index", 0);
          g.writeStringField("text", text);
        });
        event("response.reasoning_summary_part.done", g -> {
          itemRef(g, item);
          g.writeNumberField("summary_index", 0);
          g.writeFieldName("part");
          ResponseJson.summaryPart(g, text);
        });
      }
      case MESSAGE -> {
        event("response.output_text.done", g -> {
          itemRef(g, item);
          g.writeNumberField("content_index", 0);
          g.writeStringField("text", text);
          g.writeArrayFieldStart("logprobs");
          g.writeEndArray();
        });
        event("response.content_part.done", g -> {
          itemRef(g, item);
          g.writeNumberField("content_index", 0);
          g.writeFieldName("part");
          ResponseJson.textPart(g, text);
        });
      }
      case FUNCTION_CALL -> event("response.function_call_arguments.done", g -> {
        itemRef(g, item);
        g.writeStringField("name", item.name);
        g.writeStringField("arguments", text);
      });
    }
    int index = output.indexOf(item);
    event("response.output_item.done", g -> {
      g.writeNumberField("output_index", index);
      g.writeFieldName("item");
      ResponseJson.item(g, item, true);
    });
  }

  private void itemRef(JsonGenerator g, OutputItem item) throws IOException {
    g.writeStringField("item_id", item.id);
    g.writeNumberField("output_index", output.indexOf(item));
  }

  @FunctionalInterface
  private interface Body {
    void write(JsonGenerator g) throws IOException;
  }

  /** One SSE event: {@code type} and {@code sequence_number} first, then the event's fields. */
  private void event(String type, Body body) {
    if (sink == null) {
      return;
    }
    long seq = sequence++;
    String data = render(g -> {
      g.writeStartObject();
      g.writeStringField("type", type);
      g.writeNumberField("sequence_number", seq);
      body.write(g);
      g.writeEndObject();
    });
    sink.event(type, data);
  }

  private String render(Body body) {
    try {
      body.write(json.gen());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return json.take();
  }
}
