/**
 * The only package that knows the HTTP server (Jetty 12 core on virtual threads): routes, the
 * constant-time API-key check, body limits, request ids, exception to native-error mapping before
 * commit, and the streaming writer that flushes every SSE event. Sees the upstream only through
 * {@link dev.kirogateway.chat.ChatBackend}. Also serves /metrics and the /dashboard. May import:
 * chat, config, sse, openai, anthropic, model, metrics and debug (interfaces only).
 */
package dev.kirogateway.http;
