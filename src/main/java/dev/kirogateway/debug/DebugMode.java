package dev.kirogateway.debug;

/** Which requests get a debug capture ({@code DEBUG_MODE}). */
public enum DebugMode {
  /** None. */
  OFF,
  /** Only requests whose client got an error. */
  ERRORS,
  /** Every request. */
  ALL
}
