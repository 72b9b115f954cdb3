package dev.kirogateway.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kirogateway.Gateway;
import dev.kirogateway.config.ConfigException;
import dev.kirogateway.config.Settings;
import dev.kirogateway.sim.KiroSimulator;
import dev.kirogateway.sim.RecordedRequest;
import dev.kirogateway.sim.Scenario;
import dev.kirogateway.sim.SimulatorOptions;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several accounts through a real gateway and one Kiro simulator that knows each account's refresh
 * token. Each account sends its own profile ARN, which tells the recorded calls apart.
 */
final class AccountsGatewayTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String KEY = "test-gateway-key";
  private static final String ARN_A = "arn:aws:codewhisperer:us-east-1:111111111111:profile/A";
  private static final String ARN_B = "arn:aws:codewhisperer:us-east-1:222222222222:profile/B";
  private static final String ARN_C = "arn:aws:codewhisperer:us-east-1:333333333333:profile/C";
  private static final String OPENAI =
      "{\"model\":\"claude-sonnet-4.5\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";
  private static final String ANTHROPIC =
      "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":100,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";

  @TempDir Path dir;
  private final HttpClient client =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final List<Duration> sleeps = new CopyOnWriteArrayList<>();
  private KiroSimulator sim;
  private Gateway gateway;
  private Path file;

  @BeforeEach
  void start() throws IOException {
    sim = KiroSimulator.start(SimulatorOptions.defaults());
    for (String t : List.of("aorAccountA", "aorAccountB", "aorAccountC")) {
      sim.registerDesktopRefreshToken(t);
    }
    file = dir.resolve("accounts.json");
    Files.writeString(
        file,
        accounts(
            entry("account-a", "aorAccountA", ARN_A), entry("account-b", "aorAccountB", ARN_B)));
    gateway =
        Gateway.start(
            settings(Map.of("ACCOUNTS_CONFIG_FILE", file.toString())),
            dir.resolve("home"),
            sleeps::add);
  }

  @AfterEach
  void stop() {
    if (gateway != null) {
      gateway.close();
    }
    sim.close();
  }

  private Settings settings(Map<String, String> extra) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("PROXY_API_KEY", KEY);
    env.put("SERVER_PORT", "0");
    env.put("KIRO_API_BASE_URL", sim.baseUrl().toString());
    env.put("KIRO_DESKTOP_AUTH_BASE_URL", sim.baseUrl().toString());
    env.put("KIRO_OIDC_BASE_URL", sim.baseUrl().toString());
    env.put("KIRO_MANAGEMENT_BASE_URL", sim.baseUrl().toString());
    env.put("ACCOUNT_PROBE_CHANCE", "0");
    env.put("ACCOUNTS_RELOAD_INTERVAL", "0.05");
    env.putAll(extra);
    return Settings.layered(env);
  }

  private static String entry(String name, String refreshToken, String arn) {
    return "{\"name\":\""
        + name
        + "\",\"REFRESH_TOKEN\":\""
        + refreshToken
        + "\",\"PROFILE_ARN\":\""
        + arn
        + "\"}";
  }

  private static String accounts(String... entries) {
    return "[" + String.join(",", entries) + "]";
  }

  private HttpResponse<String> send(HttpRequest.Builder b) {
    try {
      return client.send(
          b.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private HttpResponse<String> post(String path, String body) {
    return send(
        HttpRequest.newBuilder(URI.create(gateway.baseUrl() + path))
            .header("Authorization", "Bearer " + KEY)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  private HttpResponse<String> get(String path, boolean withKey) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(gateway.baseUrl() + path));
    if (withKey) {
      b.header("x-api-key", KEY);
    }
    return send(b);
  }

  private static JsonNode json(HttpResponse<String> r) {
    try {
      return JSON.readTree(r.body());
    } catch (IOException e) {
      throw new AssertionError("not JSON: " + r.body(), e);
    }
  }

  /** The profile ARN of each chat call, in order: which account made it ("-" for none). */
  private List<String> callers() {
    List<String> out = new ArrayList<>();
    for (RecordedRequest r : sim.requests()) {
      if (r.path().equals("/generateAssistantResponse")) {
        out.add(r.json().map(j -> j.path("profileArn").asText("-")).orElse("?"));
      }
    }
    return out;
  }

  private JsonNode account(JsonNode view, String name) {
    for (JsonNode a : view.path("accounts")) {
      if (a.path("name").asText().equals(name)) {
        return a;
      }
    }
    throw new AssertionError("no account " + name + " in " + view);
  }

  /** Polls GET /v1/accounts until {@code done} holds, for at most 5 s. */
  private JsonNode awaitView(Predicate<JsonNode> done) {
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (true) {
      JsonNode view = json(get("/v1/accounts", true));
      if (done.test(view)) {
        return view;
      }
      assertThat(System.nanoTime())
          .as("condition not reached; last view %s", view)
          .isLessThan(deadline);
      Thread.onSpinWait();
    }
  }

  @Test
  void healthReportsEveryAccountsCredentialsWithoutSecrets() {
    HttpResponse<String> r = get("/health", false);
    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode h = json(r);
    assertThat(h.path("status").asText()).isEqualTo("ok");
    assertThat(h.path("accounts").fieldNames()).toIterable().contains("account-a", "account-b");
    assertThat(h.at("/accounts/account-a/source").asText()).isNotBlank();
    assertThat(r.body()).doesNotContain("aor");
  }

  @Test
  void quotaOnTheFirstAccountMovesTheRequestToTheSecond() {
    sim.enqueue(Scenario.HttpError.monthlyLimit());
    HttpResponse<String> r = post("/v1/chat/completions", OPENAI);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(callers()).containsExactly(ARN_A, ARN_B);
    // the quota cooldown moves to the reset date Kiro reports (the simulator: 12 days ahead)
    JsonNode view =
        awaitView(
            v ->
                Instant.parse(account(v, "account-a").path("until").asText("2000-01-01T00:00:00Z"))
                    .isAfter(Instant.now().plus(Duration.ofDays(11))));
    assertThat(view.path("lastWorked").asText()).isEqualTo("account-b");
    JsonNode a = account(view, "account-a");
    assertThat(a.path("state").asText()).isEqualTo("quota exhausted");
    JsonNode b = account(view, "account-b");
    assertThat(b.path("state").asText()).isEqualTo("healthy");
    assertThat(b.path("requestsServed").asLong()).isEqualTo(1);
    assertThat(b.path("creditsUsed").asDouble()).isPositive();
    assertThat(b.path("usageLimits").path("subscription").asText()).isEqualTo("KIRO FREE");
    assertThat(b.path("usageLimits").path("creditsRemaining").asDouble()).isEqualTo(46.75);
    assertThat(b.path("credentials").path("profileArn").asText()).isEqualTo(ARN_B);
    assertThat(view.toString()).doesNotContain("aorAccount");
    // and the next request stays on account-b
    sim.clearRequests();
    assertThat(post("/v1/chat/completions", OPENAI).statusCode()).isEqualTo(200);
    assertThat(callers()).containsExactly(ARN_B);
  }

  @Test
  void aRefreshTokenKiroNoLongerAcceptsMovesTheRequestToTheNextAccount() throws IOException {
    Files.writeString(
        file,
        accounts(
            entry("revoked", "aorUnknownToken", ARN_C), entry("account-b", "aorAccountB", ARN_B)));
    Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(10)));
    gateway.accounts().reloadIfChanged(); // unless the timer was quicker
    assertThat(gateway.accounts().names()).containsExactly("revoked", "account-b");
    HttpResponse<String> r = post("/v1/messages", ANTHROPIC);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(callers()).containsExactly(ARN_B);
    JsonNode revoked = account(json(get("/v1/accounts", true)), "revoked");
    assertThat(revoked.path("state").asText()).isEqualTo("credentials failing");
    assertThat(revoked.path("credentials").path("lastError").asText()).contains("401");
  }

  @Test
  void notAuthorizedAfterRefreshAndArnFallbackMovesToTheNextAccount() {
    sim.failNextWithNotAuthorized(3); // first try, after the forced refresh, with the other ARN
    HttpResponse<String> r = post("/v1/chat/completions", OPENAI);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(callers()).containsExactly(ARN_A, ARN_A, "-", ARN_B);
    assertThat(account(json(get("/v1/accounts", true)), "account-a").path("state").asText())
        .isEqualTo("credentials failing");
  }

  @Test
  void throttlingMovesOnAfterTheAccountsOwnRetries() {
    sim.enqueue(Scenario.HttpError.throttled(), 4);
    HttpResponse<String> r = post("/v1/chat/completions", OPENAI);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(callers()).containsExactly(ARN_A, ARN_A, ARN_A, ARN_A, ARN_B);
    assertThat(sleeps).hasSize(3);
    assertThat(account(json(get("/v1/accounts", true)), "account-a").path("state").asText())
        .isEqualTo("cooling down");
  }

  @Test
  void aModelKiroRefusesForOneAccountIsServedByAnother() {
    sim.enqueue(Scenario.HttpError.invalidModel());
    HttpResponse<String> r = post("/v1/chat/completions", OPENAI);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(callers()).containsExactly(ARN_A, ARN_B);
    JsonNode a = account(json(get("/v1/accounts", true)), "account-a");
    assertThat(a.path("state").asText()).isEqualTo("healthy");
    assertThat(a.path("modelsRefusedByKiro").has("claude-sonnet-4.5")).isTrue();
  }

  @Test
  void whenNoAccountIsLeftTheClientGetsANativeErrorNamingEachReason() {
    sim.enqueue(Scenario.HttpError.monthlyLimit());
    sim.enqueue(Scenario.HttpError.throttled(Duration.ofSeconds(120)));
    HttpResponse<String> r = post("/v1/messages", ANTHROPIC);
    assertThat(r.statusCode()).isEqualTo(429);
    assertThat(r.headers().firstValue("Retry-After")).contains("120");
    JsonNode body = json(r);
    assertThat(body.path("type").asText()).isEqualTo("error");
    assertThat(body.path("error").path("type").asText()).isEqualTo("rate_limit_error");
    assertThat(body.path("error").path("message").asText())
        .startsWith(
            "No Kiro account can take this request now: account-a: monthly quota"
                + " exhausted (until ")
        .endsWith("Z); account-b: cooling down 2 min after throttling.");
    // OpenAI shape for the next one, refused without calling Kiro
    sim.clearRequests();
    HttpResponse<String> o = post("/v1/chat/completions", OPENAI);
    assertThat(o.statusCode()).isEqualTo(429);
    assertThat(json(o).path("error").path("code").asText()).isEqualTo("rate_limit_exceeded");
    assertThat(callers()).isEmpty();
  }

  @Test
  void explainShowsWhoWouldServeAndIsBehindTheKey() {
    assertThat(get("/v1/accounts/explain?model=claude-sonnet-4.5", false).statusCode())
        .isEqualTo(401);
    assertThat(get("/v1/accounts", false).statusCode()).isEqualTo(401);
    HttpResponse<String> missing = get("/v1/accounts/explain", true);
    assertThat(missing.statusCode()).isEqualTo(400);
    assertThat(json(missing).path("error").path("param").asText()).isEqualTo("model");
    sim.enqueue(Scenario.HttpError.monthlyLimit());
    assertThat(post("/v1/chat/completions", OPENAI).statusCode()).isEqualTo(200);
    JsonNode e = json(get("/v1/accounts/explain?model=claude-sonnet-4-5", true));
    assertThat(e.path("kiroModel").asText()).isEqualTo("claude-sonnet-4.5");
    assertThat(e.path("wouldServe").asText()).isEqualTo("account-b");
    assertThat(e.path("accounts").get(0).path("reason").asText())
        .isEqualTo("the last account that worked");
    assertThat(e.path("accounts").get(1).path("account").asText()).isEqualTo("account-a");
    assertThat(e.path("accounts").get(1).path("reason").asText())
        .startsWith("monthly quota exhausted (until ");
  }

  @Test
  void theAccountsFileIsReloadedWhenItChanges() throws IOException {
    assertThat(gateway.accounts().names()).containsExactly("account-a", "account-b");
    Files.writeString(
        file,
        accounts(
            entry("account-b", "aorAccountB", ARN_B), entry("account-c", "aorAccountC", ARN_C)));
    Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(10)));
    awaitView(
        v ->
            v.path("accounts").size() == 2
                && v.path("accounts").get(1).path("name").asText().equals("account-c"));
    assertThat(gateway.accounts().names()).containsExactly("account-b", "account-c");
    assertThat(post("/v1/chat/completions", OPENAI).statusCode()).isEqualTo(200);
    assertThat(callers()).containsExactly(ARN_B);
  }

  @Test
  void aBrokenEditKeepsTheAccountsAsTheyWere() throws IOException {
    Files.writeString(file, "[{\"name\":\"x\"");
    Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(10)));
    assertThat(gateway.accounts().reloadIfChanged()).isFalse();
    assertThat(gateway.accounts().names()).containsExactly("account-a", "account-b");
    assertThat(post("/v1/chat/completions", OPENAI).statusCode()).isEqualTo(200);
  }

  @Test
  void withoutAnAccountsFileThereIsOneAccountFromTheUsualSettings() {
    gateway.close();
    gateway =
        Gateway.start(
            settings(Map.of("REFRESH_TOKEN", "aorAccountA", "PROFILE_ARN", ARN_A)),
            dir.resolve("home"),
            sleeps::add);
    JsonNode view = json(get("/v1/accounts", true));
    assertThat(view.path("source").asText()).isEqualTo("single account from the settings");
    assertThat(view.path("accounts").get(0).path("name").asText()).isEqualTo("default");
    sim.enqueue(Scenario.HttpError.monthlyLimit());
    HttpResponse<String> r = post("/v1/chat/completions", OPENAI);
    assertThat(r.statusCode()).isEqualTo(429);
    assertThat(json(r).path("error").path("message").asText())
        .startsWith("The Kiro account has used up");
    assertThat(post("/v1/chat/completions", OPENAI).statusCode()).isEqualTo(200);
  }

  @Test
  void startupFailsClearlyOnAMissingFileOrAnUnusableAccount() throws IOException {
    gateway.close();
    gateway = null;
    assertThatThrownBy(
            () ->
                Gateway.start(
                    settings(Map.of("ACCOUNTS_CONFIG_FILE", dir.resolve("nope.json").toString())),
                    dir.resolve("home")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("ACCOUNTS_CONFIG_FILE points to");
    Path bad = dir.resolve("bad.json");
    Files.writeString(
        bad, "[{\"name\":\"gone\",\"KIRO_CLI_DB_FILE\":\"" + dir.resolve("none.sqlite3") + "\"}]");
    assertThatThrownBy(
            () ->
                Gateway.start(
                    settings(Map.of("ACCOUNTS_CONFIG_FILE", bad.toString())), dir.resolve("home")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("Account 'gone': KIRO_CLI_DB_FILE points to");
  }
}
