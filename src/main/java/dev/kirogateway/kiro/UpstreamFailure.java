package dev.kirogateway.kiro;

import dev.kirogateway.chat.ChatException;
import java.time.Duration;
import java.util.Optional;

/**
 * A classified upstream failure: what the client will see if it is final, and whether trying again
 * may help.
 *
 * @param error the client-facing error
 * @param retryable whether §8.3 allows another attempt
 * @param retryAfter the upstream's Retry-After, when it sent one
 * @param upstreamMessage the upstream's own message, for decisions such as the ARN fallback
 */
record UpstreamFailure(
    ChatException error, boolean retryable, Optional<Duration> retryAfter, String upstreamMessage) {

  UpstreamFailure(ChatException error, boolean retryable, Optional<Duration> retryAfter) {
    this(error, retryable, retryAfter, "");
  }

  /** Kiro's 400 for a request without the profile ARN this login needs. */
  boolean profileArnRequired() {
    return upstreamMessage.toLowerCase(java.util.Locale.ROOT).contains("profilearn is required");
  }

  /** Kiro's 403 "User is not authorized to make this call." */
  boolean notAuthorized() {
    return upstreamMessage.toLowerCase(java.util.Locale.ROOT).contains("not authorized");
  }
}
