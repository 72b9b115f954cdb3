package dev.kirogateway.credentials;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;

/**
 * A loopback stand-in for Kiro's desktop auth ({@code /refreshToken}) and AWS SSO OIDC ({@code
 * /token}). Each accepts exactly one current refresh token, rotates it on success and rejects a
 * stale one like the real services (401 / 400 invalid_grant). Counts calls.
 */
final class FakeAuthServer implements AutoCloseable {
  static final String CLIENT_ID = "cid-EXAMPLE-1234";
  static final String CLIENT_SECRET = "csecret-TOPSECRET-eyJraWQiOi-5678";
  static final String SOCIAL_ARN = "arn:aws:codewhisperer:us-east-1:123456789012:profile/SOCIAL";
  private static final ObjectMapper JSON = new ObjectMapper();

  final AtomicInteger desktopCalls = new AtomicInteger();
  final AtomicInteger oidcCalls = new AtomicInteger();
  final AtomicInteger issued = new AtomicInteger();
  volatile String desktopRefreshToken;
  volatile String oidcRefreshToken;
  volatile int failWithStatus;
  volatile boolean rotate = true;
  volatile String lastBody = "";
  volatile String lastPath = "";
  volatile String lastUserAgent = "";
  volatile String lastContentType = "";
  volatile CountDownLatch arrived; // counted down as a request comes in
  volatile CountDownLatch hold; // when set, requests wait for it (timeout tests)

  private final Server server = new Server();
  private final ServerConnector connector = new ServerConnector(server);

  FakeAuthServer(String desktopRefreshToken, String oidcRefreshToken) throws Exception {
    this.desktopRefreshToken = desktopRefreshToken;
    this.oidcRefreshToken = oidcRefreshToken;
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);
    server.setHandler(new Handler.Abstract() {
      @Override
      public boolean handle(Request request, Response response, Callback callback)
          throws Exception {
        String body = Content.Source.asString(request, StandardCharsets.UTF_8);
        lastBody = body;
        lastUserAgent = String.valueOf(request.getHeaders().get(HttpHeader.USER_AGENT));
        lastContentType = String.valueOf(request.getHeaders().get(HttpHeader.CONTENT_TYPE));
        CountDownLatch a0 = arrived;
        if (a0 != null) {
          a0.countDown();
        }
        CountDownLatch h = hold;
        if (h != null) {
          h.await(10, TimeUnit.SECONDS);
        }
        String path = Request.getPathInContext(request);
        lastPath = path;
        Answer a = path.endsWith("/refreshToken") ? desktop(JSON.readTree(body))
            : path.endsWith("/token") ? oidc(JSON.readTree(body))
            : new Answer(404, "{\"message\":\"not found\"}");
        response.setStatus(a.status());
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        Content.Sink.write(response, true, a.body(), callback);
        return true;
      }
    });
    server.start();
  }

  String baseUrl() {
    return "http://127.0.0.1:" + connector.getLocalPort();
  }

  private record Answer(int status, String body) {}

  private synchronized Answer desktop(JsonNode body) {
    desktopCalls.incrementAndGet();
    if (failWithStatus != 0) {
      return new Answer(failWithStatus, "{\"message\":\"failure\"}");
    }
    if (!body.path("refreshToken").asText().equals(desktopRefreshToken)) {
      return new Answer(401, "{\"message\":\"Bad credentials\"}");
    }
    int n = issued.incrementAndGet();
    if (rotate) {
      desktopRefreshToken = "aorDESKTOP-rotated-" + n + "-SECRET";
    }
    return new Answer(200, "{\"accessToken\":\"aoaDESKTOP-issued-" + n + "-SECRET\","
        + "\"expiresIn\":3600,\"profileArn\":\"" + SOCIAL_ARN + "\",\"refreshToken\":\""
        + desktopRefreshToken + "\"}");
  }

  private synchronized Answer oidc(JsonNode body) {
    oidcCalls.incrementAndGet();
    if (failWithStatus != 0) {
      return new Answer(failWithStatus, "{\"error\":\"invalid_client\"}");
    }
    if (!body.path("grantType").asText().equals("refresh_token")
        || !body.path("clientId").asText().equals(CLIENT_ID)
        || !body.path("clientSecret").asText().equals(CLIENT_SECRET)) {
      return new Answer(400, "{\"error\":\"invalid_request\",\"error_description\":\"bad\"}");
    }
    if (!body.path("refreshToken").asText().equals(oidcRefreshToken)) {
      return new Answer(400, "{\"error\":\"invalid_grant\",\"error_description\":"
          + "\"Invalid refresh token provided\"}");
    }
    int n = issued.incrementAndGet();
    if (rotate) {
      oidcRefreshToken = "aorOIDC-rotated-" + n + "-SECRET";
    }
    return new Answer(200, "{\"accessToken\":\"aoaOIDC-issued-" + n + "-SECRET\","
        + "\"expiresIn\":3600,\"refreshToken\":\"" + oidcRefreshToken
        + "\",\"tokenType\":\"Bearer\",\"idToken\":null,\"issuedTokenType\":null}");
  }

  @Override
  public void close() throws Exception {
    CountDownLatch h = hold;
    if (h != null) {
      h.countDown();
    }
    server.stop();
  }
}
