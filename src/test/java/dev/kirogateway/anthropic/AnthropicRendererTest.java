package dev.kirogateway.anthropic;

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

final class AnthropicRendererTest {
  static final String ID = AnthropicStreamWriterTest.ID;
  static final String MODEL = AnthropicStreamWriterTest.MODEL;

  private static void assertGolden(String name, byte[] actual) {
    String text = new String(actual, StandardCharsets.UTF_8) + "\n";
    assertThat(text).isEqualTo(golden("anthropic/" + name + ".json", text));
  }

  @Test
  void rendersSpecExampleMessage() {
    assertGolden("message-thinking-text-tool",
        AnthropicRenderer.message(collect(ReplyScenarios.thinkingTextTool()), MODEL, ID));
  }

  @Test
  void rendersRedactedThinkingAfterThinking() {
    assertGolden("message-redacted",
        AnthropicRenderer.message(collect(ReplyScenarios.redactedThinking()), MODEL, ID));
  }

  @Test
  void truncatedToolCallIsOmittedWithMaxTokens() {
    assertGolden("message-truncated",
        AnthropicRenderer.message(collect(ReplyScenarios.truncated()), MODEL, ID));
  }

  @Test
  void keepsBothIdenticalToolCalls() {
    assertGolden("message-two-tools",
        AnthropicRenderer.message(collect(ReplyScenarios.twoIdenticalTools()), MODEL, ID));
  }

  @Test
  void countTokensBody() {
    assertThat(new String(AnthropicRenderer.countTokens(42), StandardCharsets.UTF_8))
        .isEqualTo("{\"input_tokens\":42}");
  }

  private static String json(ErrorBody e) {
    return new String(e.json(), StandardCharsets.UTF_8);
  }

  @Test
  void mapsEveryKindPerErrorTable() {
    assertMapped(ErrorKind.INVALID_REQUEST, 400, "invalid_request_error");
    assertMapped(ErrorKind.AUTHENTICATION, 401, "authentication_error");
    assertMapped(ErrorKind.NOT_FOUND, 404, "not_found_error");
    assertMapped(ErrorKind.METHOD_NOT_ALLOWED, 405, "not_found_error");
    assertMapped(ErrorKind.REQUEST_TOO_LARGE, 413, "request_too_large");
    assertMapped(ErrorKind.MODEL_NOT_FOUND, 404, "not_found_error");
    assertMapped(ErrorKind.QUOTA_EXCEEDED, 429, "rate_limit_error");
    assertMapped(ErrorKind.RATE_LIMITED, 429, "rate_limit_error");
    assertMapped(ErrorKind.OVERLOADED, 529, "overloaded_error");
    assertMapped(ErrorKind.PERMISSION_DENIED, 403, "permission_error");
    assertMapped(ErrorKind.UPSTREAM_AUTH, 502, "api_error");
    assertMapped(ErrorKind.UPSTREAM_CONFIG, 502, "api_error");
    assertMapped(ErrorKind.UPSTREAM_ERROR, 502, "api_error");
    assertMapped(ErrorKind.UPSTREAM_UNREACHABLE, 502, "api_error");
    assertMapped(ErrorKind.UPSTREAM_TIMEOUT, 504, "api_error");
    assertMapped(ErrorKind.INTERNAL, 500, "api_error");
  }

  private static void assertMapped(ErrorKind kind, int status, String type) {
    ErrorBody e = AnthropicRenderer.error(new ChatException(kind, "m"));
    assertThat(e.status()).as(kind.name()).isEqualTo(status);
    assertThat(json(e)).as(kind.name())
        .isEqualTo("{\"type\":\"error\",\"error\":{\"type\":\"" + type + "\",\"message\":\"m\"}}");
  }

  @Test
  void contextTooLongMessageStartsWithPromptIsTooLong() {
    ErrorBody e = AnthropicRenderer.error(new ChatException(ErrorKind.CONTEXT_TOO_LONG, "Too big."));
    assertThat(e.status()).isEqualTo(400);
    assertThat(json(e)).contains("\"message\":\"prompt is too long: Too big.\"");
  }

  @Test
  void retryAfterOnOverloadButNotQuota() {
    Duration wait = Duration.ofSeconds(7);
    assertThat(AnthropicRenderer.error(
            new ChatException(ErrorKind.OVERLOADED, "m", null, wait, null)).headers())
        .isEqualTo(Map.of("Retry-After", "7"));
    assertThat(AnthropicRenderer.error(
            new ChatException(ErrorKind.QUOTA_EXCEEDED, "m", null, wait, null)).headers())
        .isEmpty();
  }

  @Test
  void messageIdsHaveAnthropicShape() {
    assertThat(AnthropicIds.messageId()).matches("msg_[0-9A-Za-z]{24}");
  }
}
