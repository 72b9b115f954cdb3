package dev.kirogateway.credentials;

/** What {@link KiroCredentials#profileArn()} carries (KIRO_PROFILE_ARN_MODE, §9.7). */
public enum ProfileArnMode {
  /** The stored ARN if any, else the fixed Builder ID ARN for Builder ID logins. */
  AUTO,
  /** The stored ARN, else the fixed Builder ID ARN, for every login. */
  ALWAYS,
  /** Never send a profile ARN. */
  NEVER;

  /** The fixed ARN kiro-cli 2.2.2 sends for Builder ID logins (§9.7). */
  public static final String BUILDER_ID_PROFILE_ARN =
      "arn:aws:codewhisperer:us-east-1:638616132270:profile/AAAACCCCXXXX";
}
