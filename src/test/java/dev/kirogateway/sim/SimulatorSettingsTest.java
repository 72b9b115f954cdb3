package dev.kirogateway.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kirogateway.config.ConfigException;
import dev.kirogateway.config.Settings;
import dev.kirogateway.sim.SimulatorOptions.Chunking;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class SimulatorSettingsTest {
  @Test
  void readsKeysAndBuildsDemoOptions() {
    SimulatorSettings s =
        SimulatorSettings.from(
            Settings.of(
                Map.of(
                    "KIRO_SIM_PORT", "8123",
                    "KIRO_SIM_CHUNKING", "ONE_BYTE",
                    "KIRO_SIM_FRAME_DELAY", "0",
                    "KIRO_SIM_SEED", "5")));
    SimulatorOptions o = s.toOptions();
    assertThat(o.port()).isEqualTo(8123);
    assertThat(o.chunking()).isEqualTo(Chunking.ONE_BYTE);
    assertThat(o.latency().betweenFrames()).isEqualTo(Duration.ZERO);
    assertThat(o.latency().firstByte()).isEqualTo(Duration.ofMillis(250));
    assertThat(o.seed()).isEqualTo(5);
    assertThat(o.requireAuth()).isFalse();
  }

  @Test
  void rejectsAnUnknownChunkingModeNamingTheKey() {
    assertThatThrownBy(
            () -> SimulatorSettings.from(Settings.of(Map.of("KIRO_SIM_CHUNKING", "halves"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("KIRO_SIM_CHUNKING");
  }
}
