package dev.kirogateway.e2e;

import static dev.kirogateway.e2e.RawClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kirogateway.credentials.ProfileArnMode;
import dev.kirogateway.sim.Scenario;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Recovery the gateway does on its own: truncation notes and the profile-ARN fallback (§9.7). */
final class RecoveryTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TOOLS =
      "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"write_file\",\"parameters\":"
          + "{\"type\":\"object\",\"properties\":{\"text\":{\"type\":\"string\"}}}}}]";

  private GatewayHarness harness;
  private RawClient client;

  @BeforeEach
  void start() {
    harness = GatewayHarness.start(Map.of());
    client = new RawClient(harness);
  }

  @AfterEach
  void stop() {
    harness.close();
  }

  private String sentContent(int call) {
    return harness.kiroCalls().get(call).json().orElseThrow()
        .at("/conversationState/currentMessage/userInputMessage/content").asText();
  }


  @Test
  void nextTurnTellsTheModelItsTextWasCutOff() {
    harness.simulator().enqueue(Scenario.Truncated.text("The first half of a long ", "answer"));
    HttpResponse<String> cut =
        client.openai("{\"model\":\"claude-sonnet-4.5\",\"messages\":[{\"role\":\"user\",\"content\":\"Write a lot\"}]}");
    assertThat(json(cut).at("/choices/0/finish_reason").asText()).isEqualTo("length");
    String answer = json(cut).at("/choices/0/message/content").asText();

    harness.simulator().enqueue(Scenario.Text.of("Continuing."));
    client.openai(
        "{\"model\":\"claude-sonnet-4.5\",\"messages\":[{\"role\":\"user\",\"content\":\"Write a lot\"},"
            + "{\"role\":\"assistant\",\"content\":" + JSON.valueToTree(answer) + "},"
            + "{\"role\":\"user\",\"content\":\"go on\"}]}");
    assertThat(sentContent(1)).contains("go on").contains("your previous reply was cut off");

    harness.simulator().enqueue(Scenario.Text.of("Fine."));
    client.openai(
        "{\"model\":\"claude-sonnet-4.5\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"},"
            + "{\"role\":\"assistant\",\"content\":\"A complete answer\"},{\"role\":\"user\",\"content\":\"thanks\"}]}");
    assertThat(sentContent(2)).doesNotContain("cut off");
  }

  @Test
  void nextTurnTellsTheModelItsToolCallWasIncomplete() {
    harness.simulator().enqueue(
        Scenario.ToolCalls.of(Scenario.Tool.of("tooluse_cut1", "write_file", "{\"text\":\"lorem ip").withoutStop()));
    HttpResponse<String> cut =
        client.openai("{\"model\":\"claude-sonnet-4.5\"," + TOOLS
            + ",\"messages\":[{\"role\":\"user\",\"content\":\"Save a big file\"}]}");
    assertThat(json(cut).at("/choices/0/finish_reason").asText()).isEqualTo("length");

    harness.simulator().enqueue(Scenario.Text.of("Retrying in parts."));
    client.openai("{\"model\":\"claude-sonnet-4.5\"," + TOOLS + ",\"messages\":["
        + "{\"role\":\"user\",\"content\":\"Save a big file\"},"
        + "{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":\"tooluse_cut1\",\"type\":\"function\","
        + "\"function\":{\"name\":\"write_file\",\"arguments\":\"{\\\"text\\\":\\\"lorem ip\"}}]},"
        + "{\"role\":\"tool\",\"tool_call_id\":\"tooluse_cut1\",\"content\":\"error: invalid JSON\"}]}");
    assertThat(sentContent(1)).contains("your call to write_file were incomplete");
  }

  @Test
  void truncationRecoveryCanBeTurnedOff() {
    harness.close();
    harness = GatewayHarness.start(Map.of("TRUNCATION_RECOVERY", "false"));
    client = new RawClient(harness);
    harness.simulator().enqueue(Scenario.Truncated.text("Cut"));
    client.openai("{\"model\":\"claude-sonnet-4.5\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}");
    harness.simulator().enqueue(Scenario.Text.of("ok"));
    client.openai("{\"model\":\"claude-sonnet-4.5\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"},"
        + "{\"role\":\"assistant\",\"content\":\"Cut\"},{\"role\":\"user\",\"content\":\"more\"}]}");
    assertThat(sentContent(1)).doesNotContain("cut off");
  }

  @Test
  void refusedProfileArnIsDroppedAfterTheRefreshAndTheWorkingVariantRemembered() {
    harness.simulator().profileArnMode(ProfileArnModeOfSim.FORBIDDEN);
    harness.simulator().enqueue(Scenario.Text.of("Works without an ARN."));
    HttpResponse<String> r =
        client.anthropic("{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":50,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(json(r).at("/content/0/text").asText()).isEqualTo("Works without an ARN.");
    var calls = harness.kiroCalls();
    assertThat(calls).hasSize(3);
    assertThat(calls.get(0).json().orElseThrow().has("profileArn")).isTrue();
    assertThat(calls.get(1).json().orElseThrow().has("profileArn")).isTrue();
    assertThat(calls.get(2).json().orElseThrow().has("profileArn")).isFalse();

    harness.simulator().clearRequests();
    harness.simulator().enqueue(Scenario.Text.of("Again."));
    client.anthropic("{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":50,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}");
    assertThat(harness.kiroCalls()).hasSize(1);
    assertThat(harness.kiroCalls().get(0).json().orElseThrow().has("profileArn")).isFalse();
  }

  @Test
  void profileArnRequiredRetriesOnceWithTheBuilderIdArn() {
    harness.simulator().enqueue(Scenario.HttpError.profileArnRequired());
    harness.simulator().enqueue(Scenario.Text.of("ok"));
    HttpResponse<String> r =
        client.openai("{\"model\":\"claude-sonnet-4.5\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(harness.kiroCalls()).hasSize(2);
    assertThat(harness.kiroCalls().get(1).json().orElseThrow().path("profileArn").asText())
        .isEqualTo(ProfileArnMode.BUILDER_ID_PROFILE_ARN);
  }

  @Test
  void profileArnErrorsStayErrorsWhenTheFallbackIsOff() {
    harness.close();
    harness = GatewayHarness.start(Map.of("KIRO_PROFILE_ARN_MODE", "always"));
    client = new RawClient(harness);
    harness.simulator().enqueue(Scenario.HttpError.profileArnRequired());
    HttpResponse<String> r =
        client.openai("{\"model\":\"claude-sonnet-4.5\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}");
    assertThat(r.statusCode()).isEqualTo(502);
    assertThat(json(r).at("/error/code").asText()).isEqualTo("upstream_config_error");
    assertThat(harness.kiroCalls()).hasSize(1);
  }

  @Test
  void nonStreamingReplyThatFailsPartWayIsTriedOnceMore() {
    harness.simulator().enqueue(Scenario.ExceptionFrame.throttling("Partial"));
    harness.simulator().enqueue(Scenario.Text.of("Whole answer."));
    HttpResponse<String> r =
        client.openai("{\"model\":\"claude-sonnet-4.5\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(json(r).at("/choices/0/message/content").asText()).isEqualTo("Whole answer.");
    assertThat(harness.kiroCalls()).hasSize(2);
  }

  @Test
  void nonStreamingRetryCanBeTurnedOffAndThenTheFailureIsReported() {
    harness.close();
    harness = GatewayHarness.start(Map.of("NONSTREAM_RETRY_ON_STREAM_FAILURE", "false"));
    client = new RawClient(harness);
    harness.simulator().enqueue(Scenario.ExceptionFrame.throttling("Partial"));
    HttpResponse<String> r =
        client.anthropic("{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":50,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}");
    assertThat(r.statusCode()).isEqualTo(429);
    assertThat(json(r).at("/error/type").asText()).isEqualTo("rate_limit_error");
    assertThat(r.body()).doesNotContain("Partial");
    assertThat(harness.kiroCalls()).hasSize(1);
  }

  @Test
  void usageChunkCanBeForcedForClientsThatNeverAskForIt() {
    harness.close();
    harness = GatewayHarness.start(Map.of("OPENAI_ALWAYS_INCLUDE_USAGE", "true"));
    client = new RawClient(harness);
    harness.simulator().enqueue(Scenario.Text.of("Counted."));
    HttpResponse<String> r = client.openai(
        "{\"model\":\"claude-sonnet-4.5\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}");
    assertThat(r.body()).contains("\"choices\":[],\"usage\":{\"prompt_tokens\":").endsWith("data: [DONE]\n\n");
  }

  /** The simulator's own enum (same name as the gateway's setting). */
  private static final class ProfileArnModeOfSim {
    static final dev.kirogateway.sim.ProfileArnMode FORBIDDEN = dev.kirogateway.sim.ProfileArnMode.FORBIDDEN;
  }
}
