package dev.kirogateway.chat;

/** Why the reply ended. */
public enum StopReason {
  /** The model finished its answer. */
  END_TURN,
  /** The model called at least one tool, and every call is complete. */
  TOOL_USE,
  /** The reply was cut off (upstream truncation or an incomplete tool call); takes precedence. */
  MAX_TOKENS
}
