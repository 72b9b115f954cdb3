package dev.kirogateway.anthropic;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.kirogateway.chat.ChatException;
import dev.kirogateway.chat.ErrorKind;
import dev.kirogateway.chat.Reply;
import dev.kirogateway.sse.ErrorBody;
import dev.kirogateway.sse.JsonText;
import dev.kirogateway.sse.RequestJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Non-streaming Anthropic bodies: the message (§7.4), count_tokens (§7.5), errors (§8.2). */
public final class AnthropicRenderer {
  private static final Logger LOG = LoggerFactory.getLogger(AnthropicRenderer.class);
  /** Claude Code compacts the conversation when it sees this prefix. */
  static final String PROMPT_TOO_LONG = "prompt is too long";

  private AnthropicRenderer() {}

  private record Call(Reply.ToolCall call, JsonNode input) {}

  /**
   * The {@code message} object. Tool calls whose input is incomplete or not a JSON object are
   * left out (their text is logged) and make the stop reason {@code max_tokens}.
   */
  public static byte[] message(Reply reply, String model, String id) {
    List<Call> calls = new ArrayList<>();
    boolean incomplete = false;
    for (Reply.ToolCall c : reply.toolCalls()) {
      Optional<JsonNode> input =
          c.complete() ? RequestJson.tryParse(c.arguments()).filter(JsonNode::isObject)
              : Optional.empty();
      if (input.isPresent()) {
        calls.add(new Call(c, input.get()));
      } else {
        incomplete = true;
        LOG.info("Omitting truncated tool call {} ({}) from message {}: {}",
            c.id(), c.name(), id, c.arguments());
      }
    }
    String stop =
        AnthropicStreamWriter.stopReason(reply.stopReason(), !calls.isEmpty(), incomplete);
    return render(g -> {
      g.writeStartObject();
      g.writeStringField("id", id);
      g.writeStringField("type", "message");
      g.writeStringField("role", "assistant");
      g.writeStringField("model", model);
      g.writeArrayFieldStart("content");
      content(g, reply, calls);
      g.writeEndArray();
      g.writeStringField("stop_reason", stop);
      g.writeNullField("stop_sequence");
      g.writeObjectFieldStart("usage");
      g.writeNumberField("input_tokens", reply.usage().inputTokens());
      g.writeNumberField("output_tokens", reply.usage().outputTokens());
      g.writeEndObject();
      g.writeEndObject();
    });
  }

  private static void content(JsonGenerator g, Reply reply, List<Call> calls)
      throws IOException {
    if (!reply.thinking().isEmpty()) {
      g.writeStartObject();
      g.writeStringField("type", "thinking");
      g.writeStringField("thinking", reply.thinking());
      g.writeStringField("signature", reply.thinkingSignature());
      g.writeEndObject();
    }
    for (String data : reply.redactedThinking()) {
      g.writeStartObject();
      g.writeStringField("type", "redacted_thinking");
      g.writeStringField("data", data);
      g.writeEndObject();
    }
    if (!reply.text().isEmpty()) {
      g.writeStartObject();
      g.writeStringField("type", "text");
      g.writeStringField("text", reply.text());
      g.writeEndObject();
    }
    for (Call c : calls) {
      g.writeStartObject();
      g.writeStringField("type", "tool_use");
      g.writeStringField("id", c.call().id());
      g.writeStringField("name", c.call().name());
      g.writeFieldName("input");
      g.writeTree(c.input());
      g.writeEndObject();
    }
  }

  /** {@code {"input_tokens":n}}. */
  public static byte[] countTokens(int n) {
    return render(g -> {
      g.writeStartObject();
      g.writeNumberField("input_tokens", n);
      g.writeEndObject();
    });
  }

  /** The §8.2 error response for {@code e} (Anthropic column). */
  public static ErrorBody error(ChatException e) {
    return error(e, "");
  }

  /**
   * As {@link #error(ChatException)}, with a top-level {@code request_id} (as Anthropic's API
   * sends) when the id is not empty.
   */
  public static ErrorBody error(ChatException e, String requestId) {
    int status = status(e.kind());
    String message = e.getMessage();
    if (e.kind() == ErrorKind.CONTEXT_TOO_LONG && !message.startsWith(PROMPT_TOO_LONG)) {
      message = PROMPT_TOO_LONG + ": " + message;
    }
    String m = message;
    byte[] json =
        render(
            g -> {
              writeErrorFields(g, type(e.kind()), m);
              if (!requestId.isEmpty()) {
                g.writeStringField("request_id", requestId);
              }
              g.writeEndObject();
            });
    return new ErrorBody(status, json, ErrorBody.retryAfterHeaders(e, status));
  }

  /** {@code {"type":"error","error":{"type":…,"message":…}}}, also used in-stream. */
  static void writeError(JsonGenerator g, String type, String message) throws IOException {
    writeErrorFields(g, type, message);
    g.writeEndObject();
  }

  /** The error object up to (not including) its closing brace. */
  private static void writeErrorFields(JsonGenerator g, String type, String message)
      throws IOException {
    g.writeStartObject();
    g.writeStringField("type", "error");
    g.writeObjectFieldStart("error");
    g.writeStringField("type", type);
    g.writeStringField("message", message);
    g.writeEndObject();
  }

  private static int status(ErrorKind kind) {
    return switch (kind) {
      case INVALID_REQUEST, CONTEXT_TOO_LONG -> 400;
      case AUTHENTICATION -> 401;
      case PERMISSION_DENIED -> 403;
      case NOT_FOUND, MODEL_NOT_FOUND -> 404;
      case METHOD_NOT_ALLOWED -> 405;
      case REQUEST_TOO_LARGE -> 413;
      case QUOTA_EXCEEDED, RATE_LIMITED -> 429;
      case OVERLOADED -> 529;
      case INTERNAL -> 500;
      case UPSTREAM_AUTH, UPSTREAM_CONFIG, UPSTREAM_ERROR, UPSTREAM_UNREACHABLE -> 502;
      case UPSTREAM_TIMEOUT -> 504;
    };
  }

  private static String type(ErrorKind kind) {
    return switch (kind) {
      case INVALID_REQUEST, CONTEXT_TOO_LONG -> "invalid_request_error";
      case AUTHENTICATION -> "authentication_error";
      case PERMISSION_DENIED -> "permission_error";
      case NOT_FOUND, METHOD_NOT_ALLOWED, MODEL_NOT_FOUND -> "not_found_error";
      case REQUEST_TOO_LARGE -> "request_too_large";
      case QUOTA_EXCEEDED, RATE_LIMITED -> "rate_limit_error";
      case OVERLOADED -> "overloaded_error";
      case UPSTREAM_AUTH, UPSTREAM_CONFIG, UPSTREAM_ERROR, UPSTREAM_UNREACHABLE,
          UPSTREAM_TIMEOUT, INTERNAL -> "api_error";
    };
  }

  @FunctionalInterface
  private interface Body {
    void write(JsonGenerator g) throws IOException;
  }

  private static byte[] render(Body body) {
    JsonText json = new JsonText();
    try {
      body.write(json.gen());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return json.take().getBytes(StandardCharsets.UTF_8);
  }
}
