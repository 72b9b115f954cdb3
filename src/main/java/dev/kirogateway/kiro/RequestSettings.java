package dev.kirogateway.kiro;

import dev.kirogateway.config.Settings;
import java.util.List;
import java.util.Objects;

/**
 * How the Kiro request body is built (KIRO-UPSTREAM.md §4).
 *
 * @param maxPayloadBytes compact body limit, {@code KIRO_MAX_PAYLOAD_BYTES} (600000)
 * @param autoTrimPayload drop old history to fit instead of failing, {@code AUTO_TRIM_PAYLOAD}
 *     (false)
 * @param toolDescriptionMaxLength longer descriptions move to the system text, {@code
 *     TOOL_DESCRIPTION_MAX_LENGTH} (10000; 0 disables)
 * @param fakeReasoning inject the thinking tags, {@code FAKE_REASONING} (true)
 * @param fakeReasoningMaxTokens default budget, {@code FAKE_REASONING_MAX_TOKENS} (4000)
 * @param fakeReasoningBudgetCap upper bound of any budget, {@code FAKE_REASONING_BUDGET_CAP}
 *     (10000; 0 = no cap)
 * @param toolErrorStatus status of failed tool results, {@code KIRO_TOOL_ERROR_STATUS} ({@code
 *     error} or {@code success}; default {@code error})
 * @param stripBillingHeader drop Claude Code's leading {@code x-anthropic-billing-header:} line
 *     from the system text, {@code STRIP_BILLING_HEADER} (true)
 * @param emptyTextPlaceholder stands in for empty message text, {@code KIRO_EMPTY_TEXT_PLACEHOLDER}
 * @param emptyResultPlaceholder stands in for empty tool results, {@code
 *     KIRO_EMPTY_RESULT_PLACEHOLDER}
 */
public record RequestSettings(
    int maxPayloadBytes,
    boolean autoTrimPayload,
    int toolDescriptionMaxLength,
    boolean fakeReasoning,
    int fakeReasoningMaxTokens,
    int fakeReasoningBudgetCap,
    String toolErrorStatus,
    boolean stripBillingHeader,
    String emptyTextPlaceholder,
    String emptyResultPlaceholder) {

  public static final String EMPTY_TEXT = "(empty placeholder)";
  public static final String EMPTY_RESULT = "(empty result)";

  public RequestSettings {
    Objects.requireNonNull(toolErrorStatus, "toolErrorStatus");
    Objects.requireNonNull(emptyTextPlaceholder, "emptyTextPlaceholder");
    Objects.requireNonNull(emptyResultPlaceholder, "emptyResultPlaceholder");
  }

  /** The documented defaults. */
  public static RequestSettings defaults() {
    return from(Settings.of(java.util.Map.of()));
  }

  public static RequestSettings from(Settings s) {
    return new RequestSettings(
        s.integer("KIRO_MAX_PAYLOAD_BYTES", 600_000, 1_024, Integer.MAX_VALUE),
        s.bool("AUTO_TRIM_PAYLOAD", false),
        s.integer("TOOL_DESCRIPTION_MAX_LENGTH", 10_000, 0, Integer.MAX_VALUE),
        s.bool("FAKE_REASONING", true),
        s.integer("FAKE_REASONING_MAX_TOKENS", 4_000, 0, Integer.MAX_VALUE),
        s.integer("FAKE_REASONING_BUDGET_CAP", 10_000, 0, Integer.MAX_VALUE),
        s.oneOf("KIRO_TOOL_ERROR_STATUS", "error", List.of("error", "success")),
        s.bool("STRIP_BILLING_HEADER", true),
        s.string("KIRO_EMPTY_TEXT_PLACEHOLDER", EMPTY_TEXT),
        s.string("KIRO_EMPTY_RESULT_PLACEHOLDER", EMPTY_RESULT));
  }

  /** A copy with another payload limit and trimming switch (tests, tuning). */
  public RequestSettings withPayloadLimit(int bytes, boolean autoTrim) {
    return new RequestSettings(bytes, autoTrim, toolDescriptionMaxLength, fakeReasoning,
        fakeReasoningMaxTokens, fakeReasoningBudgetCap, toolErrorStatus, stripBillingHeader,
        emptyTextPlaceholder, emptyResultPlaceholder);
  }
}
