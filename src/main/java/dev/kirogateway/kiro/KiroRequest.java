package dev.kirogateway.kiro;

import java.util.Arrays;
import java.util.Map;
import java.util.Objects;

/**
 * One Kiro {@code generateAssistantResponse} body, ready to send.
 *
 * @param body the compact UTF-8 JSON body; callers must not modify it
 * @param modelId the normalised model id sent upstream
 * @param toolNames upstream tool name → the client's original name, for every declared tool
 * @param thinkingInjected whether the fake-reasoning tags were put in (R18)
 * @param inputTokens the §7.6 input estimate of this body
 * @param conversationId the conversation id in the body
 */
public record KiroRequest(
    byte[] body,
    String modelId,
    Map<String, String> toolNames,
    boolean thinkingInjected,
    int inputTokens,
    String conversationId) {

  public KiroRequest {
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(modelId, "modelId");
    toolNames = Map.copyOf(toolNames);
    Objects.requireNonNull(conversationId, "conversationId");
  }

  /** The client's name for an upstream tool name (identity for unknown names). */
  public String originalToolName(String upstreamName) {
    return toolNames.getOrDefault(upstreamName, upstreamName);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof KiroRequest r
        && Arrays.equals(body, r.body)
        && modelId.equals(r.modelId)
        && toolNames.equals(r.toolNames)
        && thinkingInjected == r.thinkingInjected
        && inputTokens == r.inputTokens
        && conversationId.equals(r.conversationId);
  }

  @Override
  public int hashCode() {
    return Objects.hash(Arrays.hashCode(body), modelId, toolNames, thinkingInjected, inputTokens,
        conversationId);
  }

  /** Sizes and ids only: the body holds user content and never goes into logs. */
  @Override
  public String toString() {
    return "KiroRequest[bodyBytes=" + body.length + ", modelId=" + modelId + ", tools="
        + toolNames.size() + ", thinkingInjected=" + thinkingInjected + ", inputTokens="
        + inputTokens + ", conversationId=" + conversationId + "]";
  }
}
