package dev.kirogateway.kiro;

import dev.kirogateway.config.Settings;
import java.util.List;

/**
 * Settings of the reply decoder.
 *
 * @param parse {@code FAKE_REASONING_PARSE}: {@code injected} (default), {@code always}, {@code
 *     never}
 * @param handling {@code FAKE_REASONING_HANDLING}: {@code as_reasoning_content} (default), {@code
 *     remove}, {@code pass}, {@code strip_tags}
 * @param initialBufferSize {@code FAKE_REASONING_INITIAL_BUFFER_SIZE}: leading whitespace allowed
 *     before the open tag (default 64)
 * @param dedupConsecutiveText {@code KIRO_DEDUP_CONSECUTIVE_TEXT}: drop a text event equal to the
 *     previous one (default false)
 */
public record ReplySettings(
    String parse, String handling, int initialBufferSize, boolean dedupConsecutiveText) {
  public static final List<String> PARSE_MODES = List.of("injected", "always", "never");
  public static final List<String> HANDLING_MODES =
      List.of("as_reasoning_content", "remove", "pass", "strip_tags");

  public ReplySettings {
    if (!PARSE_MODES.contains(parse)) {
      throw new IllegalArgumentException("unknown FAKE_REASONING_PARSE mode: " + parse);
    }
    if (!HANDLING_MODES.contains(handling)) {
      throw new IllegalArgumentException("unknown FAKE_REASONING_HANDLING mode: " + handling);
    }
    if (initialBufferSize < 1) {
      throw new IllegalArgumentException("initialBufferSize must be >= 1");
    }
  }

  public static ReplySettings defaults() {
    return new ReplySettings("injected", "as_reasoning_content", 64, false);
  }

  public static ReplySettings from(Settings s) {
    return new ReplySettings(
        s.oneOf("FAKE_REASONING_PARSE", "injected", PARSE_MODES),
        s.oneOf("FAKE_REASONING_HANDLING", "as_reasoning_content", HANDLING_MODES),
        s.integer("FAKE_REASONING_INITIAL_BUFFER_SIZE", 64, 1, 65_536),
        s.bool("KIRO_DEDUP_CONSECUTIVE_TEXT", false));
  }

  /** Whether to run the thinking splitter, given whether the request had thinking tags injected. */
  public boolean parseThinking(boolean tagsInjected) {
    return switch (parse) {
      case "always" -> true;
      case "never" -> false;
      default -> tagsInjected;
    };
  }
}
