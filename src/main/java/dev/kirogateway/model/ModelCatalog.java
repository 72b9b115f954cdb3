package dev.kirogateway.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/** The static model list served by {@code GET /v1/models} (KIRO-UPSTREAM.md §10.3). */
public final class ModelCatalog {
  /** The ids of a ListAvailableModels capture (2026-05-09). */
  public static final List<String> STATIC_MODELS =
      List.of(
          "auto",
          "claude-opus-4.7",
          "claude-opus-4.6",
          "claude-sonnet-4.6",
          "claude-opus-4.5",
          "claude-sonnet-4.5",
          "claude-sonnet-4",
          "claude-haiku-4.5",
          "deepseek-3.2",
          "minimax-m2.5",
          "minimax-m2.1",
          "glm-5",
          "qwen3-coder-next");

  /** Fixed per build so that the list is stable across restarts [choice]. */
  public static final long CREATED = 1_760_000_000L;

  /** The assumed context size for models without a known figure. */
  public static final int DEFAULT_MAX_INPUT_TOKENS = 200_000;

  private static final Map<String, Integer> KNOWN_MAX_INPUT =
      Map.of("auto", 1_000_000, "claude-opus-4.7", 1_000_000, "claude-opus-4.8", 1_000_000);

  /** Cursor reserves the name {@code auto}, so Kiro's auto model is only listed under an alias. */
  private static final String HIDDEN = "auto";

  private final List<String> models;
  private final Map<String, String> aliases;

  public ModelCatalog(ModelSettings settings) {
    this.models = settings.models();
    this.aliases = new TreeMap<>(settings.aliases()); // sorted: a stable listing order
  }

  /** One {@code /v1/models} entry in the OpenAI list shape. */
  public record Entry(String id, String object, long created, String ownedBy) {
    public Entry {
      Objects.requireNonNull(id, "id");
    }

    static Entry of(String id) {
      return new Entry(id, "model", CREATED, "anthropic");
    }
  }

  /**
   * The entries to list: each configured model, plus the aliases that point at it; {@code auto}
   * appears only through its aliases.
   */
  public List<Entry> entries() {
    List<String> ids = new ArrayList<>();
    for (String model : models) {
      if (!model.equals(HIDDEN)) {
        add(ids, model);
      }
      aliases.forEach(
          (alias, target) -> {
            if (target.equals(model)) {
              add(ids, alias);
            }
          });
    }
    return ids.stream().map(Entry::of).toList();
  }

  /** The model's context size in tokens; {@value #DEFAULT_MAX_INPUT_TOKENS} when unknown. */
  public int maxInputTokens(String modelId) {
    String id = aliases.getOrDefault(modelId, modelId);
    return KNOWN_MAX_INPUT.getOrDefault(id, DEFAULT_MAX_INPUT_TOKENS);
  }

  /** Whether {@code id} (a model id or an alias) is listed. */
  public boolean lists(String id) {
    return entries().stream().anyMatch(e -> e.id().equals(id));
  }

  private static void add(List<String> ids, String id) {
    if (!ids.contains(id)) {
      ids.add(id);
    }
  }
}
