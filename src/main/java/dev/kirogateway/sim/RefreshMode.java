package dev.kirogateway.sim;

/** What the refresh endpoints do with the refresh token they were given (§11 item 5). */
public enum RefreshMode {
  /** Return the same refresh token. */
  KEEP,
  /** Return a new refresh token; the old one keeps working. */
  ROTATE,
  /** Return a new refresh token; the old one is answered with {@code invalid_grant} from now on. */
  ROTATE_INVALIDATE_OLD
}
