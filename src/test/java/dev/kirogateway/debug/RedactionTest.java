package dev.kirogateway.debug;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class RedactionTest {

  @Test
  void redactsSecretHeadersWhateverTheirCase() {
    Map<String, String> h = new LinkedHashMap<>();
    h.put("authorization", "Bearer sk-1");
    h.put("X-Api-Key", "sk-2");
    h.put("Content-Type", "application/json");
    assertThat(Redaction.headers(h))
        .containsEntry("authorization", "[redacted]")
        .containsEntry("X-Api-Key", "[redacted]")
        .containsEntry("Content-Type", "application/json");
  }

  @Test
  void redactsTokenFieldsAtAnyDepthOfAJsonBody() {
    String body =
        "{\"a\":[{\"accessToken\":\"t1\"}],\"b\":{\"refreshToken\":\"t2\",\"clientSecret\":\"t3\"},"
            + "\"profileArn\":\"arn:aws:x\"}";
    String out = Redaction.body(body.getBytes(StandardCharsets.UTF_8));
    assertThat(out).doesNotContain("t1").doesNotContain("t2").doesNotContain("t3");
    assertThat(out).contains("arn:aws:x").contains("[redacted]");
  }

  @Test
  void redactsTokensInTextThatIsNotJson() {
    String sse = "data: {\"accessToken\": \"t1\"}\n\nAuthorization: Bearer abc.def\n";
    assertThat(Redaction.text(sse)).doesNotContain("t1").doesNotContain("abc.def");
  }
}
