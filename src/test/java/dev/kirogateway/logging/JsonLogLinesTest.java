package dev.kirogateway.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.MDC;

/** The shipped logback.xml: LOG_FORMAT=json gives one JSON object per event, text stays text. */
final class JsonLogLinesTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Configures a private logback context from logback.xml and returns what it wrote. */
  private static String logWith(String format, java.util.function.Consumer<Logger> body)
      throws Exception {
    PrintStream original = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    LoggerContext context = new LoggerContext();
    try {
      System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
      context.putProperty("LOG_FORMAT", format);
      context.setMDCAdapter(MDC.getMDCAdapter());
      JoranConfigurator configurator = new JoranConfigurator();
      configurator.setContext(context);
      URL xml = JsonLogLinesTest.class.getResource("/logback.xml");
      configurator.doConfigure(xml);
      // a warning or error here would make logback print its status to the console at startup
      assertThat(context.getStatusManager().getCopyOfStatusList())
          .allSatisfy(st -> assertThat(st.getLevel()).as(st.toString()).isZero());
      body.accept(context.getLogger("kiro-gateway.requests"));
    } finally {
      context.stop();
      System.setErr(original);
    }
    return captured.toString(StandardCharsets.UTF_8);
  }

  @Test
  void jsonFormatWritesOneObjectPerEventWithTheRequestId() throws Exception {
    String out =
        logWith(
            "json",
            log -> {
              MDC.put("request_id", "req_0123abcd");
              try {
                log.info("POST /v1/messages 200 model=claude \"quoted\"\nsecond line");
                log.warn("failed", new IllegalStateException("boom"));
              } finally {
                MDC.remove("request_id");
              }
              log.info("no request");
            });
    List<JsonNode> lines = new ArrayList<>();
    for (String line : out.split("\n")) {
      lines.add(JSON.readTree(line));
    }
    assertThat(lines).hasSize(3);
    JsonNode first = lines.get(0);
    assertThat(first.path("level").asText()).isEqualTo("INFO");
    assertThat(first.path("logger").asText()).isEqualTo("kiro-gateway.requests");
    assertThat(first.path("message").asText()).isEqualTo(
        "POST /v1/messages 200 model=claude \"quoted\"\nsecond line");
    assertThat(first.path("request_id").asText()).isEqualTo("req_0123abcd");
    assertThat(first.path("time").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
    assertThat(lines.get(1).path("error").asText()).contains("IllegalStateException: boom");
    assertThat(lines.get(2).has("request_id")).isFalse();
  }

  @Test
  void textFormatStaysOneReadableLine() throws Exception {
    String out = logWith("text", log -> log.info("GET /v1/models 200 time=1ms"));
    assertThat(out).matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} INFO  GET /v1/models 200 time=1ms\\R");
  }
}
