package dev.kirogateway.e2e;

import static dev.kirogateway.e2e.RawClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Routes, authentication and bad input, each answered in the calling API's own error shape. */
final class ClientInputTest {
  private static GatewayHarness harness;
  private static RawClient client;

  @BeforeAll
  static void start() {
    harness = GatewayHarness.start(Map.of("MAX_REQUEST_BODY_BYTES", "4096"));
    client = new RawClient(harness);
  }

  @AfterAll
  static void stop() {
    harness.close();
  }

  @BeforeEach
  void reset() {
    harness.simulator().clearRequests();
  }


  @Test
  void rootAndHealthNeedNoKeyAndHealthReportsTheCredentialState() {
    HttpResponse<String> root = client.get("/");
    assertThat(root.statusCode()).isEqualTo(200);
    assertThat(json(root).path("service").asText()).isEqualTo("kiro-gateway");
    HttpResponse<String> health = client.get("/health");
    assertThat(health.statusCode()).isEqualTo(200);
    JsonNode h = json(health);
    assertThat(h.path("status").asText()).isIn("ok", "degraded");
    assertThat(h.path("credentials").isObject()).isTrue();
    assertThat(health.body()).doesNotContain(GatewayHarness.REFRESH_TOKEN);
    assertThat(health.headers().firstValue("x-request-id")).isPresent();
  }

  @Test
  void missingKeyIsOpenAiShaped401OnOpenAiRoutes() {
    HttpResponse<String> r = client.post("/v1/chat/completions", "{}");
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(json(r).at("/error/type").asText()).isEqualTo("authentication_error");
    assertThat(json(r).at("/error/code").asText()).isEqualTo("invalid_api_key");
    assertThat(client.get("/v1/models").statusCode()).isEqualTo(401);
  }

  @Test
  void wrongKeyIsAnthropicShaped401OnAnthropicRoutes() {
    HttpResponse<String> r = client.post("/v1/messages", "{}", "x-api-key", "wrong");
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(json(r).at("/type").asText()).isEqualTo("error");
    assertThat(json(r).at("/error/type").asText()).isEqualTo("authentication_error");
  }

  @Test
  void aRejectedPostDoesNotBreakTheClientsNextRequestOnTheSameConnection() {
    String body = "{\"model\":\"claude-sonnet-4.5\",\"messages\":[{\"role\":\"user\",\"content\":\"" + "x".repeat(2000) + "\"}]}";
    for (int i = 0; i < 3; i++) {
      HttpResponse<String> rejected = client.post("/v1/chat/completions", body, "Authorization", "Bearer wrong");
      assertThat(rejected.statusCode()).isEqualTo(401);
      // the body was never read, so the connection cannot be reused: say so instead of racing
      assertThat(rejected.headers().firstValue("connection")).contains("close");
      HttpResponse<String> next = client.post("/v1/messages/count_tokens",
          "{\"model\":\"claude-sonnet-4-5\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}",
          "x-api-key", client.key());
      assertThat(next.statusCode()).isEqualTo(200);
    }
  }

  @Test
  void modelsListIsOpenAiListFormat() {
    HttpResponse<String> r = client.get("/v1/models", "Authorization", "Bearer " + client.key());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(json(r).path("object").asText()).isEqualTo("list");
    assertThat(json(r).at("/data/0/object").asText()).isEqualTo("model");
  }

  @Test
  void malformedJsonIsA400NamingTheProblemWithoutParserInternals() {
    HttpResponse<String> r = client.openai("{\"model\": \"x\", \"messages\": [");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(json(r).at("/error/type").asText()).isEqualTo("invalid_request_error");
    assertThat(json(r).at("/error/message").asText()).doesNotContain("com.fasterxml").doesNotContain("Exception");
    assertThat(harness.kiroCalls()).isEmpty();
  }

  @Test
  void wrongFieldTypeNamesTheField() {
    HttpResponse<String> r =
        client.anthropic("{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":10,\"messages\":[{\"role\":\"user\",\"content\":42}]}");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(json(r).at("/error/type").asText()).isEqualTo("invalid_request_error");
    assertThat(json(r).at("/error/message").asText()).contains("messages[0].content");
  }

  @Test
  void oversizedBodyIs413InNativeShape() {
    String big = "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"" + "x".repeat(10_000) + "\"}]}";
    HttpResponse<String> r = client.openai(big);
    assertThat(r.statusCode()).isEqualTo(413);
    assertThat(json(r).at("/error/message").asText()).contains("MAX_REQUEST_BODY_BYTES");
  }

  @Test
  void unknownRouteAndWrongMethodAreNativeErrors() {
    HttpResponse<String> missing = client.get("/v1/nope", "Authorization", "Bearer " + client.key());
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(json(missing).at("/error/type").asText()).isEqualTo("invalid_request_error");
    HttpResponse<String> wrong = client.get("/v1/messages", "x-api-key", client.key());
    assertThat(wrong.statusCode()).isEqualTo(405);
    assertThat(json(wrong).at("/type").asText()).isEqualTo("error");
  }
}
