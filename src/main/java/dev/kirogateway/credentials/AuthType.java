package dev.kirogateway.credentials;

/** Which refresh flow a credential uses (KIRO-UPSTREAM.md §9.4). */
public enum AuthType {
  /** Kiro desktop refresh (social logins, REFRESH_TOKEN). */
  KIRO_DESKTOP,
  /** AWS SSO OIDC CreateToken (Builder ID, IAM Identity Center). */
  AWS_SSO_OIDC
}
