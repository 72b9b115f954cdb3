package dev.kirogateway.sim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kirogateway.eventstream.EventStreamEncoder;
import dev.kirogateway.eventstream.Message;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

final class KiroEventsVectorsTest {
  private static final Map<String, String> VECTORS = new HashMap<>();

  @BeforeAll
  static void load() throws IOException {
    try (InputStream in =
        KiroEventsVectorsTest.class.getResourceAsStream("/sim/spec-vectors.txt")) {
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      text.lines()
          .filter(l -> !l.isBlank() && !l.startsWith("#"))
          .forEach(l -> VECTORS.put(l.split(" ")[0], l.split(" ")[1]));
    }
  }

  private static String hex(Message m) {
    return HexFormat.of().formatHex(EventStreamEncoder.encode(m));
  }

  @Test
  void textEventMatchesVectorV1() {
    assertThat(hex(KiroEvents.text("Hi"))).isEqualTo(VECTORS.get("V1"));
  }

  @Test
  void throttlingExceptionMatchesVectorV2() {
    assertThat(
            hex(
                KiroEvents.exception(
                    "ThrottlingException", "Too many requests, please wait before trying again.")))
        .isEqualTo(VECTORS.get("V2"));
  }

  @Test
  void toolInputFragmentMatchesVectorV3() {
    assertThat(hex(KiroEvents.toolInput("tooluse_1", "get_weather", "{\"city\":", false)))
        .isEqualTo(VECTORS.get("V3"));
  }

  @Test
  void errorMessageMatchesVectorV6() {
    assertThat(hex(KiroEvents.error("InternalFailure", "boom"))).isEqualTo(VECTORS.get("V6"));
  }
}
