package dev.kirogateway.openai;

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
import java.util.Objects;

/**
 * Renders the reply stream as Chat Completions chunks (§7.1), one SSE event per chunk. Thinking
 * becomes {@code reasoning_content}; signatures and redacted thinking are dropped. Not thread-safe.
 */
public final class OpenAiStreamWriter implements ReplySink {
  private final SseSink sink;
  private final String model;
  private final String id;
  private final long created;
  private final boolean includeUsage;
  private final JsonText json = new JsonText();

  private boolean started;
  private boolean finished;
  private int toolIndex = -1;
  private final StringBuilder streamedArgs = new StringBuilder();
  private boolean anyCompleteTool;
  private boolean anyIncompleteTool;

  public OpenAiStreamWriter(
      SseSink sink, String model, String id, long created, boolean includeUsage) {
    this.sink = Objects.requireNonNull(sink, "sink");
    this.model = Objects.requireNonNull(model, "model");
    this.id = Objects.requireNonNull(id, "id");
    this.created = created;
    this.includeUsage = includeUsage;
  }

  @Override
  public void accept(ChatEvent event) {
    if (finished) {
      return;
    }
    if (!(event instanceof ChatEvent.Start)) {
      start();
    }
    switch (event) {
      case ChatEvent.Start s -> start();
      case ChatEvent.TextDelta t -> stringDelta("content", t.text());
      case ChatEvent.ThinkingDelta t -> stringDelta("reasoning_content", t.text());
      case ChatEvent.ThinkingSignature s -> {
        // OpenAI has no slot for reasoning signatures
      }
      case ChatEvent.RedactedThinking r -> {
        // encrypted reasoning is meaningless to OpenAI clients
      }
      case ChatEvent.ToolCallStart s -> toolStart(s);
      case ChatEvent.ToolCallDelta d -> toolArguments(d.fragment());
      case ChatEvent.ToolCallEnd e -> toolEnd(e);
      case ChatEvent.Finish f -> finish(f);
    }
  }

  /**
   * Ends the stream with the in-band error chunk of §8.5 and no {@code [DONE]}, so OpenAI SDKs
   * raise instead of taking a partial answer as complete.
   */
  public void fail(ChatException e) {
    if (finished) {
      return;
    }
    finished = true;
    write(
        g -> {
          g.writeStartObject();
          g.writeObjectFieldStart("error");
          g.writeStringField("message", e.getMessage());
          g.writeStringField("type", "server_error");
          g.writeNullField("param");
          g.writeStringField("code", "upstream_stream_error");
          g.writeEndObject();
          g.writeEndObject();
        });
  }

  private void start() {
    if (started) {
      return;
    }
    started = true;
    chunk(
        g -> {
          g.writeStringField("role", "assistant");
          g.writeStringField("content", "");
        },
        null);
  }

  private void stringDelta(String field, String text) {
    if (!text.isEmpty()) {
      chunk(g -> g.writeStringField(field, text), null);
    }
  }

  private void toolStart(ChatEvent.ToolCallStart s) {
    toolIndex++;
    streamedArgs.setLength(0);
    int index = toolIndex;
    chunk(
        g -> {
          g.writeArrayFieldStart("tool_calls");
          g.writeStartObject();
          g.writeNumberField("index", index);
          g.writeStringField("id", s.id());
          g.writeStringField("type", "function");
          g.writeObjectFieldStart("function");
          g.writeStringField("name", s.name());
          g.writeStringField("arguments", "");
          g.writeEndObject();
          g.writeEndObject();
          g.writeEndArray();
        },
        null);
  }

  private void toolArguments(String piece) {
    if (piece.isEmpty() || toolIndex < 0) {
      return;
    }
    streamedArgs.append(piece);
    int index = toolIndex;
    chunk(
        g -> {
          g.writeArrayFieldStart("tool_calls");
          g.writeStartObject();
          g.writeNumberField("index", index);
          g.writeObjectFieldStart("function");
          g.writeStringField("arguments", piece);
          g.writeEndObject();
          g.writeEndObject();
          g.writeEndArray();
        },
        null);
  }

  private void toolEnd(ChatEvent.ToolCallEnd e) {
    // The concatenated pieces must equal the arguments; send what the deltas did not carry
    // (e.g. "{}" for a call without input fragments).
    String all = e.arguments();
    String sent = streamedArgs.toString();
    if (all.length() > sent.length() && all.startsWith(sent)) {
      toolArguments(all.substring(sent.length()));
    }
    if (e.complete()) {
      anyCompleteTool = true;
    } else {
      anyIncompleteTool = true;
    }
  }

  private void finish(ChatEvent.Finish f) {
    String reason = finishReason(f.reason(), anyCompleteTool, anyIncompleteTool);
    chunk(g -> {}, reason);
    if (includeUsage) {
      write(g -> usageChunk(g, f.usage()));
    }
    finished = true;
    sink.event(null, "[DONE]");
  }

  static String finishReason(StopReason reason, boolean completeTool, boolean incompleteTool) {
    if (reason == StopReason.MAX_TOKENS || incompleteTool) {
      return "length";
    }
    return completeTool || reason == StopReason.TOOL_USE ? "tool_calls" : "stop";
  }

  private void usageChunk(JsonGenerator g, Usage usage) throws IOException {
    header(g);
    g.writeArrayFieldStart("choices");
    g.writeEndArray();
    g.writeFieldName("usage");
    OpenAiRenderer.writeUsage(g, usage);
    g.writeEndObject();
  }

  private void chunk(Body delta, String finishReason) {
    write(
        g -> {
          header(g);
          g.writeArrayFieldStart("choices");
          g.writeStartObject();
          g.writeNumberField("index", 0);
          g.writeObjectFieldStart("delta");
          delta.write(g);
          g.writeEndObject();
          g.writeNullField("logprobs");
          if (finishReason == null) {
            g.writeNullField("finish_reason");
          } else {
            g.writeStringField("finish_reason", finishReason);
          }
          g.writeEndObject();
          g.writeEndArray();
          if (includeUsage) {
            g.writeNullField("usage");
          }
          g.writeEndObject();
        });
  }

  private void header(JsonGenerator g) throws IOException {
    g.writeStartObject();
    g.writeStringField("id", id);
    g.writeStringField("object", "chat.completion.chunk");
    g.writeNumberField("created", created);
    g.writeStringField("model", model);
  }

  private void write(Body body) {
    try {
      body.write(json.gen());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    sink.event(null, json.take());
  }

  @FunctionalInterface
  private interface Body {
    void write(JsonGenerator g) throws IOException;
  }
}
