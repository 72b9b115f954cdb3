/**
 * The Anthropic Messages dialect: parses {@code POST /v1/messages} and {@code count_tokens} bodies
 * into a {@link dev.kirogateway.chat.ChatRequest} and renders the reply as SSE events (§7.3), a
 * message (§7.4) or an error body (§8.2). Pure: writes only to an {@link
 * dev.kirogateway.sse.SseSink}. May import: JDK, Jackson, slf4j, {@code chat}, {@code sse}.
 */
package dev.kirogateway.anthropic;
