package dev.kirogateway.keys;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kirogateway.Gateway;
import dev.kirogateway.config.Settings;
import dev.kirogateway.sim.KiroSimulator;
import dev.kirogateway.sim.SimulatorOptions;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Client keys through a real gateway and simulator, with the store in a temporary DATA_DIR. */
final class ClientKeysGatewayTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ADMIN = "test-admin-key";
  private static final String OPENAI =
      "{\"model\":\"claude-sonnet-4.5\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";
  private static final String ANTHROPIC =
      "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":50,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";

  @TempDir Path dir;
  private final HttpClient client =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private KiroSimulator sim;
  private Gateway gateway;
  private String alice;
  private String bob;

  @BeforeEach
  void start() {
    try (SqliteKeyStore store = SqliteKeyStore.open(dir.resolve("keys.sqlite3"))) {
      alice =
          KeyGuard.create(
              store,
              "alice",
              new ClientKey.Limits(List.of(), 2, 0, OptionalDouble.empty(), OptionalDouble.empty()),
              Clock.systemUTC());
      bob =
          KeyGuard.create(
              store,
              "bob",
              new ClientKey.Limits(
                  List.of("claude-haiku-4.5"),
                  0,
                  0,
                  OptionalDouble.empty(),
                  OptionalDouble.empty()),
              Clock.systemUTC());
    }
    sim = KiroSimulator.start(SimulatorOptions.defaults());
    sim.registerDesktopRefreshToken("aorKeysTest");
    String base = sim.baseUrl().toString();
    gateway =
        Gateway.start(
            Settings.layered(
                Map.of(
                    "PROXY_API_KEY",
                    ADMIN,
                    "SERVER_PORT",
                    "0",
                    "DATA_DIR",
                    dir.toString(),
                    "KIRO_API_BASE_URL",
                    base,
                    "KIRO_DESKTOP_AUTH_BASE_URL",
                    base,
                    "KIRO_OIDC_BASE_URL",
                    base,
                    "KIRO_MANAGEMENT_BASE_URL",
                    base,
                    "REFRESH_TOKEN",
                    "aorKeysTest")),
            dir.resolve("home"));
  }

  @AfterEach
  void stop() {
    gateway.close();
    sim.close();
  }

  private HttpResponse<String> send(String path, String key, String body) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(gateway.baseUrl() + path))
            .timeout(Duration.ofSeconds(30))
            .header("x-api-key", key);
    if (body != null) {
      b.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
    }
    try {
      return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static JsonNode json(HttpResponse<String> r) {
    try {
      return JSON.readTree(r.body());
    } catch (IOException e) {
      throw new AssertionError(r.body(), e);
    }
  }

  @Test
  void aClientKeyIsLimitedAndItsUsageIsVisibleToTheAdmin() {
    assertThat(send("/v1/chat/completions", alice, OPENAI).statusCode()).isEqualTo(200);
    assertThat(send("/v1/messages", alice, ANTHROPIC).statusCode()).isEqualTo(200);
    HttpResponse<String> third = send("/v1/messages", alice, ANTHROPIC);
    assertThat(third.statusCode()).isEqualTo(429);
    assertThat(third.headers().firstValue("Retry-After")).isPresent();
    assertThat(json(third).path("error").path("type").asText()).isEqualTo("rate_limit_error");
    assertThat(json(third).path("error").path("message").asText())
        .contains("'alice'")
        .contains("2 requests per minute");
    HttpResponse<String> openai = send("/v1/chat/completions", alice, OPENAI);
    assertThat(json(openai).path("error").path("code").asText()).isEqualTo("rate_limit_exceeded");

    assertThat(send("/v1/keys/usage", alice, null).statusCode()).isEqualTo(403);
    assertThat(send("/v1/accounts", alice, null).statusCode()).isEqualTo(403);
    JsonNode usage = json(send("/v1/keys/usage", ADMIN, null));
    JsonNode row = usage.path("keys").get(0);
    assertThat(row.path("name").asText()).isEqualTo("alice");
    assertThat(row.path("requestsToday").asLong()).isEqualTo(2);
    assertThat(row.path("creditsToday").asDouble()).isPositive();
    assertThat(usage.toString()).doesNotContain(alice.substring(13));
  }

  @Test
  void aKeyRestrictedToAModelGets403ForOthersAndTheAdminKeyStillWorks() {
    HttpResponse<String> r = send("/v1/chat/completions", bob, OPENAI);
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(json(r).path("error").path("message").asText())
        .contains("may not use model claude-sonnet-4.5");
    assertThat(
            send(
                    "/v1/chat/completions",
                    bob,
                    OPENAI.replace("claude-sonnet-4.5", "claude-haiku-4.5"))
                .statusCode())
        .isEqualTo(200);
    assertThat(send("/v1/chat/completions", ADMIN, OPENAI).statusCode()).isEqualTo(200);
  }

  @Test
  void aRevokedKeyIsRefusedAtOnce() {
    assertThat(send("/v1/models", bob, null).statusCode()).isEqualTo(200);
    try (SqliteKeyStore store = SqliteKeyStore.open(dir.resolve("keys.sqlite3"))) {
      store.revoke("bob", java.time.Instant.now());
    }
    assertThat(send("/v1/models", bob, null).statusCode()).isEqualTo(401);
    assertThat(send("/v1/models", "kgw-00000000-" + "x".repeat(43), null).statusCode())
        .isEqualTo(401);
  }
}
