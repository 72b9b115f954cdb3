package dev.kirogateway.responses;

import java.util.Objects;

/**
 * One output item while it is built: a reasoning summary, an assistant message or a function call.
 * {@code text} is the summary, the message text or the argument JSON. Not thread-safe.
 */
final class OutputItem {
  enum Kind {
    REASONING,
    MESSAGE,
    FUNCTION_CALL
  }

  final Kind kind;
  final String id;
  final String callId;
  final String name;
  final StringBuilder text = new StringBuilder();
  /** {@code in_progress}, {@code completed} or {@code incomplete}. */
  String status = "in_progress";

  private OutputItem(Kind kind, String id, String callId, String name) {
    this.kind = kind;
    this.id = Objects.requireNonNull(id, "id");
    this.callId = callId;
    this.name = name;
  }

  static OutputItem reasoning(String id) {
    return new OutputItem(Kind.REASONING, id, null, null);
  }

  static OutputItem message(String id) {
    return new OutputItem(Kind.MESSAGE, id, null, null);
  }

  static OutputItem functionCall(String id, String callId, String name) {
    return new OutputItem(
        Kind.FUNCTION_CALL,
        id,
        Objects.requireNonNull(callId, "callId"),
        Objects.requireNonNull(name, "name"));
  }
}
