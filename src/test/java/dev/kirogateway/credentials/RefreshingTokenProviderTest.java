package dev.kirogateway.credentials;

import static dev.kirogateway.credentials.Fixture.INITIAL_DESKTOP_REFRESH;
import static dev.kirogateway.credentials.Fixture.INITIAL_OIDC_REFRESH;
import static dev.kirogateway.credentials.Fixture.START;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class RefreshingTokenProviderTest {
  private static final String SOCIAL_KEY = "kirocli:social:token";
  private static final String OIDC_KEY = "kirocli:odic:token";
  private static final Instant TWO_HOURS = START.plus(Duration.ofHours(2));

  @TempDir Path dir;
  private Fixture fx;
  private KiroCliDb db;

  @BeforeEach
  void setUp() throws Exception {
    fx = new Fixture();
    db = new KiroCliDb(dir.resolve("data.sqlite3"));
  }

  @AfterEach
  void tearDown() throws Exception {
    fx.close();
  }

  private RefreshingTokenProvider open(Map<String, String> extra) {
    Map<String, String> m = new java.util.HashMap<>(extra);
    m.put("KIRO_CLI_DB_FILE", db.path.toString());
    return fx.open(m, dir);
  }

  private void socialLogin(String access, String refresh, Instant expires) throws Exception {
    db.auth(SOCIAL_KEY, KiroCliDb.socialToken(access, refresh, expires.toString()));
  }

  private void builderIdLogin(String access, String refresh, Instant expires) throws Exception {
    db.auth(OIDC_KEY, KiroCliDb.oidcToken(access, refresh, expires.toString(),
        "https://view.awsapps.com/start"));
    db.auth("kirocli:odic:device-registration", KiroCliDb.registration());
  }

  @Test
  void servesStoredTokenWithoutRefreshingWhileItIsFresh() throws Exception {
    socialLogin("aoaSTORED-SECRET", INITIAL_DESKTOP_REFRESH, TWO_HOURS);
    RefreshingTokenProvider p = open(Map.of());

    KiroCredentials c = p.current();

    assertThat(c.accessToken()).isEqualTo("aoaSTORED-SECRET");
    assertThat(c.authType()).isEqualTo(AuthType.KIRO_DESKTOP);
    assertThat(c.profileArn()).contains(FakeAuthServer.SOCIAL_ARN);
    assertThat(fx.server.desktopCalls).hasValue(0);
  }

  @Test
  void refreshesSocialLoginThroughDesktopEndpointInsideThreshold() throws Exception {
    socialLogin("aoaSTORED-SECRET", INITIAL_DESKTOP_REFRESH, TWO_HOURS);
    RefreshingTokenProvider p = open(Map.of());
    fx.clock.advance(Duration.ofMinutes(111)); // 9 minutes left < 600 s threshold

    KiroCredentials c = p.current();

    assertThat(c.accessToken()).isEqualTo("aoaDESKTOP-issued-1-SECRET");
    assertThat(c.expiresAt()).isEqualTo(fx.clock.instant().plusSeconds(3600));
    assertThat(fx.server.desktopCalls).hasValue(1);
    assertThat(fx.server.lastPath).isEqualTo("/desktop/us-east-1/refreshToken");
    assertThat(fx.server.lastContentType).startsWith("application/json");
    assertThat(fx.server.lastUserAgent).matches("KiroIDE-0\\.7\\.45-[0-9a-f]{64}");
    JsonNode body = new ObjectMapper().readTree(fx.server.lastBody);
    assertThat(body.properties()).hasSize(1);
    assertThat(body.path("refreshToken").asText()).isEqualTo(INITIAL_DESKTOP_REFRESH);
  }

  @Test
  void refreshesOidcLoginWithCamelCaseBodyInSsoRegion() throws Exception {
    builderIdLogin("aoaSTORED-SECRET", INITIAL_OIDC_REFRESH, START.plusSeconds(60));
    RefreshingTokenProvider p = open(Map.of());

    KiroCredentials c = p.current();

    assertThat(c.accessToken()).isEqualTo("aoaOIDC-issued-1-SECRET");
    assertThat(c.authType()).isEqualTo(AuthType.AWS_SSO_OIDC);
    assertThat(fx.server.lastPath).isEqualTo("/oidc/eu-west-1/token");
    JsonNode body = new ObjectMapper().readTree(fx.server.lastBody);
    assertThat(body.path("clientId").asText()).isEqualTo(FakeAuthServer.CLIENT_ID);
    assertThat(body.path("clientSecret").asText()).isEqualTo(FakeAuthServer.CLIENT_SECRET);
    assertThat(body.path("grantType").asText()).isEqualTo("refresh_token");
    assertThat(body.path("refreshToken").asText()).isEqualTo(INITIAL_OIDC_REFRESH);
    // Builder ID without a stored ARN: auto mode sends the fixed ARN; API region from it.
    assertThat(c.profileArn()).contains(Accounts.BUILDER_ID_PROFILE_ARN);
    assertThat(c.apiRegion()).isEqualTo("us-east-1");
  }

  @Test
  void thousandConcurrentCallersAtExpiryCauseExactlyOneRefresh() throws Exception {
    socialLogin("aoaSTORED-SECRET", INITIAL_DESKTOP_REFRESH, START.plusSeconds(5));
    RefreshingTokenProvider p = open(Map.of());
    CountDownLatch go = new CountDownLatch(1);
    List<Future<KiroCredentials>> results = new ArrayList<>();
    try (var exec = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < 1000; i++) {
        results.add(exec.submit(() -> {
          go.await();
          return p.current();
        }));
      }
      go.countDown();
      Set<String> tokens = ConcurrentHashMap.newKeySet();
      for (Future<KiroCredentials> f : results) {
        tokens.add(f.get().accessToken());
      }
      assertThat(tokens).containsExactly("aoaDESKTOP-issued-1-SECRET");
    }
    assertThat(fx.server.desktopCalls).hasValue(1);
  }

  @Test
  void adoptsTokenThatKiroCliRotatedInsteadOfRefreshing() throws Exception {
    socialLogin("aoaSTORED-SECRET", INITIAL_DESKTOP_REFRESH, START.plusSeconds(60));
    RefreshingTokenProvider p = open(Map.of());
    // kiro-cli refreshed on its own meanwhile
    socialLogin("aoaKIROCLI-SECRET", "aorKIROCLI-SECRET", TWO_HOURS);

    assertThat(p.current().accessToken()).isEqualTo("aoaKIROCLI-SECRET");
    assertThat(fx.server.desktopCalls).hasValue(0);
  }

  @Test
  void refreshesWithRefreshTokenJustReadWhenStoredTokenAlsoExpiring() throws Exception {
    socialLogin("aoaSTORED-SECRET", "aorOLD-SECRET", START.plusSeconds(60));
    RefreshingTokenProvider p = open(Map.of());
    socialLogin("aoaSTORED-SECRET", INITIAL_DESKTOP_REFRESH, START.plusSeconds(60));

    assertThat(p.current().accessToken()).isEqualTo("aoaDESKTOP-issued-1-SECRET");
    assertThat(fx.server.desktopCalls).hasValue(1);
  }

  @Test
  void staleRefreshTokenIsRereadAndRetriedOnce() throws Exception {
    builderIdLogin("aoaSTORED-SECRET", INITIAL_OIDC_REFRESH, START.plusSeconds(60));
    RefreshingTokenProvider p = open(Map.of());
    fx.server.arrived = new CountDownLatch(1);
    fx.server.hold = new CountDownLatch(1);
    try (var exec = Executors.newVirtualThreadPerTaskExecutor()) {
      Future<KiroCredentials> pending = exec.submit(p::current);
      fx.server.arrived.await();
      // While our refresh is in flight, kiro-cli refreshes and persists a rotated token
      // (still expiring soon), so our refresh token is now stale.
      fx.server.oidcRefreshToken = "aorKIROCLI-rotated-SECRET";
      db.auth(OIDC_KEY, KiroCliDb.oidcToken("aoaKIROCLI-SECRET", "aorKIROCLI-rotated-SECRET",
          START.plusSeconds(120).toString(), "https://view.awsapps.com/start"));
      fx.server.hold.countDown();

      assertThat(pending.get().accessToken()).isEqualTo("aoaOIDC-issued-1-SECRET");
    }
    assertThat(fx.server.oidcCalls).hasValue(2);
    assertThat(db.authJson(OIDC_KEY).path("refresh_token").asText())
        .isEqualTo("aorOIDC-rotated-1-SECRET");
  }

  @Test
  void keepsUsingValidTokenWhenRefreshFailsAndBacksOff() throws Exception {
    socialLogin("aoaSTORED-SECRET", INITIAL_DESKTOP_REFRESH, START.plusSeconds(300));
    RefreshingTokenProvider p = open(Map.of());
    fx.server.failWithStatus = 500;

    assertThat(p.current().accessToken()).isEqualTo("aoaSTORED-SECRET");
    assertThat(p.current().accessToken()).isEqualTo("aoaSTORED-SECRET");
    assertThat(fx.server.desktopCalls).hasValue(1); // second call inside the back-off
    assertThat(p.status().get("lastError").toString()).contains("HTTP 500");

    fx.clock.advance(RefreshingTokenProvider.RETRY_AFTER_FAILURE);
    fx.server.failWithStatus = 0;
    assertThat(p.current().accessToken()).isEqualTo("aoaDESKTOP-issued-1-SECRET");
  }

  @Test
  void expiredTokenAndRejectedRefreshFailWithKiroCliHint() throws Exception {
    socialLogin("aoaSTORED-SECRET", "aorREVOKED-SECRET", START.minusSeconds(10));
    RefreshingTokenProvider p = open(Map.of());

    assertThatThrownBy(p::current)
        .isInstanceOf(CredentialsException.class)
        .hasMessageContaining("HTTP 401")
        .hasMessageContaining("run `kiro-cli login`")
        .hasMessageNotContaining("aorREVOKED");
    assertThat(fx.server.desktopCalls).hasValue(1); // unchanged DB: no pointless retry
  }

  @Test
  void jsonSourceFailureTellsToSignInAgainInKiroIde() throws Exception {
    Path file = dir.resolve("kiro-auth-token.json");
    java.nio.file.Files.writeString(file, "{\"accessToken\":\"aoaX-SECRET\",\"refreshToken\":"
        + "\"aorX-SECRET\",\"expiresAt\":\"2020-01-01T00:00:00Z\",\"authMethod\":\"social\"}");
    RefreshingTokenProvider p = fx.open(Map.of("KIRO_CREDS_FILE", file.toString()), dir);

    assertThatThrownBy(p::current).hasMessageContaining("sign in again in Kiro IDE");
  }

  @Test
  void refreshCallTimesOutInsteadOfHanging() throws Exception {
    socialLogin("aoaSTORED-SECRET", INITIAL_DESKTOP_REFRESH, START.minusSeconds(1));
    RefreshingTokenProvider p = open(Map.of("TOKEN_REFRESH_TIMEOUT", "0.3"));
    fx.server.hold = new CountDownLatch(1);

    assertThatThrownBy(p::current).isInstanceOf(CredentialsException.class)
        .hasMessageContaining("no answer");
    fx.server.hold.countDown();
  }

  @Test
  void forceRefreshReplacesStaleTokenOnceAndReturnsNewerOneToLateCallers() throws Exception {
    socialLogin("aoaSTORED-SECRET", INITIAL_DESKTOP_REFRESH, TWO_HOURS);
    RefreshingTokenProvider p = open(Map.of());
    KiroCredentials stale = p.current();

    KiroCredentials first = p.forceRefresh(stale);
    KiroCredentials second = p.forceRefresh(stale);

    assertThat(first.accessToken()).isEqualTo("aoaDESKTOP-issued-1-SECRET");
    assertThat(second).isEqualTo(first);
    assertThat(fx.server.desktopCalls).hasValue(1);
  }

  @Test
  void forceRefreshFailureIsReportedEvenWithUnexpiredToken() throws Exception {
    socialLogin("aoaSTORED-SECRET", INITIAL_DESKTOP_REFRESH, TWO_HOURS);
    RefreshingTokenProvider p = open(Map.of());
    fx.server.failWithStatus = 500;

    assertThatThrownBy(() -> p.forceRefresh(p.current()))
        .isInstanceOf(CredentialsException.class).hasMessageContaining("kiro-cli login");
  }

  @Test
  void writesRefreshedTokensBackToSqlite() throws Exception {
    socialLogin("aoaSTORED-SECRET", INITIAL_DESKTOP_REFRESH, START.plusSeconds(60));
    RefreshingTokenProvider p = open(Map.of());

    p.current();

    JsonNode row = db.authJson(SOCIAL_KEY);
    assertThat(row.path("access_token").asText()).isEqualTo("aoaDESKTOP-issued-1-SECRET");
    assertThat(row.path("refresh_token").asText()).isEqualTo("aorDESKTOP-rotated-1-SECRET");
    assertThat(row.path("expires_at").asText()).isEqualTo("2026-05-08T01:00:00Z");
    assertThat(row.path("unknown_field").path("keep").asBoolean()).isTrue();
    assertThat(row.path("provider").asText()).isEqualTo("google");
  }

  @Test
  void readOnlyModeKeepsRotatedTokensInMemoryAcrossRefreshes() throws Exception {
    socialLogin("aoaSTORED-SECRET", INITIAL_DESKTOP_REFRESH, START.plusSeconds(60));
    RefreshingTokenProvider p = open(Map.of("SQLITE_READONLY", "true"));

    p.current();
    fx.clock.advance(Duration.ofMinutes(55));
    KiroCredentials again = p.current(); // must use the rotated refresh token from memory

    assertThat(again.accessToken()).isEqualTo("aoaDESKTOP-issued-2-SECRET");
    assertThat(db.authJson(SOCIAL_KEY).path("access_token").asText())
        .isEqualTo("aoaSTORED-SECRET");
    assertThat(p.status()).containsEntry("writeBack", "off (read-only)");
  }

  @Test
  void refreshTokenFromEnvironmentUsesDesktopFlowAndProfileArn() throws Exception {
    RefreshingTokenProvider p = fx.open(Map.of("REFRESH_TOKEN", INITIAL_DESKTOP_REFRESH,
        "PROFILE_ARN", "arn:aws:codewhisperer:eu-central-1:1:profile/ENV"), dir);

    KiroCredentials c = p.current();

    assertThat(c.accessToken()).isEqualTo("aoaDESKTOP-issued-1-SECRET");
    assertThat(c.profileArn()).contains("arn:aws:codewhisperer:eu-central-1:1:profile/ENV");
    assertThat(c.apiRegion()).isEqualTo("eu-central-1");
  }

  @Test
  void statusHasNoSecrets() throws Exception {
    builderIdLogin("aoaSTORED-SECRET", INITIAL_OIDC_REFRESH, TWO_HOURS);
    RefreshingTokenProvider p = open(Map.of());

    Map<String, Object> st = p.status();

    assertThat(st).containsEntry("loginType", "BUILDER_ID").containsEntry("ssoRegion", "eu-west-1")
        .containsEntry("apiRegion", "us-east-1").containsEntry("state", "valid")
        .containsEntry("expiresInSeconds", 7200L);
    assertThat(st.toString()).doesNotContain("SECRET", FakeAuthServer.CLIENT_ID);
  }
}
