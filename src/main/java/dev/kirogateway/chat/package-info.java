/**
 * The canonical, API-neutral conversation model in the middle of the gateway.
 *
 * <p>Client dialects ({@code openai}, {@code anthropic}) parse requests into a {@link
 * dev.kirogateway.chat.ChatRequest} and render the {@link dev.kirogateway.chat.ChatEvent} reply
 * stream; the upstream dialect ({@code kiro}) implements {@link dev.kirogateway.chat.ChatBackend}.
 * Records and sealed types only; no I/O. May import: JDK and Jackson's tree model (tool schemas and
 * tool inputs are arbitrary JSON).
 */
package dev.kirogateway.chat;
