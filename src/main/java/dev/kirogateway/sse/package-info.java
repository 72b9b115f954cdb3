/**
 * Client-facing wire helpers shared by the two client dialects: Server-Sent Events framing ({@link
 * dev.kirogateway.sse.SseSink}, {@link dev.kirogateway.sse.SseFormat}), the error-response value
 * ({@link dev.kirogateway.sse.ErrorBody}) and field-path-aware reading of request JSON ({@link
 * dev.kirogateway.sse.RequestJson}). Pure: no I/O except through an {@code SseSink}
 * implementation. May import: JDK, Jackson, {@code chat}.
 */
package dev.kirogateway.sse;
