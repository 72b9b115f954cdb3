/**
 * The upstream dialect: {@link dev.kirogateway.chat.ChatRequest} to a Kiro request body (with the
 * repairs that keep Kiro from rejecting it), the HTTP call with retries, token refresh on 403 and
 * timeouts, and the event-stream reply turned into {@link dev.kirogateway.chat.ChatEvent}s (tool
 * call assembly, thinking split, usage). May import: chat, eventstream, credentials, model, config,
 * debug and metrics (hook interfaces only).
 */
package dev.kirogateway.kiro;
