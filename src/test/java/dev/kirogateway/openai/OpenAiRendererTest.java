package dev.kirogateway.openai;

import static dev.kirogateway.sse.ReplyScenarios.collect;
import static dev.kirogateway.sse.ReplyScenarios.golden;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kirogateway.chat.ChatException;
import dev.kirogateway.chat.ErrorKind;
import dev.kirogateway.sse.ErrorBody;
import dev.kirogateway.sse.ReplyScenarios;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class OpenAiRendererTest {
  static final String ID = OpenAiStreamWriterTest.ID;
  static final String MODEL = OpenAiStreamWriterTest.MODEL;
  static final long CREATED = OpenAiStreamWriterTest.CREATED;

  private static void assertGolden(String name, byte[] actual) {
    String text = new String(actual, StandardCharsets.UTF_8) + "\n";
    assertThat(text).isEqualTo(golden("openai/" + name + ".json", text));
  }

  @Test
  void rendersSpecExampleCompletion() {
    assertGolden("completion-thinking-text-tool",
        OpenAiRenderer.completion(collect(ReplyScenarios.thinkingTextTool()), MODEL, ID, CREATED));
  }

  @Test
  void toolOnlyCompletionHasNullContent() {
    assertGolden("completion-tool-only",
        OpenAiRenderer.completion(collect(ReplyScenarios.toolOnly()), MODEL, ID, CREATED));
  }

  @Test
  void textCompletionOmitsEmptyReasoningAndTools() {
    assertGolden("completion-text",
        OpenAiRenderer.completion(collect(ReplyScenarios.textWithCredits()), MODEL, ID, CREATED));
  }

  @Test
  void truncatedToolCallIsOmittedWithFinishLength() {
    assertGolden("completion-truncated",
        OpenAiRenderer.completion(collect(ReplyScenarios.truncated()), MODEL, ID, CREATED));
  }

  private static String json(ErrorBody e) {
    return new String(e.json(), StandardCharsets.UTF_8);
  }

  @Test
  void validationErrorNamesParam() {
    ErrorBody e = OpenAiRenderer.error(ChatException.invalid("bad", "messages[2].content"));
    assertThat(e.status()).isEqualTo(400);
    assertThat(json(e)).isEqualTo("{\"error\":{\"message\":\"bad\",\"type\":\"invalid_request_error\","
        + "\"param\":\"messages[2].content\",\"code\":null}}");
    assertThat(e.headers()).isEmpty();
  }

  @Test
  void mapsEveryKindPerErrorTable() {
    assertMapped(ErrorKind.AUTHENTICATION, 401, "authentication_error", "\"invalid_api_key\"");
    assertMapped(ErrorKind.NOT_FOUND, 404, "invalid_request_error", "\"not_found\"");
    assertMapped(ErrorKind.METHOD_NOT_ALLOWED, 405, "invalid_request_error", "null");
    assertMapped(ErrorKind.REQUEST_TOO_LARGE, 413, "invalid_request_error", "null");
    assertMapped(ErrorKind.CONTEXT_TOO_LONG, 400, "invalid_request_error",
        "\"context_length_exceeded\"");
    assertMapped(ErrorKind.MODEL_NOT_FOUND, 404, "invalid_request_error", "\"model_not_found\"");
    assertMapped(ErrorKind.QUOTA_EXCEEDED, 429, "insufficient_quota", "\"insufficient_quota\"");
    assertMapped(ErrorKind.RATE_LIMITED, 429, "rate_limit_error", "\"rate_limit_exceeded\"");
    assertMapped(ErrorKind.OVERLOADED, 503, "server_error", "\"overloaded\"");
    assertMapped(ErrorKind.PERMISSION_DENIED, 403, "permission_error", "null");
    assertMapped(ErrorKind.UPSTREAM_AUTH, 502, "server_error", "\"upstream_auth_failed\"");
    assertMapped(ErrorKind.UPSTREAM_CONFIG, 502, "server_error", "\"upstream_config_error\"");
    assertMapped(ErrorKind.UPSTREAM_ERROR, 502, "server_error", "null");
    assertMapped(ErrorKind.UPSTREAM_UNREACHABLE, 502, "server_error", "\"upstream_unreachable\"");
    assertMapped(ErrorKind.UPSTREAM_TIMEOUT, 504, "server_error", "\"upstream_timeout\"");
    assertMapped(ErrorKind.INTERNAL, 500, "server_error", "null");
  }

  private static void assertMapped(ErrorKind kind, int status, String type, String code) {
    ErrorBody e = OpenAiRenderer.error(new ChatException(kind, "m"));
    assertThat(e.status()).as(kind.name()).isEqualTo(status);
    assertThat(json(e)).as(kind.name()).isEqualTo("{\"error\":{\"message\":\"m\",\"type\":\""
        + type + "\",\"param\":null,\"code\":" + code + "}}");
  }

  @Test
  void retryAfterOnlyForThrottlingAndOverload() {
    Duration wait = Duration.ofMillis(2500);
    assertThat(OpenAiRenderer.error(retry(ErrorKind.RATE_LIMITED, wait)).headers())
        .isEqualTo(Map.of("Retry-After", "3"));
    assertThat(OpenAiRenderer.error(retry(ErrorKind.OVERLOADED, wait)).headers())
        .isEqualTo(Map.of("Retry-After", "3"));
    assertThat(OpenAiRenderer.error(retry(ErrorKind.QUOTA_EXCEEDED, wait)).headers()).isEmpty();
    assertThat(OpenAiRenderer.error(retry(ErrorKind.UPSTREAM_ERROR, wait)).headers()).isEmpty();
  }

  static ChatException retry(ErrorKind kind, Duration wait) {
    return new ChatException(kind, "m", null, wait, null);
  }

  @Test
  void completionIdsHaveOpenAiShape() {
    assertThat(OpenAiIds.completionId()).matches("chatcmpl-[0-9a-f]{24}");
    assertThat(OpenAiIds.completionId()).isNotEqualTo(OpenAiIds.completionId());
  }
}
