package dev.kirogateway.responses;

import static dev.kirogateway.sse.ReplyScenarios.golden;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kirogateway.chat.ChatEvent;
import dev.kirogateway.chat.ChatException;
import dev.kirogateway.chat.ErrorKind;
import dev.kirogateway.sse.ByteArraySseSink;
import dev.kirogateway.sse.ReplyScenarios;
import dev.kirogateway.sse.RequestJson;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Golden transcripts of the Responses event stream, with fixed ids and creation time. */
final class ResponseStreamWriterTest {
  static final long CREATED = 1760000000L;

  static ResponseIds counterIds() {
    AtomicInteger n = new AtomicInteger();
    return new ResponseIds(() -> String.format("%048d", n.incrementAndGet()));
  }

  static ResponseShell shell(String body) {
    ResponsesRequest r = ResponsesParser.parse(body.getBytes(StandardCharsets.UTF_8));
    return new ResponseShell("resp_fixed", CREATED, r.model(), r);
  }

  private static final String BODY =
      """
      {"model":"claude-sonnet-4-5","input":"Hi","stream":true,"instructions":"Be brief.",
       "tools":[{"type":"function","name":"get_weather","parameters":{"type":"object"}}]}""";

  private final List<ResponseStreamWriter.Finished> finished = new ArrayList<>();

  private ResponseStreamWriter writer(ByteArraySseSink sink) {
    return new ResponseStreamWriter(sink, shell(BODY), counterIds(), finished::add);
  }

  private String stream(List<ChatEvent> events) {
    ByteArraySseSink sink = new ByteArraySseSink();
    ResponseStreamWriter w = writer(sink);
    events.forEach(w::accept);
    return sink.text();
  }

  private static void assertGolden(String name, String actual) {
    assertThat(actual).isEqualTo(golden("responses/" + name + ".sse", actual));
  }

  @Test
  void writesReasoningTextAndFunctionCallItems() {
    assertGolden("thinking-text-tool", stream(ReplyScenarios.thinkingTextTool()));
  }

  @Test
  void writesPlainTextMessage() {
    assertGolden("text", stream(ReplyScenarios.text()));
  }

  @Test
  void functionCallWithoutFragmentsStillStreamsEmptyObjectArguments() {
    String out = stream(ReplyScenarios.toolOnly());
    assertGolden("tool-only", out);
    assertThat(out).contains("\"delta\":\"{}\"");
  }

  @Test
  void truncationEndsWithResponseIncomplete() {
    String out = stream(ReplyScenarios.truncated());
    assertGolden("truncated", out);
    assertThat(out).contains("event: response.incomplete\n")
        .contains("\"incomplete_details\":{\"reason\":\"max_output_tokens\"}")
        .doesNotContain("response.completed");
  }

  @Test
  void midStreamFailureWritesErrorThenResponseFailed() {
    ByteArraySseSink sink = new ByteArraySseSink();
    ResponseStreamWriter w = writer(sink);
    ReplyScenarios.partial().forEach(w::accept);
    w.fail(new ChatException(ErrorKind.UPSTREAM_ERROR, "Upstream stream broke (upstream: reset)."));
    w.fail(new ChatException(ErrorKind.UPSTREAM_ERROR, "second failure is ignored"));
    assertGolden("failure", sink.text());
    assertThat(finished).isEmpty();
  }

  @Test
  void sequenceNumbersCountEveryEventFromZero() {
    String out = stream(ReplyScenarios.thinkingTextTool());
    int expected = 0;
    for (String line : out.split("\n")) {
      if (line.startsWith("data: ")) {
        JsonNode data = RequestJson.tryParse(line.substring(6)).orElseThrow();
        assertThat(data.get("sequence_number").asInt()).isEqualTo(expected++);
      }
    }
    assertThat(expected).isGreaterThan(15);
  }

  @Test
  void collectingWithoutSinkGivesTheSameFinalResponseAndHandsItToTheStore() {
    ByteArraySseSink sink = new ByteArraySseSink();
    ResponseStreamWriter streamed = writer(sink);
    ReplyScenarios.thinkingTextTool().forEach(streamed::accept);
    ResponseStreamWriter collected =
        new ResponseStreamWriter(null, shell(BODY), counterIds(), finished::add);
    ReplyScenarios.thinkingTextTool().forEach(collected::accept);
    assertThat(collected.responseJson()).isEqualTo(streamed.responseJson());
    assertThat(golden("responses/response-thinking-text-tool.json", collected.responseJson()))
        .isEqualTo(collected.responseJson());
    assertThat(finished).hasSize(2);
    assertThat(finished.get(1).status()).isEqualTo("completed");
    JsonNode items = RequestJson.tryParse(finished.get(1).outputItemsJson()).orElseThrow();
    assertThat(items).extracting(i -> i.get("type").asText())
        .containsExactly("reasoning", "message", "function_call");
  }
}
