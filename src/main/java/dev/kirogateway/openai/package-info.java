/**
 * The OpenAI Chat Completions dialect: parses {@code POST /v1/chat/completions} bodies into a
 * {@link dev.kirogateway.chat.ChatRequest} and renders the reply as chunks (§7.1), a completion
 * (§7.2) or an error body (§8.2). Pure: writes only to an {@link dev.kirogateway.sse.SseSink}. May
 * import: JDK, Jackson, slf4j, {@code chat}, {@code sse}.
 */
package dev.kirogateway.openai;
