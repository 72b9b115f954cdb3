package dev.kirogateway.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

final class ModelResolverTest {
  private final ModelResolver resolver = ModelResolver.from(ModelSettings.defaults());

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "claude-sonnet-4-5, claude-sonnet-4.5",
    "claude-sonnet-4-5-20250929, claude-sonnet-4.5",
    "claude-haiku-4-5-20251001, claude-haiku-4.5",
    "claude-haiku-4-5-latest, claude-haiku-4.5",
    "claude-opus-4-6, claude-opus-4.6",
    "claude-opus-4-7[1m], claude-opus-4.7",
    "claude-sonnet-4-5[200k], claude-sonnet-4.5",
    "Claude-Sonnet-4-5, claude-sonnet-4.5",
    "claude-sonnet-4, claude-sonnet-4",
    "claude-sonnet-4-20250514, claude-sonnet-4",
    "claude-sonnet-4-latest, claude-sonnet-4",
    "claude-opus-4-1-20250805, claude-opus-4.1",
    "claude-sonnet-4.5, claude-sonnet-4.5",
    "claude-haiku-4.5-20251001, claude-haiku-4.5",
    "claude-opus-4-8, claude-opus-4.8",
    "claude-3-7-sonnet, claude-3.7-sonnet",
    "claude-3-7-sonnet-20250219, claude-3.7-sonnet",
    "claude-3-5-sonnet-latest, claude-3.5-sonnet",
    "claude-3.7-sonnet, claude-3.7-sonnet",
    "claude-4.5-opus-high, claude-opus-4.5",
    "claude-4-sonnet, claude-sonnet-4",
    "auto, auto",
    "AUTO-KIRO, auto",
    "anthropic/claude-sonnet-4.5, claude-sonnet-4.5",
    "deepseek-3.2, deepseek-3.2",
    "GLM-5, glm-5",
    "qwen3-coder-next, qwen3-coder-next",
    "gpt-4o, gpt-4o",
    "anthropic.claude-sonnet-4-v1, anthropic.claude-sonnet-4-v1",
    "claude-sonnet-4-6-thinking, claude-sonnet-4-6-thinking",
  })
  void resolvesEveryExampleOfTheSpecTable(String input, String expected) {
    assertThat(resolver.resolve(input)).isEqualTo(expected);
  }

  @Test
  void trimsWhitespaceAroundTheNameAndTheHint() {
    assertThat(resolver.resolve("  claude-opus-4-7 [1m]  ")).isEqualTo("claude-opus-4.7");
  }

  @Test
  void removesOnlyOneTrailingHint() {
    assertThat(resolver.resolve("x[a][b]")).isEqualTo("x[a]");
  }

  @Test
  void configuredAliasWinsOverPatterns() {
    ModelResolver custom = new ModelResolver(Map.of("claude-sonnet-4-5", "claude-opus-4.7"));
    assertThat(custom.resolve("Claude-Sonnet-4-5")).isEqualTo("claude-opus-4.7");
    assertThat(custom.resolve("auto-kiro")).isEqualTo("auto-kiro");
  }

  @Test
  void invertedCursorNamesKeepEveryVariantOut() {
    assertThat(resolver.resolve("claude-4.5-sonnet-thinking-max")).isEqualTo("claude-sonnet-4.5");
    assertThat(resolver.resolve("claude-3-haiku")).isEqualTo("claude-3-haiku");
  }

  @Test
  void hugeVersionNumbersPassWithoutOverflow() {
    assertThat(resolver.resolve("claude-99999999999-1-opus")).isEqualTo("claude-opus-99999999999.1");
  }
}
