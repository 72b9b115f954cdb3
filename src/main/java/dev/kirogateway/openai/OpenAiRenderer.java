package dev.kirogateway.openai;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.kirogateway.chat.ChatException;
import dev.kirogateway.chat.ErrorKind;
import dev.kirogateway.chat.Reply;
import dev.kirogateway.chat.Usage;
import dev.kirogateway.sse.ErrorBody;
import dev.kirogateway.sse.JsonText;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Non-streaming OpenAI bodies: the completion (§7.2) and error bodies (§8.2). */
public final class OpenAiRenderer {
  private static final Logger LOG = LoggerFactory.getLogger(OpenAiRenderer.class);

  private OpenAiRenderer() {}

  /**
   * The {@code chat.completion} object. Incomplete (truncated) tool calls are left out and make
   * the finish reason {@code length}, as in the Anthropic rendering (§7.4).
   */
  public static byte[] completion(Reply reply, String model, String id, long created) {
    List<Reply.ToolCall> complete =
        reply.toolCalls().stream().filter(Reply.ToolCall::complete).toList();
    boolean incomplete = complete.size() < reply.toolCalls().size();
    if (incomplete) {
      LOG.info("Omitting {} truncated tool call(s) from completion {}",
          reply.toolCalls().size() - complete.size(), id);
    }
    String finish =
        OpenAiStreamWriter.finishReason(reply.stopReason(), !complete.isEmpty(), incomplete);
    return render(g -> {
      g.writeStartObject();
      g.writeStringField("id", id);
      g.writeStringField("object", "chat.completion");
      g.writeNumberField("created", created);
      g.writeStringField("model", model);
      g.writeArrayFieldStart("choices");
      g.writeStartObject();
      g.writeNumberField("index", 0);
      g.writeFieldName("message");
      message(g, reply, complete);
      g.writeNullField("logprobs");
      g.writeStringField("finish_reason", finish);
      g.writeEndObject();
      g.writeEndArray();
      g.writeFieldName("usage");
      writeUsage(g, reply.usage());
      g.writeEndObject();
    });
  }

  private static void message(JsonGenerator g, Reply reply, List<Reply.ToolCall> calls)
      throws IOException {
    g.writeStartObject();
    g.writeStringField("role", "assistant");
    if (reply.text().isEmpty() && !calls.isEmpty()) {
      g.writeNullField("content");
    } else {
      g.writeStringField("content", reply.text());
    }
    if (!reply.thinking().isEmpty()) {
      g.writeStringField("reasoning_content", reply.thinking());
    }
    if (!calls.isEmpty()) {
      g.writeArrayFieldStart("tool_calls");
      for (Reply.ToolCall c : calls) {
        g.writeStartObject();
        g.writeStringField("id", c.id());
        g.writeStringField("type", "function");
        g.writeObjectFieldStart("function");
        g.writeStringField("name", c.name());
        g.writeStringField("arguments", c.arguments());
        g.writeEndObject();
        g.writeEndObject();
      }
      g.writeEndArray();
    }
    g.writeEndObject();
  }

  /** {@code prompt_tokens}, {@code completion_tokens}, {@code total_tokens} [, credits_used]. */
  static void writeUsage(JsonGenerator g, Usage usage) throws IOException {
    g.writeStartObject();
    g.writeNumberField("prompt_tokens", usage.inputTokens());
    g.writeNumberField("completion_tokens", usage.outputTokens());
    g.writeNumberField("total_tokens", usage.totalTokens());
    if (usage.credits() != null && usage.credits().isPresent()) {
      g.writeNumberField("credits_used", usage.credits().getAsDouble());
    }
    g.writeEndObject();
  }

  /** The §8.2 error response for {@code e} (OpenAI column). */
  public static ErrorBody error(ChatException e) {
    return error(e, "");
  }

  /** As {@link #error(ChatException)}, with {@code error.request_id} when the id is not empty. */
  public static ErrorBody error(ChatException e, String requestId) {
    Mapping m = mapping(e.kind());
    byte[] json = render(g -> {
      g.writeStartObject();
      g.writeObjectFieldStart("error");
      g.writeStringField("message", e.getMessage());
      g.writeStringField("type", m.type());
      if (e.param().isPresent()) {
        g.writeStringField("param", e.param().get());
      } else {
        g.writeNullField("param");
      }
      if (m.code() == null) {
        g.writeNullField("code");
      } else {
        g.writeStringField("code", m.code());
      }
      if (!requestId.isEmpty()) {
        g.writeStringField("request_id", requestId);
      }
      g.writeEndObject();
      g.writeEndObject();
    });
    return new ErrorBody(m.status(), json, ErrorBody.retryAfterHeaders(e, m.status()));
  }

  private record Mapping(int status, String type, String code) {}

  private static Mapping mapping(ErrorKind kind) {
    return switch (kind) {
      case INVALID_REQUEST -> new Mapping(400, "invalid_request_error", null);
      case AUTHENTICATION -> new Mapping(401, "authentication_error", "invalid_api_key");
      case NOT_FOUND -> new Mapping(404, "invalid_request_error", "not_found");
      case METHOD_NOT_ALLOWED -> new Mapping(405, "invalid_request_error", null);
      case REQUEST_TOO_LARGE -> new Mapping(413, "invalid_request_error", null);
      case CONTEXT_TOO_LONG ->
          new Mapping(400, "invalid_request_error", "context_length_exceeded");
      case MODEL_NOT_FOUND -> new Mapping(404, "invalid_request_error", "model_not_found");
      case QUOTA_EXCEEDED -> new Mapping(429, "insufficient_quota", "insufficient_quota");
      case RATE_LIMITED -> new Mapping(429, "rate_limit_error", "rate_limit_exceeded");
      case OVERLOADED -> new Mapping(503, "server_error", "overloaded");
      case PERMISSION_DENIED -> new Mapping(403, "permission_error", null);
      case UPSTREAM_AUTH -> new Mapping(502, "server_error", "upstream_auth_failed");
      case UPSTREAM_CONFIG -> new Mapping(502, "server_error", "upstream_config_error");
      case UPSTREAM_ERROR -> new Mapping(502, "server_error", null);
      case UPSTREAM_UNREACHABLE -> new Mapping(502, "server_error", "upstream_unreachable");
      case UPSTREAM_TIMEOUT -> new Mapping(504, "server_error", "upstream_timeout");
      case INTERNAL -> new Mapping(500, "server_error", null);
    };
  }

  @FunctionalInterface
  interface Body {
    void write(JsonGenerator g) throws IOException;
  }

  static byte[] render(Body body) {
    JsonText json = new JsonText();
    try {
      body.write(json.gen());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return json.take().getBytes(StandardCharsets.UTF_8);
  }
}
