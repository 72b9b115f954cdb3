package dev.kirogateway.credentials;

import java.util.Optional;
import java.util.Set;

/** Profile ARN and region rules (§2.1, §9.7). Pure functions. */
final class Accounts {
  /** What kiro-cli 2.2.2 sends for Builder ID logins (§9.7). */
  static final String BUILDER_ID_PROFILE_ARN = ProfileArnMode.BUILDER_ID_PROFILE_ARN;
  static final String DEFAULT_REGION = "us-east-1";
  static final Set<String> API_REGIONS = Set.of("us-east-1", "eu-central-1");

  private Accounts() {}

  /** PROFILE_ARN wins over whatever the source stored. */
  static Optional<String> storedArn(CredentialsSettings s, TokenSnapshot snap) {
    return s.profileArn().or(snap::profileArn);
  }

  static Optional<String> effectiveArn(CredentialsSettings s, TokenSnapshot snap) {
    Optional<String> stored = storedArn(s, snap);
    return switch (s.profileArnMode()) {
      case NEVER -> Optional.empty();
      case ALWAYS -> stored.or(() -> Optional.of(BUILDER_ID_PROFILE_ARN));
      case AUTO -> stored.or(() -> snap.loginType() == LoginType.BUILDER_ID
          ? Optional.of(BUILDER_ID_PROFILE_ARN) : Optional.empty());
    };
  }

  /** Token region → device registration region → KIRO_REGION → us-east-1. */
  static String ssoRegion(CredentialsSettings s, TokenSnapshot snap) {
    return snap.ssoRegion().or(s::region).orElse(DEFAULT_REGION);
  }

  /** KIRO_API_REGION → ARN region → us-east-1, before the runtime-host restriction. */
  static String requestedApiRegion(CredentialsSettings s, TokenSnapshot snap) {
    return s.apiRegion().or(() -> storedArn(s, snap).flatMap(Accounts::arnRegion))
        .orElse(DEFAULT_REGION);
  }

  /** Only us-east-1 and eu-central-1 have a runtime host. */
  static String apiRegion(String requested) {
    return API_REGIONS.contains(requested) ? requested : DEFAULT_REGION;
  }

  /** The 4th colon-separated field of {@code arn:aws:codewhisperer:{region}:{account}:…}. */
  static Optional<String> arnRegion(String arn) {
    String[] parts = arn.split(":", -1);
    return parts.length >= 6 && parts[0].equals("arn") && !parts[3].isBlank()
        ? Optional.of(parts[3]) : Optional.empty();
  }
}
