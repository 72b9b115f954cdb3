package dev.kirogateway.kiro;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.kirogateway.chat.ChatEvent;
import dev.kirogateway.chat.ReplySink;
import dev.kirogateway.chat.StopReason;
import dev.kirogateway.chat.Usage;
import dev.kirogateway.eventstream.EventStreamDecoder;
import dev.kirogateway.eventstream.EventStreamException;
import dev.kirogateway.eventstream.Message;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the raw body of a Kiro {@code generateAssistantResponse} reply into the {@link ChatEvent}
 * stream (spec §5.3–§5.8, §6). Feed it network reads of any size, then call {@link #finish()} at a
 * clean end of the body. Failures are thrown as {@link KiroStreamException}. Pure: no I/O. Not
 * thread-safe: one per reply.
 */
public final class KiroReplyDecoder {
  private static final Logger log = LoggerFactory.getLogger(KiroReplyDecoder.class);
  /**
   * Jackson's default buffer pool is per thread; with one virtual thread per stream that means a
   * new set of parser buffers per stream, kept alive for the stream's life (docs/BENCHMARKS.md).
   * A shared pool lends them per frame instead.
   */
  private static final ObjectMapper JSON =
      new ObjectMapper(
          JsonFactory.builder().recyclerPool(JsonRecyclerPools.sharedConcurrentDequePool()).build());
  private static final Set<String> IGNORED_EVENTS =
      Set.of(
          "initial-response",
          "messageMetadataEvent",
          "followupPromptEvent",
          "codeReferenceEvent",
          "supplementaryWebLinksEvent",
          "citationEvent",
          "intentsEvent",
          "interactionComponentsEvent",
          "toolResultEvent",
          "dryRunSucceedEvent");

  private static final List<String> INPUT_TOKEN_KEYS =
      List.of("uncachedInputTokens", "cacheReadInputTokens", "cacheWriteInputTokens");

  private final ReplyOptions options;
  private final ReplySink sink;
  private final EventStreamDecoder frames = new EventStreamDecoder();
  private final ThinkingSplitter splitter;
  private final ToolCallAssembler tools;
  /** Everything the model produced (text, thinking, tool arguments), for the output estimate. */
  private final StringBuilder produced = new StringBuilder();
  /** Thinking text of the open block, for the gateway signature. */
  private final StringBuilder blockThinking = new StringBuilder();

  private boolean started;
  private boolean thinkingOpen;
  private boolean passTagOpen;
  private boolean contentSeen;
  private boolean completionSignal;
  private boolean bookkeepingSeen;
  private boolean done;
  private String lastText;
  private OptionalDouble credits = OptionalDouble.empty();
  private OptionalDouble contextPercent = OptionalDouble.empty();
  /** Token figures from a metadataEvent, {input, output}; null when none arrived. */
  private int[] upstreamTokens;

  public KiroReplyDecoder(ReplyOptions options, ReplySink sink) {
    this.options = Objects.requireNonNull(options, "options");
    this.sink = Objects.requireNonNull(sink, "sink");
    this.splitter =
        options.parseThinking() ? new ThinkingSplitter(options.thinkingBufferSize()) : null;
    this.tools = new ToolCallAssembler(options.toolNames());
  }

  /** True once {@link ChatEvent.Start} was emitted. */
  public boolean started() {
    return started;
  }

  /** Feeds one network read; emits every event it completes. */
  public void feed(byte[] buf, int off, int len) {
    checkUsable();
    boolean ok = false;
    try {
      frames.feed(buf, off, len, this::onMessage);
      ok = true;
    } catch (EventStreamException e) {
      throw new KiroStreamException(
          KiroStreamException.Kind.CORRUPT_FRAME, "CorruptFrame", e.getMessage(), null, started);
    } finally {
      done = !ok;
    }
  }

  /** Called at a clean end of the body: flushes held text and emits {@link ChatEvent.Finish}. */
  public void finish() {
    checkUsable();
    done = true;
    if (frames.hasPartialMessage()) {
      throw new KiroStreamException(
          KiroStreamException.Kind.TRUNCATED_FRAME,
          "TruncatedFrame",
          "the body ended inside an event-stream frame",
          null,
          started);
    }
    flushSplitter();
    if (tools.open()) {
      emitToolEvent(tools.finishCurrent(false));
    }
    closeThinking();
    if (!contentSeen && !bookkeepingSeen) {
      throw new KiroStreamException(
          KiroStreamException.Kind.EMPTY_STREAM,
          "EmptyStream",
          "the reply ended without any content or completion event",
          null,
          started);
    }
    emit(new ChatEvent.Finish(stopReason(), usage()));
  }

  private void checkUsable() {
    if (done) {
      throw new IllegalStateException("reply decoder already finished or failed");
    }
  }

  private void onMessage(Message m) {
    String messageType = m.stringHeader(":message-type").orElse("event");
    switch (messageType) {
      case "event" -> onEvent(m);
      case "exception" -> throw exceptionFrame(m);
      case "error" ->
          throw new KiroStreamException(
              KiroStreamException.Kind.ERROR_FRAME,
              m.stringHeader(":error-code").orElse("UnknownError"),
              m.stringHeader(":error-message").orElse(""),
              null,
              started);
      default -> log.debug("ignoring frame with :message-type {}", messageType);
    }
  }

  private void onEvent(Message m) {
    if (m.headers().isEmpty() && m.payloadLength() == 0) {
      return; // an empty keep-alive style frame: valid framing, nothing to do
    }
    String type = m.stringHeader(":event-type").orElse("");
    switch (type) {
      case "assistantResponseEvent", "codeEvent" ->
          onText(nested(payload(m), type).path("content"));
      case "toolUseEvent" -> onTool(nested(payload(m), type));
      case "reasoningContentEvent" -> onReasoning(nested(payload(m), type));
      case "meteringEvent" -> onMetering(nested(payload(m), type));
      case "contextUsageEvent" -> onContextUsage(nested(payload(m), type));
      case "metadataEvent" -> onMetadata(nested(payload(m), type));
      case "invalidStateEvent" -> throw invalidState(payload(m));
      default -> {
        if (IGNORED_EVENTS.contains(type)) {
          log.debug("ignoring {}", type);
        } else {
          log.debug("ignoring unknown event type '{}'", KiroStreamException.clean(type));
        }
      }
    }
  }

  // ---- content events

  private void onText(JsonNode content) {
    if (!content.isTextual() || content.asText().isEmpty()) {
      return;
    }
    String text = content.asText();
    if (options.dedupConsecutiveText() && text.equals(lastText)) {
      log.debug("dropping repeated text event");
      return;
    }
    lastText = text;
    contentSeen = true;
    endOpenTool();
    if (splitter == null) {
      produced.append(text);
      emitText(text);
    } else {
      splitter.feed(text).forEach(this::onPiece);
    }
  }

  private void onPiece(ThinkingSplitter.Piece piece) {
    String handling = options.thinkingHandling();
    switch (piece) {
      case ThinkingSplitter.Piece.Text t -> {
        produced.append(t.text());
        emitText(t.text());
      }
      case ThinkingSplitter.Piece.Thinking t -> {
        produced.append(t.text());
        switch (handling) {
          case "as_reasoning_content" -> emitThinking(t.text());
          case "pass" -> {
            openPassTag();
            emitText(t.text());
          }
          case "strip_tags" -> emitText(t.text());
          default -> {} // remove
        }
      }
      case ThinkingSplitter.Piece.ThinkingEnd e -> {
        if (handling.equals("pass") && e.closed()) {
          openPassTag();
          emitText(splitter.closeTag());
          passTagOpen = false;
        }
        closeThinking();
      }
    }
  }

  private void openPassTag() {
    if (!passTagOpen) {
      passTagOpen = true;
      emitText(splitter.openTag());
    }
  }

  private void onTool(JsonNode p) {
    contentSeen = true;
    flushSplitter();
    String id = p.path("toolUseId").isTextual() ? p.path("toolUseId").asText() : null;
    String name = p.path("name").isTextual() ? p.path("name").asText() : null;
    boolean stop = p.path("stop").asBoolean(false);
    for (ChatEvent e : tools.accept(id, name, p.get("input"), stop)) {
      emitToolEvent(e);
    }
  }

  private void onReasoning(JsonNode p) {
    String text = p.path("text").isTextual() ? p.path("text").asText() : "";
    String signature = p.path("signature").isTextual() ? p.path("signature").asText() : "";
    String redacted =
        p.path("redactedContent").isTextual() ? p.path("redactedContent").asText() : "";
    if (text.isEmpty() && signature.isEmpty() && redacted.isEmpty()) {
      return;
    }
    contentSeen = true;
    endOpenTool();
    if (splitter != null && splitter.holdsText()) {
      flushSplitter();
    }
    if (!text.isEmpty()) {
      produced.append(text);
      emitThinking(text);
    }
    if (!signature.isEmpty()) {
      if (thinkingOpen) {
        thinkingOpen = false;
        blockThinking.setLength(0);
        emit(new ChatEvent.ThinkingSignature(signature));
      } else {
        log.debug("ignoring reasoning signature without reasoning text");
      }
    }
    if (!redacted.isEmpty()) {
      closeThinking();
      emit(new ChatEvent.RedactedThinking(redacted));
    }
  }

  // ---- bookkeeping events

  private void onMetering(JsonNode p) {
    bookkeepingSeen = true;
    completionSignal = true;
    if (p.path("usage").isNumber()) {
      credits = OptionalDouble.of(p.path("usage").asDouble());
    }
  }

  private void onContextUsage(JsonNode p) {
    bookkeepingSeen = true;
    completionSignal = true;
    if (p.path("contextUsagePercentage").isNumber()) {
      contextPercent = OptionalDouble.of(p.path("contextUsagePercentage").asDouble());
    }
  }

  private void onMetadata(JsonNode p) {
    bookkeepingSeen = true;
    JsonNode u = p.path("tokenUsage");
    if (!u.isObject()) {
      return;
    }
    boolean anyInput = false;
    long input = 0;
    for (String key : INPUT_TOKEN_KEYS) {
      if (u.path(key).canConvertToLong()) {
        anyInput = true;
        input += u.path(key).asLong();
      }
    }
    if (!u.path("outputTokens").canConvertToLong()) {
      return;
    }
    long output = u.path("outputTokens").asLong();
    if (!anyInput && u.path("totalTokens").canConvertToLong()) {
      anyInput = true;
      input = u.path("totalTokens").asLong() - output;
    }
    if (anyInput && input >= 0 && output >= 0) {
      upstreamTokens = new int[] {clamp(input), clamp(output)};
    }
  }

  // ---- emitting

  private void emit(ChatEvent event) {
    if (!started) {
      started = true;
      sink.accept(new ChatEvent.Start(options.inputTokens()));
    }
    sink.accept(event);
  }

  private void emitText(String text) {
    if (text.isEmpty()) {
      return;
    }
    closeThinking();
    emit(new ChatEvent.TextDelta(text));
  }

  private void emitThinking(String text) {
    thinkingOpen = true;
    blockThinking.append(text);
    emit(new ChatEvent.ThinkingDelta(text));
  }

  private void emitToolEvent(ChatEvent e) {
    if (e instanceof ChatEvent.ToolCallStart) {
      closeThinking();
    } else if (e instanceof ChatEvent.ToolCallEnd end) {
      produced.append(end.arguments());
    }
    emit(e);
  }

  /** Closes an open thinking block with the gateway's own signature. */
  private void closeThinking() {
    if (thinkingOpen) {
      thinkingOpen = false;
      String signature = sign(blockThinking.toString());
      blockThinking.setLength(0);
      emit(new ChatEvent.ThinkingSignature(signature));
    }
  }

  private void endOpenTool() {
    if (tools.open()) {
      // Kiro sends tools strictly in sequence; content after a tool implicitly ends it.
      emitToolEvent(tools.finishCurrent(true));
    }
  }

  private void flushSplitter() {
    if (splitter != null) {
      splitter.flush().forEach(this::onPiece);
    }
  }

  private String sign(String thinking) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(options.signatureKey(), "HmacSHA256"));
      byte[] digest = mac.doFinal(thinking.getBytes(StandardCharsets.UTF_8));
      return Base64.getEncoder().encodeToString(digest);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }

  // ---- end of stream

  private StopReason stopReason() {
    boolean incompleteTool = tools.finished().stream().anyMatch(t -> !t.complete());
    if (incompleteTool || (contentSeen && !completionSignal)) {
      return StopReason.MAX_TOKENS;
    }
    return tools.finished().isEmpty() ? StopReason.END_TURN : StopReason.TOOL_USE;
  }

  private Usage usage() {
    if (upstreamTokens != null) {
      return new Usage(upstreamTokens[0], upstreamTokens[1], false, credits, contextPercent);
    }
    int output =
        produced.isEmpty() ? 0 : options.outputTokenCounter().applyAsInt(produced.toString());
    return new Usage(options.inputTokens(), output, true, credits, contextPercent);
  }

  private static int clamp(long v) {
    return (int) Math.min(v, Integer.MAX_VALUE);
  }

  // ---- payloads and errors

  private JsonNode payload(Message m) {
    if (m.payloadLength() == 0) {
      return MissingNode.getInstance();
    }
    try {
      JsonNode node = JSON.readTree(m.payload());
      return node == null ? MissingNode.getInstance() : node;
    } catch (JsonProcessingException e) {
      throw new KiroStreamException(
          KiroStreamException.Kind.CORRUPT_FRAME,
          "CorruptFrame",
          "an event payload is not valid JSON",
          null,
          started);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e); // reading a byte array does no I/O
    }
  }

  /** Accepts both {@code {"content":…}} and {@code {"assistantResponseEvent":{"content":…}}}. */
  private static JsonNode nested(JsonNode payload, String eventType) {
    JsonNode inner = payload.get(eventType);
    return inner != null && inner.isObject() ? inner : payload;
  }

  private KiroStreamException exceptionFrame(Message m) {
    String type = m.stringHeader(":exception-type").orElse("UnknownException");
    String text = m.payloadUtf8();
    String message = text;
    String reason = null;
    try {
      JsonNode p = JSON.readTree(text);
      if (p != null && p.isObject()) {
        message = textField(p, "message", textField(p, "Message", ""));
        reason = textField(p, "reason", null);
      }
    } catch (JsonProcessingException e) {
      // not JSON: keep the (cleaned, shortened) text as the message
    }
    return new KiroStreamException(
        KiroStreamException.Kind.EXCEPTION_FRAME, type, message, reason, started);
  }

  private KiroStreamException invalidState(JsonNode p) {
    return new KiroStreamException(
        KiroStreamException.Kind.INVALID_STATE,
        "InvalidStateException",
        textField(p, "message", ""),
        textField(p, "reason", null),
        started);
  }

  private static String textField(JsonNode p, String key, String fallback) {
    JsonNode v = p.get(key);
    return v != null && v.isTextual() ? v.asText() : fallback;
  }
}
