package dev.kirogateway.credentials;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Kiro desktop refresh (social logins): {@code POST {base}/refreshToken}, region us-east-1. */
final class DesktopRefresher implements Refresher {
  static final String AUTH_REGION = "us-east-1";

  private final RefreshHttp http;
  private final String baseUrlTemplate;
  private final KiroIdentity identity;

  DesktopRefresher(RefreshHttp http, String baseUrlTemplate, KiroIdentity identity) {
    this.http = http;
    this.baseUrlTemplate = baseUrlTemplate;
    this.identity = identity;
  }

  String url() {
    return RefreshHttp.withRegion(baseUrlTemplate, AUTH_REGION) + "/refreshToken";
  }

  @Override
  public RefreshResult refresh(TokenSnapshot snapshot) throws RefreshException {
    ObjectNode body = RefreshHttp.JSON.createObjectNode();
    body.put("refreshToken", snapshot.refreshToken());
    RefreshHttp.Reply reply = http.post(url(), identity.refreshUserAgent(), body);
    if (reply.status() == 200) {
      return RefreshHttp.result(reply.body(), true);
    }
    // 401 = refresh token not (or no longer) accepted, e.g. rotated by kiro-cli, or an IdC token.
    throw new RefreshException("Kiro desktop refresh answered HTTP " + reply.status(),
        reply.status() == 401);
  }
}
