package dev.kirogateway.kiro;

import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.function.ToIntFunction;

/**
 * Everything {@link KiroReplyDecoder} needs to know about one request.
 *
 * @param toolNames upstream tool name → client tool name (names not in the map pass through)
 * @param parseThinking whether to split a leading thinking block off the text
 * @param thinkingHandling what to do with that block: {@code as_reasoning_content}, {@code remove},
 *     {@code pass}, {@code strip_tags}
 * @param thinkingBufferSize leading whitespace allowed before the open tag
 * @param inputTokens the estimate for the request as sent upstream
 * @param outputTokenCounter counts output tokens of a text (the caller passes cl100k)
 * @param signatureKey HMAC-SHA256 key for the gateway's own thinking signature; not empty
 * @param dedupConsecutiveText drop a text event equal to the previous one
 */
public record ReplyOptions(
    Map<String, String> toolNames,
    boolean parseThinking,
    String thinkingHandling,
    int thinkingBufferSize,
    int inputTokens,
    ToIntFunction<String> outputTokenCounter,
    byte[] signatureKey,
    boolean dedupConsecutiveText) {

  public ReplyOptions {
    toolNames = Map.copyOf(toolNames);
    if (!ReplySettings.HANDLING_MODES.contains(thinkingHandling)) {
      throw new IllegalArgumentException("unknown thinking handling: " + thinkingHandling);
    }
    if (thinkingBufferSize < 1) {
      throw new IllegalArgumentException("thinkingBufferSize must be >= 1");
    }
    Objects.requireNonNull(outputTokenCounter, "outputTokenCounter");
    if (signatureKey.length == 0) {
      throw new IllegalArgumentException("signatureKey must not be empty");
    }
    signatureKey = signatureKey.clone();
  }

  /** Options from the gateway settings plus the facts of one request. */
  public static ReplyOptions of(
      ReplySettings settings,
      boolean thinkingTagsInjected,
      Map<String, String> toolNames,
      int inputTokens,
      ToIntFunction<String> outputTokenCounter,
      byte[] signatureKey) {
    return new ReplyOptions(
        toolNames,
        settings.parseThinking(thinkingTagsInjected),
        settings.handling(),
        settings.initialBufferSize(),
        inputTokens,
        outputTokenCounter,
        signatureKey,
        settings.dedupConsecutiveText());
  }

  @Override
  public byte[] signatureKey() {
    return signatureKey.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ReplyOptions r
        && toolNames.equals(r.toolNames)
        && parseThinking == r.parseThinking
        && thinkingHandling.equals(r.thinkingHandling)
        && thinkingBufferSize == r.thinkingBufferSize
        && inputTokens == r.inputTokens
        && outputTokenCounter.equals(r.outputTokenCounter)
        && Arrays.equals(signatureKey, r.signatureKey)
        && dedupConsecutiveText == r.dedupConsecutiveText;
  }

  @Override
  public int hashCode() {
    return Objects.hash(toolNames, parseThinking, thinkingHandling, inputTokens)
        ^ Arrays.hashCode(signatureKey);
  }

  /** Never shows the signature key. */
  @Override
  public String toString() {
    return "ReplyOptions[toolNames=" + toolNames + ", parseThinking=" + parseThinking
        + ", thinkingHandling=" + thinkingHandling + ", thinkingBufferSize=" + thinkingBufferSize
        + ", inputTokens=" + inputTokens + ", dedupConsecutiveText=" + dedupConsecutiveText + "]";
  }
}
