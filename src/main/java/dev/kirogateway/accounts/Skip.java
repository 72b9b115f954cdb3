package dev.kirogateway.accounts;

import java.time.Instant;
import java.util.Optional;

/**
 * Why an account cannot take a request now.
 *
 * @param kind the family of reason, which decides the error when no account is left
 * @param text what the client and the operator read, e.g. "cooling down 4 min after throttling"
 * @param until when the reason ends, if known
 */
record Skip(Kind kind, String text, Optional<Instant> until) {

  /** Families of reasons. */
  enum Kind {
    /** The account does not serve this model (allowlist, or Kiro refused it). */
    MODEL,
    /** Monthly credits used up. */
    QUOTA,
    /** Throttled recently. */
    THROTTLED,
    /** Its credentials failed even after a refresh. */
    AUTH,
    /** Every concurrency slot is taken. */
    BUSY;

    /** Cooldowns may be re-probed by chance; allowlists and full slots may not. */
    boolean probeable() {
      return this == QUOTA || this == THROTTLED || this == AUTH;
    }
  }
}
