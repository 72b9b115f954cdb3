package dev.kirogateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kirogateway.sim.SimulatorOptions;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * VPN_PROXY_URL: every Kiro and token-refresh call goes through the configured HTTP or SOCKS5
 * proxy (both on loopback, as is the simulator, so the proxy really has to be used for loopback
 * destinations), proxy credentials are sent, and a refusing proxy gives a clear 502.
 */
final class OutboundProxyTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String CHAT =
      "{\"model\":\"claude-sonnet-4.5\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";
  // reserved characters in the password must survive percent-encoding in the URL
  private static final String PASSWORD = "p@ss:w+rd/1";
  private static final String ENCODED_PASSWORD = "p%40ss%3Aw+rd%2F1";

  @TempDir Path dir;

  @Test
  void chatAndRefreshGoThroughAnHttpProxy() throws IOException {
    try (TestHttpProxy proxy = new TestHttpProxy(null, null)) {
      assertChatGoesThrough(proxy, "http://127.0.0.1:" + proxy.port());
    }
  }

  @Test
  void httpProxyGetsBasicCredentialsFromTheUrl() throws IOException {
    try (TestHttpProxy proxy = new TestHttpProxy("kiro", PASSWORD)) {
      assertChatGoesThrough(proxy, "http://kiro:" + ENCODED_PASSWORD + "@127.0.0.1:" + proxy.port());
      assertThat(proxy.refused()).isZero();
    }
  }

  @Test
  void chatAndRefreshGoThroughASocks5Proxy() throws IOException {
    try (TestSocks5Proxy proxy = new TestSocks5Proxy(null, null)) {
      assertChatGoesThrough(proxy, "socks5://127.0.0.1:" + proxy.port());
      assertThat(proxy.sent()).contains("SOCKS 127.0.0.1:");
    }
  }

  @Test
  void socks5ProxyGetsUsernameAndPasswordFromTheUrl() throws IOException {
    try (TestSocks5Proxy proxy = new TestSocks5Proxy("kiro", PASSWORD)) {
      assertChatGoesThrough(proxy, "socks5://kiro:" + ENCODED_PASSWORD + "@127.0.0.1:" + proxy.port());
      assertThat(proxy.refused()).isZero();
    }
  }

  @Test
  void noProxyHostsGoDirect() throws IOException {
    try (TestHttpProxy proxy = new TestHttpProxy(null, null);
        GatewayHarness h =
            GatewayHarness.start(
                Map.of(
                    "VPN_PROXY_URL", "http://127.0.0.1:" + proxy.port(),
                    "VPN_PROXY_NO_PROXY", "example.org, 127.0.0.1"))) {
      assertThat(new RawClient(h).openai(CHAT).statusCode()).isEqualTo(200);
      assertThat(proxy.connections()).isZero();
    }
  }

  @Test
  void wrongHttpProxyPasswordOnAKiroCallIsUpstreamUnreachable() throws IOException {
    try (TestHttpProxy proxy = new TestHttpProxy("kiro", PASSWORD)) {
      String url = "http://kiro:wrong@127.0.0.1:" + proxy.port();
      HttpResponse<String> r = chatWithValidAccessToken(url);
      assertUnreachableThroughProxy(r);
      assertThat(proxy.refused()).isPositive();
    }
  }

  @Test
  void wrongSocks5PasswordOnAKiroCallIsUpstreamUnreachable() throws IOException {
    try (TestSocks5Proxy proxy = new TestSocks5Proxy("kiro", PASSWORD)) {
      String url = "socks5://kiro:wrong@127.0.0.1:" + proxy.port();
      HttpResponse<String> r = chatWithValidAccessToken(url);
      assertUnreachableThroughProxy(r);
      assertThat(proxy.refused()).isPositive();
    }
  }

  @Test
  void wrongProxyPasswordDuringTokenRefreshIsAClear502() throws IOException {
    try (TestHttpProxy proxy = new TestHttpProxy("kiro", PASSWORD);
        GatewayHarness h =
            GatewayHarness.start(
                Map.of("VPN_PROXY_URL", "http://kiro:wrong@127.0.0.1:" + proxy.port()))) {
      HttpResponse<String> r = new RawClient(h).openai(CHAT);
      assertThat(r.statusCode()).isEqualTo(502);
      JsonNode error = JSON.readTree(r.body()).path("error");
      assertThat(error.path("message").asText())
          .contains("VPN_PROXY_URL")
          .contains("407")
          .doesNotContain("wrong");
      assertThat(h.simulator().refreshCalls()).isZero();
    }
  }

  private static void assertChatGoesThrough(LoopbackProxy proxy, String proxyUrl)
      throws IOException {
    try (GatewayHarness h = GatewayHarness.start(Map.of("VPN_PROXY_URL", proxyUrl))) {
      HttpResponse<String> r = new RawClient(h).openai(CHAT);
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      assertThat(JSON.readTree(r.body()).path("choices").path(0).path("message").path("content")
          .asText()).isNotEmpty();
      assertThat(proxy.connections()).isPositive();
      assertThat(proxy.sent())
          .containsPattern("POST (http://127\\.0\\.0\\.1:\\d+)?/refreshToken HTTP/1\\.1")
          .containsPattern(
              "POST (http://127\\.0\\.0\\.1:\\d+)?/generateAssistantResponse HTTP/1\\.1");
      assertThat(h.simulator().refreshCalls()).isEqualTo(1);
      assertThat(h.kiroCalls()).hasSize(1);
    }
  }

  /** A token file with an access token the simulator accepts, so no refresh is needed. */
  private HttpResponse<String> chatWithValidAccessToken(String proxyUrl) throws IOException {
    Path tokenFile = dir.resolve("kiro-auth-token.json");
    try (GatewayHarness h =
        GatewayHarness.start(
            SimulatorOptions.defaults(),
            sim -> {
              String token = sim.issueAccessToken(Duration.ofHours(1));
              write(tokenFile, token);
              Map<String, String> env = new LinkedHashMap<>();
              env.put("VPN_PROXY_URL", proxyUrl);
              env.put("KIRO_CREDS_FILE", tokenFile.toString());
              return env;
            })) {
      HttpResponse<String> r = new RawClient(h).openai(CHAT);
      assertThat(h.simulator().requests()).isEmpty();
      assertThat(h.sleeps()).as("a refusing proxy is not retried").isEmpty();
      return r;
    }
  }

  private static void write(Path file, String accessToken) {
    try {
      Files.writeString(
          file,
          JSON.createObjectNode()
              .put("accessToken", accessToken)
              .put("refreshToken", GatewayHarness.REFRESH_TOKEN)
              .put("expiresAt", Instant.now().plus(Duration.ofHours(1)).toString())
              .put("profileArn", "arn:aws:codewhisperer:us-east-1:123456789012:profile/TEST")
              .put("region", "us-east-1")
              .toString());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static void assertUnreachableThroughProxy(HttpResponse<String> r) throws IOException {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(502);
    JsonNode error = JSON.readTree(r.body()).path("error");
    assertThat(error.path("code").asText()).isEqualTo("upstream_unreachable");
    assertThat(error.path("message").asText())
        .contains("proxy")
        .contains("VPN_PROXY_URL")
        .doesNotContain("wrong");
  }
}
