package dev.kirogateway.anthropic;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.kirogateway.chat.ChatEvent;
import dev.kirogateway.chat.ChatException;
import dev.kirogateway.chat.ReplySink;
import dev.kirogateway.chat.StopReason;
import dev.kirogateway.sse.JsonText;
import dev.kirogateway.sse.SseSink;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Renders the reply stream as Messages SSE events (§7.3): exactly one content block open at a
 * time, indices consecutive from 0. Thread-safe, so that the HTTP layer may call {@link #ping()}
 * from a timer while the backend thread writes events.
 */
public final class AnthropicStreamWriter implements ReplySink {
  private enum Block { NONE, THINKING, REDACTED, TEXT, TOOL }

  private final SseSink sink;
  private final String model;
  private final String id;
  private final JsonText json = new JsonText();
  // a lock rather than synchronized: no carrier pinning on JDK 21 virtual threads
  private final ReentrantLock lock = new ReentrantLock();

  private boolean started;
  private boolean ended;
  private Block open = Block.NONE;
  private int index = -1;
  private int inputTokens;
  private final StringBuilder streamedArgs = new StringBuilder();
  private boolean anyCompleteTool;
  private boolean anyIncompleteTool;

  public AnthropicStreamWriter(SseSink sink, String model, String id) {
    this.sink = Objects.requireNonNull(sink, "sink");
    this.model = Objects.requireNonNull(model, "model");
    this.id = Objects.requireNonNull(id, "id");
  }

  @Override
  public void accept(ChatEvent event) {
    lock.lock();
    try {
      if (!ended) {
        handle(event);
      }
    } finally {
      lock.unlock();
    }
  }

  /** Writes a {@code ping} event; call it while idle to keep proxies from closing the stream. */
  public void ping() {
    lock.lock();
    try {
      if (!ended) {
        write("ping", g -> typeOnly(g, "ping"));
      }
    } finally {
      lock.unlock();
    }
  }

  /**
   * Ends the stream with an {@code error} event and no {@code message_stop}; the open block is
   * deliberately left open so the client sees the message as broken, not complete.
   */
  public void fail(ChatException e) {
    lock.lock();
    try {
      if (ended) {
        return;
      }
      ended = true;
      String type = switch (e.kind()) {
        case RATE_LIMITED, OVERLOADED -> "overloaded_error";
        default -> "api_error";
      };
      write("error", g -> AnthropicRenderer.writeError(g, type, e.getMessage()));
    } finally {
      lock.unlock();
    }
  }

  private void handle(ChatEvent event) {
    if (!(event instanceof ChatEvent.Start)) {
      start(0);
    }
    switch (event) {
      case ChatEvent.Start s -> start(s.inputTokens());
      case ChatEvent.TextDelta t -> textDelta(t.text());
      case ChatEvent.ThinkingDelta t -> thinkingDelta(t.text());
      case ChatEvent.ThinkingSignature s -> signature(s.signature());
      case ChatEvent.RedactedThinking r -> redacted(r.data());
      case ChatEvent.ToolCallStart s -> toolStart(s);
      case ChatEvent.ToolCallDelta d -> toolDelta(d.fragment());
      case ChatEvent.ToolCallEnd e -> toolEnd(e);
      case ChatEvent.Finish f -> finish(f);
    }
  }

  private void start(int tokens) {
    if (started) {
      return;
    }
    started = true;
    inputTokens = tokens;
    write("message_start", g -> {
      g.writeStartObject();
      g.writeStringField("type", "message_start");
      g.writeObjectFieldStart("message");
      g.writeStringField("id", id);
      g.writeStringField("type", "message");
      g.writeStringField("role", "assistant");
      g.writeStringField("model", model);
      g.writeArrayFieldStart("content");
      g.writeEndArray();
      g.writeNullField("stop_reason");
      g.writeNullField("stop_sequence");
      usage(g, tokens, 0);
      g.writeEndObject();
      g.writeEndObject();
    });
    write("ping", g -> typeOnly(g, "ping"));
  }

  private void textDelta(String text) {
    blockDelta(Block.TEXT, "text", "text_delta", text);
  }

  private void thinkingDelta(String text) {
    blockDelta(Block.THINKING, "thinking", "thinking_delta", text);
  }

  /**
   * Appends to the open {@code kind} block, opening it first (as {@code {"type":name,name:""}})
   * when another block or none is open; the delta is {@code {"type":deltaType,name:text}}.
   */
  private void blockDelta(Block kind, String name, String deltaType, String text) {
    if (text.isEmpty()) {
      return;
    }
    if (open != kind) {
      openBlock(kind, g -> {
        g.writeStringField("type", name);
        g.writeStringField(name, "");
      });
    }
    delta(g -> {
      g.writeStringField("type", deltaType);
      g.writeStringField(name, text);
    });
  }

  private void signature(String signature) {
    // a signature without thinking text closes nothing: there is no block to sign
    if (open == Block.THINKING) {
      signatureDelta(signature);
      stopBlock();
    }
  }

  private void signatureDelta(String signature) {
    delta(g -> {
      g.writeStringField("type", "signature_delta");
      g.writeStringField("signature", signature);
    });
  }

  private void redacted(String data) {
    openBlock(Block.REDACTED, g -> {
      g.writeStringField("type", "redacted_thinking");
      g.writeStringField("data", data);
    });
    stopBlock();
  }

  private void toolStart(ChatEvent.ToolCallStart s) {
    streamedArgs.setLength(0);
    openBlock(Block.TOOL, g -> {
      g.writeStringField("type", "tool_use");
      g.writeStringField("id", s.id());
      g.writeStringField("name", s.name());
      g.writeObjectFieldStart("input");
      g.writeEndObject();
    });
  }

  private void toolDelta(String fragment) {
    if (fragment.isEmpty() || open != Block.TOOL) {
      return;
    }
    streamedArgs.append(fragment);
    delta(g -> {
      g.writeStringField("type", "input_json_delta");
      g.writeStringField("partial_json", fragment);
    });
  }

  private void toolEnd(ChatEvent.ToolCallEnd e) {
    // the concatenated fragments must equal the arguments: send what the deltas did not carry
    String all = e.arguments();
    String sent = streamedArgs.toString();
    if (all.length() > sent.length() && all.startsWith(sent)) {
      toolDelta(all.substring(sent.length()));
    }
    if (e.complete()) {
      anyCompleteTool = true;
    } else {
      anyIncompleteTool = true;
    }
    if (open == Block.TOOL) {
      stopBlock();
    }
  }

  private void finish(ChatEvent.Finish f) {
    closeOpen();
    String reason = stopReason(f.reason(), anyCompleteTool, anyIncompleteTool);
    write("message_delta", g -> {
      g.writeStartObject();
      g.writeStringField("type", "message_delta");
      g.writeObjectFieldStart("delta");
      g.writeStringField("stop_reason", reason);
      g.writeNullField("stop_sequence");
      g.writeEndObject();
      usage(g, f.usage().inputTokens(), f.usage().outputTokens());
      g.writeEndObject();
    });
    ended = true;
    write("message_stop", g -> typeOnly(g, "message_stop"));
  }

  static String stopReason(StopReason reason, boolean completeTool, boolean incompleteTool) {
    if (reason == StopReason.MAX_TOKENS || incompleteTool) {
      return "max_tokens";
    }
    return completeTool || reason == StopReason.TOOL_USE ? "tool_use" : "end_turn";
  }

  /** Closes the open block (if any) and starts a new one with the next index. */
  private void openBlock(Block kind, Body contentBlock) {
    closeOpen();
    index++;
    open = kind;
    int i = index;
    write("content_block_start", g -> {
      g.writeStartObject();
      g.writeStringField("type", "content_block_start");
      g.writeNumberField("index", i);
      g.writeObjectFieldStart("content_block");
      contentBlock.write(g);
      g.writeEndObject();
      g.writeEndObject();
    });
  }

  private void closeOpen() {
    if (open == Block.THINKING) {
      // the contract promises a signature first; keep "exactly one signature_delta" regardless
      signatureDelta("");
    }
    if (open != Block.NONE) {
      stopBlock();
    }
  }

  private void stopBlock() {
    int i = index;
    open = Block.NONE;
    write("content_block_stop", g -> {
      g.writeStartObject();
      g.writeStringField("type", "content_block_stop");
      g.writeNumberField("index", i);
      g.writeEndObject();
    });
  }

  private void delta(Body delta) {
    int i = index;
    write("content_block_delta", g -> {
      g.writeStartObject();
      g.writeStringField("type", "content_block_delta");
      g.writeNumberField("index", i);
      g.writeObjectFieldStart("delta");
      delta.write(g);
      g.writeEndObject();
      g.writeEndObject();
    });
  }

  private static void usage(JsonGenerator g, int input, int output) throws IOException {
    g.writeObjectFieldStart("usage");
    g.writeNumberField("input_tokens", input);
    g.writeNumberField("output_tokens", output);
    g.writeEndObject();
  }

  private static void typeOnly(JsonGenerator g, String type) throws IOException {
    g.writeStartObject();
    g.writeStringField("type", type);
    g.writeEndObject();
  }

  private void write(String event, Body body) {
    try {
      body.write(json.gen());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    sink.event(event, json.take());
  }

  @FunctionalInterface
  private interface Body {
    void write(JsonGenerator g) throws IOException;
  }
}
