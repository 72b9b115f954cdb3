/**
 * The OpenAI Responses API dialect ({@code /v1/responses}): parses request bodies and input items
 * into a {@link dev.kirogateway.chat.ChatRequest}, renders the reply as the typed Responses event
 * stream or a response object, and keeps conversation state ({@code store}, {@code
 * previous_response_id}) in a {@link dev.kirogateway.store.ResponseStore}. Codecs are pure; only
 * {@link dev.kirogateway.responses.ResponsesService} touches the store. May import: JDK, Jackson,
 * slf4j, {@code chat}, {@code sse}, {@code store}.
 */
package dev.kirogateway.responses;
