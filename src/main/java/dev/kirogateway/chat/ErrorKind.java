package dev.kirogateway.chat;

/**
 * What went wrong, independent of the client API. Each dialect maps a kind to its own status,
 * error type and code (see {@code docs/ERRORS.md}).
 */
public enum ErrorKind {
  /** The client's request is malformed or fails validation (400). */
  INVALID_REQUEST,
  /** The gateway API key is missing or wrong (401). */
  AUTHENTICATION,
  /** Unknown route (404). */
  NOT_FOUND,
  /** Known route, wrong HTTP method (405). */
  METHOD_NOT_ALLOWED,
  /** The request body is over the gateway's size limit (413). */
  REQUEST_TOO_LARGE,
  /** The conversation does not fit the model's context (400, clients compact on it). */
  CONTEXT_TOO_LONG,
  /** Kiro does not know the model or the account may not use it (404). */
  MODEL_NOT_FOUND,
  /** Monthly Kiro credits exhausted (429 without Retry-After). */
  QUOTA_EXCEEDED,
  /** Kiro throttled the request (429). */
  RATE_LIMITED,
  /** Kiro has no capacity right now (OpenAI 503, Anthropic 529). */
  OVERLOADED,
  /** Kiro refused the account's permissions (403). */
  PERMISSION_DENIED,
  /** The gateway's own Kiro credentials failed (502, never 401). */
  UPSTREAM_AUTH,
  /** The gateway's upstream configuration is wrong, e.g. profileArn (502). */
  UPSTREAM_CONFIG,
  /** Kiro failed (5xx after retries, unexpected status, malformed stream) (502). */
  UPSTREAM_ERROR,
  /** Kiro could not be reached (502). */
  UPSTREAM_UNREACHABLE,
  /** Kiro did not answer in time (504). */
  UPSTREAM_TIMEOUT,
  /** The gateway itself failed (500); never carries exception text. */
  INTERNAL
}
