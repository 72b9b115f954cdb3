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
 */
record UpstreamFailure(ChatException error, boolean retryable, Optional<Duration> retryAfter) {}
