package dev.kirogateway.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kirogateway.config.ConfigException;
import dev.kirogateway.config.Settings;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class ModelCatalogTest {

  @Test
  void listsTheStaticModelsWithAutoUnderItsAlias() {
    ModelCatalog catalog = new ModelCatalog(ModelSettings.from(Settings.of(Map.of())));
    assertThat(catalog.entries())
        .extracting(ModelCatalog.Entry::id)
        .startsWith("auto-kiro", "claude-opus-4.7", "claude-opus-4.6")
        .contains("claude-sonnet-4.5", "qwen3-coder-next", "glm-5")
        .doesNotContain("auto")
        .hasSize(13);
  }

  @Test
  void entriesHaveTheOpenAiShape() {
    ModelCatalog.Entry e = new ModelCatalog(ModelSettings.defaults()).entries().get(1);
    assertThat(e).isEqualTo(new ModelCatalog.Entry("claude-opus-4.7", "model", 1_760_000_000L,
        "anthropic"));
  }

  @Test
  void modelsAndAliasesComeFromSettings() {
    ModelSettings s = ModelSettings.from(Settings.of(Map.of(
        "KIRO_MODELS", "claude-opus-4.8, Claude-Sonnet-4.5",
        "MODEL_ALIASES", "fast=claude-haiku-4.5,Big=claude-opus-4.8")));
    ModelCatalog catalog = new ModelCatalog(s);
    assertThat(catalog.entries()).extracting(ModelCatalog.Entry::id)
        .containsExactly("claude-opus-4.8", "big", "claude-sonnet-4.5");
    assertThat(s.aliases()).containsEntry("auto-kiro", "auto").containsEntry("fast",
        "claude-haiku-4.5");
    assertThat(ModelResolver.from(s).resolve("FAST")).isEqualTo("claude-haiku-4.5");
  }

  @Test
  void rejectsAMalformedAlias() {
    assertThatThrownBy(() -> ModelSettings.from(Settings.of(Map.of("MODEL_ALIASES", "a=b,c"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("MODEL_ALIASES")
        .hasMessageContaining("'c'");
  }

  @Test
  void knowsMaxInputTokensPerModel() {
    ModelCatalog catalog = new ModelCatalog(ModelSettings.defaults());
    assertThat(catalog.maxInputTokens("auto")).isEqualTo(1_000_000);
    assertThat(catalog.maxInputTokens("auto-kiro")).isEqualTo(1_000_000);
    assertThat(catalog.maxInputTokens("claude-opus-4.7")).isEqualTo(1_000_000);
    assertThat(catalog.maxInputTokens("claude-opus-4.6")).isEqualTo(200_000);
    assertThat(catalog.maxInputTokens("something-else")).isEqualTo(200_000);
  }
}
