package dev.kirogateway.credentials;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;

/** AWS SSO OIDC CreateToken: {@code POST {base}/token} in the SSO region, camelCase JSON. */
final class OidcRefresher implements Refresher {
  private static final Set<String> STALE_GRANT = Set.of("invalid_grant", "invalid_request");
  private static final Set<String> KNOWN_ERRORS =
      Set.of("invalid_grant", "invalid_request", "invalid_client", "expired_token",
          "unauthorized_client", "unsupported_grant_type", "invalid_scope");

  private final RefreshHttp http;
  private final String baseUrlTemplate;
  private final String fallbackRegion;
  private final KiroIdentity identity;

  OidcRefresher(RefreshHttp http, String baseUrlTemplate, String fallbackRegion,
      KiroIdentity identity) {
    this.http = http;
    this.baseUrlTemplate = baseUrlTemplate;
    this.fallbackRegion = fallbackRegion;
    this.identity = identity;
  }

  String url(TokenSnapshot snapshot) {
    return RefreshHttp.withRegion(baseUrlTemplate, snapshot.ssoRegion().orElse(fallbackRegion))
        + "/token";
  }

  @Override
  public RefreshResult refresh(TokenSnapshot snapshot) throws RefreshException {
    ObjectNode body = RefreshHttp.JSON.createObjectNode();
    body.put("clientId", snapshot.clientId().orElseThrow());
    body.put("clientSecret", snapshot.clientSecret().orElseThrow());
    body.put("grantType", "refresh_token");
    body.put("refreshToken", snapshot.refreshToken());
    RefreshHttp.Reply reply = http.post(url(snapshot), identity.amzUserAgent(), body);
    if (reply.status() == 200) {
      return RefreshHttp.result(reply.body(), false);
    }
    // Only well-known error codes are echoed: the body is not ours to repeat.
    String error = RefreshHttp.text(reply.body(), "error").filter(KNOWN_ERRORS::contains)
        .orElse("");
    throw new RefreshException("AWS SSO OIDC CreateToken answered HTTP " + reply.status()
        + (error.isEmpty() ? "" : " " + error),
        reply.status() == 400 && STALE_GRANT.contains(error));
  }
}
