package dev.kirogateway.credentials;

/** How the user logged in (§9.7); decides the refresh flow and the profile ARN. */
public enum LoginType {
  /** Google/GitHub login through Kiro's desktop auth service. */
  SOCIAL,
  /** AWS Builder ID (OIDC, start URL {@code https://view.awsapps.com/start}). */
  BUILDER_ID,
  /** IAM Identity Center / Enterprise (any other OIDC login). */
  IDC;

  AuthType authType() {
    return this == SOCIAL ? AuthType.KIRO_DESKTOP : AuthType.AWS_SSO_OIDC;
  }
}
