package dev.kirogateway.kiro;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kirogateway.chat.ChatEvent;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Assembles Kiro {@code toolUseEvent} fragments into tool calls (spec §5.6) and turns them into
 * {@link ChatEvent.ToolCallStart}, {@link ChatEvent.ToolCallDelta} and {@link ChatEvent.ToolCallEnd}
 * as they arrive. Tools are sequential: an event for a new id finishes the current tool.
 */
final class ToolCallAssembler {
  private static final Logger log = LoggerFactory.getLogger(ToolCallAssembler.class);
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  /** One finished tool call; {@code arguments} is the upstream JSON text ({@code "{}"} if empty). */
  record Finished(String id, String name, String arguments, boolean complete) {}

  private final Map<String, String> toolNames;
  private final Set<String> finishedIds = new HashSet<>();
  private final List<Finished> finished = new ArrayList<>();
  private final StringBuilder input = new StringBuilder();
  private String currentId;
  private String currentName;

  /** {@code toolNames} maps upstream (shortened) names back to the client's names. */
  ToolCallAssembler(Map<String, String> toolNames) {
    this.toolNames = Map.copyOf(toolNames);
  }

  /** True while a tool call is open (started, not yet finished). */
  boolean open() {
    return currentId != null;
  }

  /** The finished tool calls in the order they started. */
  List<Finished> finished() {
    return List.copyOf(finished);
  }

  /**
   * Handles one {@code toolUseEvent} payload and returns the events it produces. {@code id} may be
   * null (the fragment then belongs to the current tool, if any).
   */
  List<ChatEvent> accept(String id, String name, JsonNode inputNode, boolean stop) {
    List<ChatEvent> out = new ArrayList<>(3);
    if (id == null || id.isEmpty()) {
      if (currentId == null) {
        log.debug("ignoring toolUseEvent without toolUseId outside a tool call");
        return out;
      }
      id = currentId;
    }
    if (finishedIds.contains(id)) {
      log.debug("ignoring toolUseEvent for already finished tool {}", id);
      return out;
    }
    if (!id.equals(currentId)) {
      if (currentId != null) {
        out.add(finishCurrent(true));
      }
      currentId = id;
      String upstreamName = name == null ? "" : name;
      currentName = toolNames.getOrDefault(upstreamName, upstreamName);
      out.add(new ChatEvent.ToolCallStart(id, currentName));
    }
    appendInput(inputNode, out);
    if (stop) {
      out.add(finishCurrent(true));
    }
    return out;
  }

  private void appendInput(JsonNode node, List<ChatEvent> out) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return;
    }
    String fragment;
    if (node.isTextual()) {
      fragment = node.asText();
    } else if (node.isContainerNode()) {
      if (!input.isEmpty()) {
        log.debug("ignoring structured input after text input for tool {}", currentId);
        return;
      }
      fragment = node.toString();
    } else {
      log.debug("ignoring tool input of JSON type {}", node.getNodeType());
      return;
    }
    if (!fragment.isEmpty()) {
      input.append(fragment);
      out.add(new ChatEvent.ToolCallDelta(fragment));
    }
  }

  /**
   * Finishes the open tool. {@code stopped} is false at the end of the stream for a tool that never
   * got {@code stop:true}: it is then incomplete whatever its input.
   */
  ChatEvent.ToolCallEnd finishCurrent(boolean stopped) {
    if (currentId == null) {
      throw new IllegalStateException("no open tool call");
    }
    String arguments = input.isEmpty() ? "{}" : input.toString();
    boolean complete = stopped && isJsonObject(arguments);
    finished.add(new Finished(currentId, currentName, arguments, complete));
    finishedIds.add(currentId);
    currentId = null;
    currentName = null;
    input.setLength(0);
    return new ChatEvent.ToolCallEnd(arguments, complete);
  }

  static boolean isJsonObject(String text) {
    try {
      JsonNode node = JSON.readTree(text);
      return node != null && node.isObject();
    } catch (JsonProcessingException e) {
      return false;
    }
  }
}
