package dev.kirogateway.responses;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.kirogateway.chat.ChatException;
import dev.kirogateway.chat.ErrorKind;
import dev.kirogateway.chat.Usage;
import java.io.IOException;
import java.util.List;

/** Writes Responses API objects (response, output items, content parts, usage). Pure. */
final class ResponseJson {
  private ResponseJson() {}

  /**
   * The response object.
   *
   * @param status {@code in_progress}, {@code completed}, {@code incomplete} or {@code failed}
   * @param usage null while in progress or failed
   * @param error null unless failed
   */
  static void response(
      JsonGenerator g,
      ResponseShell shell,
      String status,
      List<OutputItem> output,
      Usage usage,
      ChatException error)
      throws IOException {
    ResponsesRequest r = shell.request();
    g.writeStartObject();
    g.writeStringField("id", shell.id());
    g.writeStringField("object", "response");
    g.writeNumberField("created_at", shell.createdAt());
    g.writeStringField("status", status);
    g.writeBooleanField("background", false);
    if (error == null) {
      g.writeNullField("error");
    } else {
      g.writeObjectFieldStart("error");
      g.writeStringField("code", errorCode(error.kind()));
      g.writeStringField("message", error.getMessage());
      g.writeEndObject();
    }
    if ("incomplete".equals(status)) {
      g.writeObjectFieldStart("incomplete_details");
      g.writeStringField("reason", "max_output_tokens");
      g.writeEndObject();
    } else {
      g.writeNullField("incomplete_details");
    }
    nullableString(g, "instructions", r.instructions());
    if (r.maxOutputTokens().isPresent()) {
      g.writeNumberField("max_output_tokens", r.maxOutputTokens().getAsInt());
    } else {
      g.writeNullField("max_output_tokens");
    }
    g.writeStringField("model", shell.model());
    g.writeArrayFieldStart("output");
    for (OutputItem item : output) {
      item(g, item, true);
    }
    g.writeEndArray();
    g.writeBooleanField("parallel_tool_calls", r.parallelToolCalls());
    nullableString(g, "previous_response_id", r.previousResponseId());
    g.writeObjectFieldStart("reasoning");
    nullableString(g, "effort", r.effort());
    g.writeNullField("summary");
    g.writeEndObject();
    g.writeBooleanField("store", r.store());
    g.writeNumberField("temperature", r.temperature().orElse(1.0));
    g.writeObjectFieldStart("text");
    g.writeObjectFieldStart("format");
    g.writeStringField("type", "text");
    g.writeEndObject();
    g.writeEndObject();
    g.writeFieldName("tool_choice");
    g.writeTree(r.toolChoice());
    g.writeFieldName("tools");
    g.writeTree(r.toolsEcho());
    g.writeNumberField("top_p", r.topP().orElse(1.0));
    g.writeStringField("truncation", "disabled");
    if (usage == null) {
      g.writeNullField("usage");
    } else {
      g.writeFieldName("usage");
      usage(g, usage);
    }
    g.writeNullField("user");
    g.writeFieldName("metadata");
    g.writeTree(r.metadata());
    g.writeEndObject();
  }

  /** An output item; {@code done} false writes the {@code output_item.added} form. */
  static void item(JsonGenerator g, OutputItem item, boolean done) throws IOException {
    g.writeStartObject();
    g.writeStringField("id", item.id);
    switch (item.kind) {
      case REASONING -> {
        g.writeStringField("type", "reasoning");
        g.writeArrayFieldStart("summary");
        if (done && !item.text.isEmpty()) {
          summaryPart(g, item.text.toString());
        }
        g.writeEndArray();
      }
      case MESSAGE -> {
        g.writeStringField("type", "message");
        g.writeStringField("status", item.status);
        g.writeStringField("role", "assistant");
        g.writeArrayFieldStart("content");
        if (done) {
          textPart(g, item.text.toString());
        }
        g.writeEndArray();
      }
      case FUNCTION_CALL -> {
        g.writeStringField("type", "function_call");
        g.writeStringField("status", item.status);
        g.writeStringField("arguments", done ? item.text.toString() : "");
        g.writeStringField("call_id", item.callId);
        g.writeStringField("name", item.name);
      }
    }
    g.writeEndObject();
  }

  static void textPart(JsonGenerator g, String text) throws IOException {
    g.writeStartObject();
    g.writeStringField("type", "output_text");
    g.writeArrayFieldStart("annotations");
    g.writeEndArray();
    g.writeArrayFieldStart("logprobs");
    g.writeEndArray();
    g.writeStringField("text", text);
    g.writeEndObject();
  }

  static void summaryPart(JsonGenerator g, String text) throws IOException {
    g.writeStartObject();
    g.writeStringField("type", "summary_text");
    g.writeStringField("text", text);
    g.writeEndObject();
  }

  /** Usage with the detail objects clients expect; Kiro reports neither cache nor reasoning. */
  static void usage(JsonGenerator g, Usage u) throws IOException {
    g.writeStartObject();
    g.writeNumberField("input_tokens", u.inputTokens());
    g.writeObjectFieldStart("input_tokens_details");
    g.writeNumberField("cached_tokens", 0);
    g.writeNumberField("cache_write_tokens", 0);
    g.writeEndObject();
    g.writeNumberField("output_tokens", u.outputTokens());
    g.writeObjectFieldStart("output_tokens_details");
    g.writeNumberField("reasoning_tokens", 0);
    g.writeEndObject();
    g.writeNumberField("total_tokens", u.totalTokens());
    g.writeEndObject();
  }

  /** The {@code error.code} of a failed response; Codex retries or compacts on these codes. */
  static String errorCode(ErrorKind kind) {
    return switch (kind) {
      case CONTEXT_TOO_LONG -> "context_length_exceeded";
      case QUOTA_EXCEEDED -> "insufficient_quota";
      case RATE_LIMITED -> "rate_limit_exceeded";
      case INVALID_REQUEST -> "invalid_prompt";
      default -> "server_error";
    };
  }

  private static void nullableString(JsonGenerator g, String name, String value)
      throws IOException {
    if (value.isEmpty()) {
      g.writeNullField(name);
    } else {
      g.writeStringField(name, value);
    }
  }
}
