/**
 * Per-request debug captures ({@code DEBUG_MODE}): what the client sent, what went to Kiro, the
 * raw upstream bytes and what the client got, written to {@code DEBUG_DIR} with secrets redacted
 * and the number of captures bounded. {@link dev.kirogateway.debug.Capture} is the hook the other
 * packages call; only {@link dev.kirogateway.debug.DebugCaptures} touches files. May import: chat,
 * config.
 */
package dev.kirogateway.debug;
