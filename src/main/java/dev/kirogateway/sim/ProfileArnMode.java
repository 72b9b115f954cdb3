package dev.kirogateway.sim;

/** How the chat endpoint treats the top-level {@code profileArn} (§11 item 7). */
public enum ProfileArnMode {
  /** Missing → 400 {@code profileArn is required for this request.} */
  REQUIRED,
  /** Present → 403 {@code User is not authorized to make this call.} (Builder ID behaviour). */
  FORBIDDEN,
  /** Either way is fine. */
  ANY
}
