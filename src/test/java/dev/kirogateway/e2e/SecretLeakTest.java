package dev.kirogateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import dev.kirogateway.sim.RecordedRequest;
import dev.kirogateway.sim.RefreshMode;
import dev.kirogateway.sim.Scenario;
import dev.kirogateway.sim.SimulatorOptions;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Runs normal, failing and token-refreshing requests through a running gateway with everything
 * of ours logged at DEBUG, then looks for every secret in play (the gateway key, a wrong key a
 * client offered, the refresh tokens, every access token Kiro accepted) in the log and in every
 * response the clients received.
 */
final class SecretLeakTest {
  private static final String WRONG_KEY = "client-typo-key-9f8e7d6c";
  private static final String OPENAI =
      "{\"model\":\"claude-sonnet-4.5\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";
  private static final String OPENAI_STREAM =
      "{\"model\":\"claude-sonnet-4.5\",\"stream\":true,"
          + "\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";
  private static final String ANTHROPIC =
      "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":100,"
          + "\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";
  private static final String ANTHROPIC_STREAM =
      "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":100,\"stream\":true,"
          + "\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";

  @Test
  void noSecretReachesTheLogOrAnyResponse() {
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    Level before = root.getLevel();
    ListAppender<ILoggingEvent> captured = new ListAppender<>();
    captured.start();
    root.addAppender(captured);
    root.setLevel(Level.DEBUG);
    List<String> responses = new ArrayList<>();
    Set<String> secrets = new LinkedHashSet<>();
    try (GatewayHarness harness =
        GatewayHarness.start(
            SimulatorOptions.defaults().withRefreshMode(RefreshMode.ROTATE),
            Map.of("FIRST_TOKEN_TIMEOUT", "0.5", "FIRST_TOKEN_MAX_RETRIES", "1"))) {
      RawClient client = new RawClient(harness);
      var sim = harness.simulator();
      // normal
      responses.add(show(client.openai(OPENAI)));
      responses.add(show(client.anthropic(ANTHROPIC_STREAM)));
      // refresh after a rejected token, then success
      sim.enqueue(Scenario.HttpError.bearerTokenInvalid());
      responses.add(show(client.openai(OPENAI_STREAM)));
      // refresh that does not help: the client gets an auth error
      sim.enqueue(Scenario.HttpError.bearerTokenInvalid(), 2);
      responses.add(show(client.anthropic(ANTHROPIC)));
      // upstream failures before and after the first token, and a stall
      sim.enqueue(Scenario.HttpError.internalError(), 8);
      responses.add(show(client.openai(OPENAI)));
      sim.enqueue(Scenario.ExceptionFrame.throttling("Partial"));
      responses.add(show(client.anthropic(ANTHROPIC_STREAM)));
      sim.enqueue(new Scenario.CorruptCrc(List.of("bad")));
      responses.add(show(client.openai(OPENAI_STREAM)));
      sim.enqueue(Scenario.Stall.beforeFirstByte(java.time.Duration.ofSeconds(2), Scenario.Text.of("x")));
      responses.add(show(client.anthropic(ANTHROPIC)));
      // wrong and missing keys, health, models
      responses.add(show(client.post("/v1/chat/completions", OPENAI, "Authorization", "Bearer " + WRONG_KEY)));
      responses.add(show(client.post("/v1/messages", ANTHROPIC, "x-api-key", WRONG_KEY)));
      responses.add(show(client.get("/health")));
      responses.add(show(client.get("/v1/models", "Authorization", "Bearer " + harness.apiKey())));

      secrets.add(harness.apiKey());
      secrets.add(WRONG_KEY);
      secrets.add(GatewayHarness.REFRESH_TOKEN);
      for (RecordedRequest r : sim.requests()) {
        r.header("Authorization").map(a -> a.replaceFirst("^Bearer ", "")).ifPresent(secrets::add);
        r.json().map(j -> j.path("refreshToken").asText("")).filter(t -> !t.isEmpty()).ifPresent(secrets::add);
      }
    } finally {
      root.detachAppender(captured);
      root.setLevel(before);
    }

    // the run must have exercised what it claims: several access tokens and refreshes
    assertThat(secrets).hasSizeGreaterThanOrEqualTo(6);
    String log = render(captured.list);
    assertThat(log).contains("Kiro attempt").contains("POST /v1/messages");
    for (String secret : secrets) {
      assertThat(log).as("log").doesNotContain(secret);
      for (String response : responses) {
        assertThat(response).as("response").doesNotContain(secret);
      }
    }
  }

  private static String show(HttpResponse<String> r) {
    return r.statusCode() + " " + r.headers().map() + "\n" + r.body();
  }

  private static String render(List<ILoggingEvent> events) {
    StringBuilder all = new StringBuilder();
    for (ILoggingEvent e : events) {
      all.append(e.getLevel()).append(' ').append(e.getLoggerName()).append(' ')
          .append(e.getFormattedMessage()).append('\n');
      if (e.getThrowableProxy() != null) {
        all.append(ThrowableProxyUtil.asString(e.getThrowableProxy())).append('\n');
      }
    }
    return all.toString();
  }
}
