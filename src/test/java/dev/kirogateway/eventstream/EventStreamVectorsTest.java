package dev.kirogateway.eventstream;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

final class EventStreamVectorsTest {
  static final String V1 =
      "0000007c0000005c3bddcf780b3a6576656e742d747970650700166173736973"
          + "74616e74526573706f6e73654576656e740d3a636f6e74656e742d7479706507"
          + "00106170706c69636174696f6e2f6a736f6e0d3a6d6573736167652d74797065"
          + "0700056576656e747b22636f6e74656e74223a224869227db02babdc";

  @Test
  void decodesVectorOneAndEncodesItBackByteForByte() {
    byte[] bytes = HexFormat.of().parseHex(V1);
    List<Message> out = new ArrayList<>();
    new EventStreamDecoder().feed(bytes, out::add);
    assertThat(out).hasSize(1);
    assertThat(out.get(0).stringHeader(":event-type")).contains("assistantResponseEvent");
    assertThat(out.get(0).payloadUtf8()).isEqualTo("{\"content\":\"Hi\"}");
    assertThat(EventStreamEncoder.encode(Message.event("assistantResponseEvent", "{\"content\":\"Hi\"}")))
        .isEqualTo(bytes);
  }
}
