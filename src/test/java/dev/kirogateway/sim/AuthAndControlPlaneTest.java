package dev.kirogateway.sim;

import static dev.kirogateway.sim.SimTestSupport.chat;
import static dev.kirogateway.sim.SimTestSupport.chatBody;
import static dev.kirogateway.sim.SimTestSupport.json;
import static dev.kirogateway.sim.SimTestSupport.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

final class AuthAndControlPlaneTest {
  private static final String BEARER_INVALID =
      "{\"message\":\"The bearer token included in the request is invalid.\",\"reason\":null}";
  private static final String NOT_AUTHORIZED =
      "{\"message\":\"User is not authorized to make this call.\",\"reason\":null}";

  private KiroSimulator sim = KiroSimulator.start(SimulatorOptions.defaults());

  @AfterEach
  void stop() {
    sim.close();
  }

  private static String body(HttpResponse<byte[]> r) {
    return new String(r.body(), java.nio.charset.StandardCharsets.UTF_8);
  }

  private static Map<String, String> jsonHeaders() {
    return Map.of("Content-Type", "application/json");
  }

  private HttpResponse<byte[]> oidc(String body) throws Exception {
    return post(sim, "/token", jsonHeaders(), body);
  }

  private static String createToken(String refreshToken) {
    return "{\"clientId\":\"cid\",\"clientSecret\":\"secret\",\"grantType\":\"refresh_token\","
        + "\"refreshToken\":\""
        + refreshToken
        + "\"}";
  }

  @Test
  void unknownTokenGets403BearerInvalid() throws Exception {
    HttpResponse<byte[]> r = chat(sim, "aoaNOPE", chatBody("Hi"));
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(body(r)).isEqualTo(BEARER_INVALID);
    assertThat(r.headers().firstValue("x-amzn-RequestId")).isPresent();
  }

  @Test
  void expiredTokenGets403AndAFreshOneWorks() throws Exception {
    String token = sim.issueAccessToken(Duration.ofHours(1));
    assertThat(chat(sim, token, chatBody("Hi")).statusCode()).isEqualTo(200);
    sim.expireAccessToken(token);
    assertThat(body(chat(sim, token, chatBody("Hi")))).isEqualTo(BEARER_INVALID);
    String fresh = sim.issueAccessToken(Duration.ofHours(1));
    assertThat(chat(sim, fresh, chatBody("Hi")).statusCode()).isEqualTo(200);
    sim.revokeAll();
    assertThat(chat(sim, fresh, chatBody("Hi")).statusCode()).isEqualTo(403);
  }

  @Test
  void tokenExpiryFollowsTheInjectedClock() throws Exception {
    sim.close();
    MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    sim = KiroSimulator.start(SimulatorOptions.defaults().withClock(clock));
    String token = sim.issueAccessToken(Duration.ofSeconds(5));
    assertThat(chat(sim, token, chatBody("Hi")).statusCode()).isEqualTo(200);
    clock.now = clock.now.plusSeconds(5);
    assertThat(chat(sim, token, chatBody("Hi")).statusCode()).isEqualTo(403);
  }

  @Test
  void failNextWithNotAuthorizedAffectsExactlyNCalls() throws Exception {
    String token = sim.issueAccessToken(Duration.ofHours(1));
    sim.failNextWithNotAuthorized(2);
    assertThat(body(chat(sim, token, chatBody("Hi")))).isEqualTo(NOT_AUTHORIZED);
    assertThat(chat(sim, token, chatBody("Hi")).statusCode()).isEqualTo(403);
    assertThat(chat(sim, token, chatBody("Hi")).statusCode()).isEqualTo(200);
  }

  @Test
  void authIsSkippedWhenNotRequired() throws Exception {
    sim.close();
    sim = KiroSimulator.start(SimulatorOptions.defaults().withRequireAuth(false));
    assertThat(chat(sim, "anything", chatBody("Hi")).statusCode()).isEqualTo(200);
  }

  @Test
  void scenarioIsNotConsumedByARejectedCall() throws Exception {
    sim.enqueue(Scenario.Text.of("scripted"));
    assertThat(chat(sim, "aoaNOPE", chatBody("Hi")).statusCode()).isEqualTo(403);
    assertThat(sim.pendingScenarios()).isEqualTo(1);
    String token = sim.issueAccessToken(Duration.ofHours(1));
    assertThat(SimTestSupport.text(SimTestSupport.decode(chat(sim, token, chatBody("Hi")).body())))
        .isEqualTo("scripted");
  }

  @Test
  void profileArnModesAreEnforced() throws Exception {
    String token = sim.issueAccessToken(Duration.ofHours(1));
    String withArn =
        chatBody("Hi")
            .replaceFirst(
                "^\\{", "{\"profileArn\":\"arn:aws:codewhisperer:us-east-1:1:profile/P\",");
    sim.profileArnMode(ProfileArnMode.REQUIRED);
    HttpResponse<byte[]> missing = chat(sim, token, chatBody("Hi"));
    assertThat(missing.statusCode()).isEqualTo(400);
    assertThat(json(missing).path("message").asText())
        .isEqualTo("profileArn is required for this request.");
    assertThat(chat(sim, token, withArn).statusCode()).isEqualTo(200);
    sim.profileArnMode(ProfileArnMode.FORBIDDEN);
    assertThat(body(chat(sim, token, withArn))).isEqualTo(NOT_AUTHORIZED);
    assertThat(chat(sim, token, chatBody("Hi")).statusCode()).isEqualTo(200);
    sim.profileArnMode(ProfileArnMode.ANY);
    assertThat(chat(sim, token, withArn).statusCode()).isEqualTo(200);
    assertThat(chat(sim, token, chatBody("Hi")).statusCode()).isEqualTo(200);
  }

  @Test
  void chatAlsoWorksOnTheRootPathWithTheTarget() throws Exception {
    String token = sim.issueAccessToken(Duration.ofHours(1));
    HttpResponse<byte[]> r = post(sim, "/", SimTestSupport.kiroHeaders(token), chatBody("Hi"));
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(SimTestSupport.text(SimTestSupport.decode(r.body()))).contains("You said");
    assertThat(sim.requests()).hasSize(1);
    RecordedRequest recorded = sim.requests().getFirst();
    assertThat(recorded.path()).isEqualTo("/");
    assertThat(recorded.header("X-AMZ-TARGET")).hasValue(KiroRequestValidator.TARGET);
    assertThat(
            recorded.json().orElseThrow().path("conversationState").path("conversationId").asText())
        .isEqualTo("conv-1");
    assertThat(recorded.toString()).doesNotContain(token);
    sim.clearRequests();
    assertThat(sim.requests()).isEmpty();
  }

  @Test
  void unknownTargetIsAnUnknownOperation() throws Exception {
    Map<String, String> h = new LinkedHashMap<>(SimTestSupport.kiroHeaders("x"));
    h.put("x-amz-target", "AmazonCodeWhispererService.DoSomething");
    HttpResponse<byte[]> r = post(sim, "/", h, "{}");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(json(r).path("__type").asText()).isEqualTo("UnknownOperationException");
    assertThat(json(r).path("message").asText()).contains("DoSomething");
  }

  @Test
  void strictHeaderModeRejectsACharsetParameter() throws Exception {
    sim.close();
    sim = KiroSimulator.start(SimulatorOptions.defaults().withStrictHeaders(true));
    String token = sim.issueAccessToken(Duration.ofHours(1));
    assertThat(chat(sim, token, chatBody("Hi")).statusCode()).isEqualTo(200);
    Map<String, String> h = new LinkedHashMap<>(SimTestSupport.kiroHeaders(token));
    h.put("Content-Type", "application/x-amz-json-1.0; charset=utf-8");
    assertThat(post(sim, "/generateAssistantResponse", h, chatBody("Hi")).statusCode())
        .isEqualTo(400);
  }

  @Test
  void listsModelsProfilesAndUsageInBothForms() throws Exception {
    String token = sim.issueAccessToken(Duration.ofHours(1));
    Map<String, String> auth = Map.of("Authorization", "Bearer " + token);
    JsonNode models = json(SimTestSupport.get(sim, "/ListAvailableModels?origin=AI_EDITOR", auth));
    assertThat(models.path("defaultModel").path("modelId").asText()).isEqualTo("auto");
    assertThat(models.path("models")).hasSize(SimulatorOptions.DEFAULT_MODELS.size());
    assertThat(models.path("models").get(1).path("tokenLimits").path("maxInputTokens").asInt())
        .isEqualTo(1_000_000);
    Map<String, String> h = new LinkedHashMap<>(auth);
    h.put("Content-Type", "application/x-amz-json-1.0");
    h.put("x-amz-target", "AmazonCodeWhispererService.ListAvailableModels");
    assertThat(json(post(sim, "/", h, "{\"origin\":\"AI_EDITOR\"}")).path("models")).isNotEmpty();
    h.put("x-amz-target", "AmazonCodeWhispererService.ListAvailableProfiles");
    assertThat(json(post(sim, "/", h, "{}")).path("profiles").get(0).path("arn").asText())
        .isEqualTo(SimulatorOptions.DEFAULT_PROFILE_ARN);
    h.put("x-amz-target", "KiroControlPlaneBearerService.GetUsageLimits");
    assertThat(
            json(post(sim, "/", h, "{}"))
                .path("usageBreakdownList")
                .get(0)
                .path("resourceType")
                .asText())
        .isEqualTo("CREDIT");
    JsonNode usage =
        json(
            SimTestSupport.get(
                sim, "/getUsageLimits?origin=AI_EDITOR&resourceType=AGENTIC_REQUEST", auth));
    assertThat(usage.path("subscriptionInfo").path("subscriptionTitle").asText())
        .isEqualTo("KIRO FREE");
    assertThat(SimTestSupport.get(sim, "/ListAvailableModels", Map.of()).statusCode())
        .isEqualTo(403);
  }

  @Test
  void oidcRefreshKeepModeReturnsTheSameRefreshToken() throws Exception {
    sim.registerOidcClient("cid", "secret", "aorOLD");
    HttpResponse<byte[]> r = oidc(createToken("aorOLD"));
    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode j = json(r);
    assertThat(j.path("refreshToken").asText()).isEqualTo("aorOLD");
    assertThat(j.path("expiresIn").asLong()).isEqualTo(3600);
    assertThat(j.path("tokenType").asText()).isEqualTo("Bearer");
    assertThat(j.has("idToken") && j.get("idToken").isNull()).isTrue();
    assertThat(chat(sim, j.path("accessToken").asText(), chatBody("Hi")).statusCode())
        .isEqualTo(200);
    assertThat(sim.oidcRefreshCalls()).isEqualTo(1);
    assertThat(sim.refreshCalls()).isEqualTo(1);
  }

  @Test
  void oidcRotateModeKeepsTheOldTokenValid() throws Exception {
    sim.refreshMode(RefreshMode.ROTATE);
    sim.expiresIn(Duration.ofSeconds(5));
    sim.registerOidcClient("cid", "secret", "aorOLD");
    JsonNode first = json(oidc(createToken("aorOLD")));
    assertThat(first.path("refreshToken").asText()).isNotEqualTo("aorOLD").startsWith("aor");
    assertThat(first.path("expiresIn").asLong()).isEqualTo(5);
    assertThat(oidc(createToken("aorOLD")).statusCode()).isEqualTo(200);
    assertThat(oidc(createToken(first.path("refreshToken").asText())).statusCode()).isEqualTo(200);
  }

  @Test
  void oidcRotateAndInvalidateAnswersInvalidGrantForTheStaleToken() throws Exception {
    sim.refreshMode(RefreshMode.ROTATE_INVALIDATE_OLD);
    sim.registerOidcClient("cid", "secret", "aorOLD");
    String next = json(oidc(createToken("aorOLD"))).path("refreshToken").asText();
    HttpResponse<byte[]> stale = oidc(createToken("aorOLD"));
    assertThat(stale.statusCode()).isEqualTo(400);
    assertThat(body(stale))
        .isEqualTo(
            "{\"error\":\"invalid_grant\",\"error_description\":\"Invalid refresh token"
                + " provided\"}");
    assertThat(oidc(createToken(next)).statusCode()).isEqualTo(200);
    assertThat(sim.oidcRefreshCalls()).isEqualTo(3);
  }

  @Test
  void oidcRejectsFormEncodedSnakeCaseAndWrongClients() throws Exception {
    sim.registerOidcClient("cid", "secret", "aorOLD");
    HttpResponse<byte[]> form =
        post(
            sim,
            "/token",
            Map.of("Content-Type", "application/x-www-form-urlencoded"),
            "client_id=cid&client_secret=secret&grant_type=refresh_token&refresh_token=aorOLD");
    assertThat(form.statusCode()).isEqualTo(400);
    assertThat(json(form).path("error").asText()).isEqualTo("invalid_request");
    HttpResponse<byte[]> snake =
        oidc(
            "{\"client_id\":\"cid\",\"client_secret\":\"secret\",\"grant_type\":\"refresh_token\",\"refresh_token\":\"aorOLD\"}");
    assertThat(json(snake).path("error").asText()).isEqualTo("invalid_request");
    assertThat(
            json(oidc(createToken("aorOLD").replace("refresh_token", "authorization_code")))
                .path("error")
                .asText())
        .isEqualTo("unsupported_grant_type");
    assertThat(json(oidc(createToken("aorOLD").replace("secret", "wrong"))).path("error").asText())
        .isEqualTo("invalid_client");
    assertThat(json(oidc(createToken("aorUNKNOWN"))).path("error").asText())
        .isEqualTo("invalid_grant");
  }

  @Test
  void desktopRefreshWorksInAllModesAnd401sUnknownTokens() throws Exception {
    sim.registerDesktopRefreshToken("aorDESK");
    JsonNode kept =
        json(post(sim, "/refreshToken", jsonHeaders(), "{\"refreshToken\":\"aorDESK\"}"));
    assertThat(kept.path("refreshToken").asText()).isEqualTo("aorDESK");
    assertThat(kept.path("profileArn").asText()).isEqualTo(SimulatorOptions.DEFAULT_PROFILE_ARN);
    assertThat(kept.path("expiresIn").asLong()).isEqualTo(3600);
    assertThat(chat(sim, kept.path("accessToken").asText(), chatBody("Hi")).statusCode())
        .isEqualTo(200);

    sim.refreshMode(RefreshMode.ROTATE_INVALIDATE_OLD);
    String next =
        json(post(sim, "/refreshToken", jsonHeaders(), "{\"refreshToken\":\"aorDESK\"}"))
            .path("refreshToken")
            .asText();
    assertThat(next).isNotEqualTo("aorDESK");
    HttpResponse<byte[]> stale =
        post(sim, "/refreshToken", jsonHeaders(), "{\"refreshToken\":\"aorDESK\"}");
    assertThat(stale.statusCode()).isEqualTo(401);
    assertThat(json(stale).path("message").asText()).isEqualTo("Bad credentials");

    sim.refreshMode(RefreshMode.ROTATE);
    String third =
        json(post(sim, "/refreshToken", jsonHeaders(), "{\"refreshToken\":\"" + next + "\"}"))
            .path("refreshToken")
            .asText();
    assertThat(third).isNotEqualTo(next);
    assertThat(
            post(sim, "/refreshToken", jsonHeaders(), "{\"refreshToken\":\"" + next + "\"}")
                .statusCode())
        .isEqualTo(200);
    assertThat(sim.desktopRefreshCalls()).isEqualTo(5);
    assertThat(sim.oidcRefreshCalls()).isZero();
  }

  /** A settable clock; the simulator reads it on every auth check. */
  private static final class MutableClock extends Clock {
    volatile Instant now;

    MutableClock(Instant now) {
      this.now = now;
    }

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
