package dev.kirogateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.kirogateway.sim.Scenario;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard in a real browser: headless Chromium logs in with {@code ?key=}, follows the
 * redirect with the cookie, runs the page's script against {@code /dashboard/api/state}, and the
 * DOM it dumps shows the requests sent through the gateway and the credential state.
 */
final class DashboardBrowserTest {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

  private static GatewayHarness harness;

  @BeforeAll
  static void start() {
    assumeTrue(
        Files.isExecutable(CHROMIUM),
        "Skipped: /usr/bin/chromium is absent (apt-get install -y chromium; .ci/run does it)");
    harness = GatewayHarness.start(Map.of());
  }

  @AfterAll
  static void stop() {
    if (harness != null) {
      harness.close();
    }
  }

  @Test
  void pageShowsTheRequestsSentAndTheCredentialState(@TempDir Path profile) throws Exception {
    RawClient client = new RawClient(harness);
    harness.simulator().enqueue(Scenario.Text.of("Hello from the simulator."));
    assertThat(
            client.openai(
                    "{\"model\":\"claude-sonnet-4.5\",\"messages\":[{\"role\":\"user\","
                        + "\"content\":\"Hi\"}]}")
                .statusCode())
        .isEqualTo(200);
    harness.simulator().enqueue(Scenario.Text.of("Streamed reply."));
    assertThat(
            client.anthropic(
                    "{\"model\":\"claude-haiku-4.5\",\"max_tokens\":50,\"stream\":true,"
                        + "\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}")
                .statusCode())
        .isEqualTo(200);
    harness.simulator().enqueue(Scenario.HttpError.monthlyLimit());
    assertThat(
            client.openai(
                    "{\"model\":\"claude-opus-4.5\",\"messages\":[{\"role\":\"user\","
                        + "\"content\":\"Hi\"}]}")
                .statusCode())
        .isEqualTo(429);

    harness.awaitIdle();
    String dom = dumpDom(harness.baseUrl() + "/dashboard?key=" + harness.apiKey(), profile);

    assertThat(dom).contains("data-loaded=\"true\"");
    assertThat(rows(dom, "class=\"request\"")).isEqualTo(2);
    assertThat(rows(dom, "class=\"request failed\"")).isEqualTo(1);
    assertThat(dom)
        .contains("<td>claude-sonnet-4.5</td>")
        .contains("<td>claude-haiku-4.5</td>")
        .contains("<td>anthropic</td>")
        .contains("429 quota_exceeded");
    assertThat(dom).containsPattern("id=\"cred-state\" class=\"badge valid\">valid<");
    assertThat(dom).containsPattern("id=\"cred-expiry\">\\d{4}-\\d\\d-\\d\\dT");
    assertThat(dom).contains("id=\"error-rate\">33.3%<");
    // the failed request above was Kiro's monthly quota: the accounts table says so, with the
    // credits left and the reset date from Kiro's usage limits
    assertThat(dom)
        .containsPattern(
            "<tr data-account=\"default\"><td>default</td><td>quota exhausted</td>.*?"
                + "<td>\\d+\\.\\d</td><td>\\d{4}-\\d\\d-\\d\\dT");
    // the chart has one point per request
    assertThat(dom).containsPattern("id=\"line-duration\" points=\"[\\d.]+,[\\d.]+ [\\d.]+,[\\d.]+ [\\d.]+,[\\d.]+\"");
  }

  private static int rows(String dom, String marker) {
    int n = 0;
    for (int i = dom.indexOf(marker); i >= 0; i = dom.indexOf(marker, i + 1)) {
      n++;
    }
    return n;
  }

  /** Runs headless Chromium on {@code url} and returns the DOM after the page's script ran. */
  private static String dumpDom(String url, Path profile) throws IOException, InterruptedException {
    Path out = profile.resolve("dom.html");
    Path err = profile.resolve("chromium.log");
    Process p =
        new ProcessBuilder(
                List.of(
                    CHROMIUM.toString(),
                    "--headless",
                    "--no-sandbox",
                    "--disable-gpu",
                    "--disable-quic",
                    "--no-first-run",
                    "--disable-background-networking",
                    "--disable-component-update",
                    "--disable-sync",
                    "--disable-dev-shm-usage",
                    "--user-data-dir=" + profile.resolve("profile"),
                    // lets the page's fetch and first render finish before the DOM is dumped
                    "--virtual-time-budget=3000",
                    "--dump-dom",
                    url))
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .start();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("chromium did not finish in 60 s: " + Files.readString(err));
    }
    String dom = Files.readString(out, StandardCharsets.UTF_8);
    assertThat(dom).as("chromium output; its log:%n%s", Files.readString(err)).isNotBlank();
    return dom;
  }
}
