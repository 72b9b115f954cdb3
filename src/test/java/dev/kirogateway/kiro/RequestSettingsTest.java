package dev.kirogateway.kiro;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kirogateway.config.ConfigException;
import dev.kirogateway.config.Settings;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class RequestSettingsTest {

  @Test
  void defaultsMatchTheSpec() {
    assertThat(RequestSettings.defaults()).isEqualTo(new RequestSettings(600_000, false, 10_000,
        true, 4_000, 10_000, "error", true, "(empty placeholder)", "(empty result)"));
  }

  @Test
  void readsEveryKey() {
    RequestSettings s = RequestSettings.from(Settings.of(Map.of(
        "KIRO_MAX_PAYLOAD_BYTES", "500000", "AUTO_TRIM_PAYLOAD", "true",
        "TOOL_DESCRIPTION_MAX_LENGTH", "0", "FAKE_REASONING", "false",
        "FAKE_REASONING_MAX_TOKENS", "2000", "FAKE_REASONING_BUDGET_CAP", "0",
        "KIRO_TOOL_ERROR_STATUS", "SUCCESS", "STRIP_BILLING_HEADER", "false",
        "KIRO_EMPTY_TEXT_PLACEHOLDER", "[none]", "KIRO_EMPTY_RESULT_PLACEHOLDER", "[no result]")));
    assertThat(s).isEqualTo(new RequestSettings(500_000, true, 0, false, 2_000, 0, "success",
        false, "[none]", "[no result]"));
  }

  @Test
  void rejectsAnUnknownToolErrorStatus() {
    assertThatThrownBy(() -> RequestSettings.from(Settings.of(Map.of(
        "KIRO_TOOL_ERROR_STATUS", "failed"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("KIRO_TOOL_ERROR_STATUS");
  }
}
