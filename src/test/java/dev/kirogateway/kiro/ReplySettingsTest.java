package dev.kirogateway.kiro;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kirogateway.config.ConfigException;
import dev.kirogateway.config.Settings;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class ReplySettingsTest {

  @Test
  void usesTheDocumentedDefaults() {
    ReplySettings s = ReplySettings.from(Settings.of(Map.of()));
    assertThat(s).isEqualTo(ReplySettings.defaults());
    assertThat(s).isEqualTo(new ReplySettings("injected", "as_reasoning_content", 64, false));
  }

  @Test
  void readsEveryKey() {
    ReplySettings s =
        ReplySettings.from(
            Settings.of(
                Map.of(
                    "FAKE_REASONING_PARSE", "ALWAYS",
                    "FAKE_REASONING_HANDLING", "strip_tags",
                    "FAKE_REASONING_INITIAL_BUFFER_SIZE", "20",
                    "KIRO_DEDUP_CONSECUTIVE_TEXT", "true")));
    assertThat(s).isEqualTo(new ReplySettings("always", "strip_tags", 20, true));
  }

  @Test
  void rejectsUnknownModesNamingTheKey() {
    assertThatThrownBy(
            () -> ReplySettings.from(Settings.of(Map.of("FAKE_REASONING_HANDLING", "hide"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("FAKE_REASONING_HANDLING");
    assertThatThrownBy(
            () -> ReplySettings.from(Settings.of(Map.of("FAKE_REASONING_INITIAL_BUFFER_SIZE", "0"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("FAKE_REASONING_INITIAL_BUFFER_SIZE");
  }

  @Test
  void decidesWhetherToParseThinking() {
    ReplySettings injected = ReplySettings.defaults();
    assertThat(injected.parseThinking(true)).isTrue();
    assertThat(injected.parseThinking(false)).isFalse();
    assertThat(new ReplySettings("always", "remove", 64, false).parseThinking(false)).isTrue();
    assertThat(new ReplySettings("never", "remove", 64, false).parseThinking(true)).isFalse();
  }

  @Test
  void buildsOptionsForOneRequest() {
    ReplyOptions o =
        ReplyOptions.of(
            new ReplySettings("injected", "pass", 32, true),
            true,
            Map.of("a", "b"),
            42,
            String::length,
            new byte[] {1});
    assertThat(o.parseThinking()).isTrue();
    assertThat(o.thinkingHandling()).isEqualTo("pass");
    assertThat(o.thinkingBufferSize()).isEqualTo(32);
    assertThat(o.inputTokens()).isEqualTo(42);
    assertThat(o.dedupConsecutiveText()).isTrue();
    assertThat(o.toolNames()).containsEntry("a", "b");
  }

  @Test
  void rejectsAnEmptySignatureKey() {
    assertThatThrownBy(
            () ->
                ReplyOptions.of(
                    ReplySettings.defaults(), false, Map.of(), 1, String::length, new byte[0]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("signatureKey");
  }
}
