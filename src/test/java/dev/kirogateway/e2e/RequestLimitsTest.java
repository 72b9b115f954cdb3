package dev.kirogateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kirogateway.e2e.SocketClient.Reply;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Limits and bad input beyond {@link ClientInputTest}: bodies without a Content-Length, bytes
 * that are not UTF-8, wrong types deep in a request, and bodies padded with fields no one knows.
 */
final class RequestLimitsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int LIMIT = 4096;
  private static GatewayHarness harness;
  private static RawClient client;

  @BeforeAll
  static void start() {
    harness = GatewayHarness.start(Map.of("MAX_REQUEST_BODY_BYTES", Integer.toString(LIMIT)));
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

  private static JsonNode json(String body) {
    try {
      return JSON.readTree(body);
    } catch (Exception e) {
      throw new AssertionError("not JSON: " + body, e);
    }
  }

  private static String openAiBody(String content) {
    return "{\"model\":\"claude-sonnet-4.5\",\"messages\":[{\"role\":\"user\",\"content\":\""
        + content + "\"}]}";
  }

  private static Reply chunkedPost(String path, String auth, byte[] body) {
    String head =
        "POST " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
            + auth + "\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n";
    return SocketClient.exchange(harness.baseUrl(), head, SocketClient.chunked(body, 1000));
  }

  @Test
  void chunkedBodyOverTheLimitIs413InOpenAiShape() {
    byte[] body = openAiBody("x".repeat(3 * LIMIT)).getBytes(StandardCharsets.UTF_8);
    Reply r = chunkedPost("/v1/chat/completions", "Authorization: Bearer " + harness.apiKey(), body);
    assertThat(r.status()).isEqualTo(413);
    assertThat(json(r.body()).at("/error/type").asText()).isEqualTo("invalid_request_error");
    assertThat(json(r.body()).at("/error/message").asText()).contains("MAX_REQUEST_BODY_BYTES");
    assertThat(harness.kiroCalls()).isEmpty();
  }

  @Test
  void chunkedBodyOverTheLimitIs413InAnthropicShape() {
    String big =
        "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":10,\"messages\":[{\"role\":\"user\","
            + "\"content\":\"" + "y".repeat(3 * LIMIT) + "\"}]}";
    Reply r = chunkedPost("/v1/messages", "x-api-key: " + harness.apiKey(), big.getBytes(StandardCharsets.UTF_8));
    assertThat(r.status()).isEqualTo(413);
    assertThat(json(r.body()).at("/type").asText()).isEqualTo("error");
    assertThat(json(r.body()).at("/error/type").asText()).isEqualTo("request_too_large");
  }

  @Test
  void chunkedBodyWithinTheLimitIsAnswered() {
    byte[] body = openAiBody("Hello").getBytes(StandardCharsets.UTF_8);
    Reply r = chunkedPost("/v1/chat/completions", "Authorization: Bearer " + harness.apiKey(), body);
    assertThat(r.status()).isEqualTo(200);
    assertThat(json(r.body()).at("/object").asText()).isEqualTo("chat.completion");
  }

  @Test
  void announcedContentLengthOverTheLimitIsRefusedWithoutWaitingForTheBody() {
    // only the head is sent: the gateway must answer from Content-Length alone
    String head =
        "POST /v1/chat/completions HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
            + "Authorization: Bearer " + harness.apiKey() + "\r\nContent-Length: 100000000\r\n"
            + "Connection: close\r\n\r\n";
    Reply r = SocketClient.exchange(harness.baseUrl(), head, new byte[0]);
    assertThat(r.status()).isEqualTo(413);
    assertThat(json(r.body()).at("/error/message").asText()).contains("MAX_REQUEST_BODY_BYTES");
  }

  @Test
  void invalidUtf8IsA400NotACrash() {
    byte[] prefix = "{\"model\":\"claude-sonnet-4.5\",\"messages\":[{\"role\":\"user\",\"content\":\"".getBytes(StandardCharsets.UTF_8);
    byte[] bad = {(byte) 0xC3, (byte) 0x28, (byte) 0xFF, (byte) 0xFE};
    byte[] suffix = "\"}]}".getBytes(StandardCharsets.UTF_8);
    byte[] body = new byte[prefix.length + bad.length + suffix.length];
    System.arraycopy(prefix, 0, body, 0, prefix.length);
    System.arraycopy(bad, 0, body, prefix.length, bad.length);
    System.arraycopy(suffix, 0, body, prefix.length + bad.length, suffix.length);
    String head =
        "POST /v1/chat/completions HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
            + "Authorization: Bearer " + harness.apiKey() + "\r\nContent-Length: " + body.length
            + "\r\nConnection: close\r\n\r\n";
    Reply r = SocketClient.exchange(harness.baseUrl(), head, body);
    assertThat(r.status()).isEqualTo(400);
    assertThat(json(r.body()).at("/error/type").asText()).isEqualTo("invalid_request_error");
    assertThat(r.body()).doesNotContain("Exception").doesNotContain("com.fasterxml");
  }

  @Test
  void wrongTypesAreA400NamingTheField() {
    Map<String, String> openAi =
        Map.of(
            "{\"model\":\"claude-sonnet-4.5\",\"messages\":\"Hi\"}", "messages",
            "{\"model\":42,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}", "model",
            "{\"model\":\"claude-sonnet-4.5\",\"max_tokens\":\"ten\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}", "max_tokens",
            "{\"model\":\"claude-sonnet-4.5\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}],\"tools\":[{\"type\":\"function\",\"function\":{\"name\":7}}]}", "tools[0]");
    openAi.forEach(
        (body, field) -> {
          HttpResponse<String> r = client.openai(body);
          assertThat(r.statusCode()).as(body).isEqualTo(400);
          assertThat(json(r.body()).at("/error/type").asText()).isEqualTo("invalid_request_error");
          assertThat(json(r.body()).at("/error/message").asText()).as(body).contains(field);
        });
    Map<String, String> anthropic =
        Map.of(
            "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":\"many\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}", "max_tokens",
            "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":10,\"messages\":[{\"role\":7,\"content\":\"Hi\"}]}", "messages[0].role",
            "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":10,\"system\":5,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}", "system");
    anthropic.forEach(
        (body, field) -> {
          HttpResponse<String> r = client.anthropic(body);
          assertThat(r.statusCode()).as(body).isEqualTo(400);
          assertThat(json(r.body()).at("/error/type").asText()).isEqualTo("invalid_request_error");
          assertThat(json(r.body()).at("/error/message").asText()).as(body).contains(field);
        });
    assertThat(harness.kiroCalls()).isEmpty();
  }

  @Test
  void bodiesThatAreNotJsonObjectsAreA400() {
    for (String body : new String[] {"", "null", "[]", "\"text\"", "42", "{", "{}}"}) {
      HttpResponse<String> o = client.openai(body);
      assertThat(o.statusCode()).as("openai %s", body).isEqualTo(400);
      assertThat(json(o.body()).at("/error/type").asText()).isEqualTo("invalid_request_error");
      HttpResponse<String> a = client.anthropic(body);
      assertThat(a.statusCode()).as("anthropic %s", body).isEqualTo(400);
      assertThat(json(a.body()).at("/type").asText()).isEqualTo("error");
    }
  }

  @Test
  void unknownFieldsEverywhereAreIgnored() {
    String openAi =
        "{\"model\":\"claude-sonnet-4.5\",\"x_future\":{\"a\":[1,2]},\"seed\":1,\"logit_bias\":{},"
            + "\"service_tier\":\"auto\",\"metadata\":{\"k\":\"v\"},\"store\":false,"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"Hi\",\"name\":\"me\",\"x_note\":true}]}";
    HttpResponse<String> o = client.openai(openAi);
    assertThat(o.statusCode()).as(o.body()).isEqualTo(200);
    assertThat(json(o.body()).at("/choices/0/message/role").asText()).isEqualTo("assistant");
    String anthropic =
        "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":50,\"x_future\":[{}],"
            + "\"metadata\":{\"user_id\":\"u\"},\"container\":null,\"service_tier\":\"auto\","
            + "\"messages\":[{\"role\":\"user\",\"x_note\":1,"
            + "\"content\":[{\"type\":\"text\",\"text\":\"Hi\",\"x_extra\":{\"deep\":[null]}}]}]}";
    HttpResponse<String> a = client.anthropic(anthropic);
    assertThat(a.statusCode()).as(a.body()).isEqualTo(200);
    assertThat(json(a.body()).at("/type").asText()).isEqualTo("message");
  }
}
