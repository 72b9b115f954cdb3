package dev.kirogateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kirogateway.sim.Scenario;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Transport failures upstream are described to clients in words, not in Jetty's object dumps. */
final class UpstreamInternalsTest {
  private static final String OPENAI =
      "{\"model\":\"claude-sonnet-4.5\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";

  @Test
  void connectionResetIsDescribedWithoutJettyInternals() {
    try (GatewayHarness harness = GatewayHarness.start(Map.of())) {
      harness.simulator().enqueue(new Scenario.ConnectionReset(List.of()), 10);
      HttpResponse<String> r = new RawClient(harness).openai(OPENAI);
      assertThat(r.statusCode()).isEqualTo(502);
      assertThat(r.body()).doesNotContainPattern("@[0-9a-f]{5,}").doesNotContain("oej");
    }
  }
}
