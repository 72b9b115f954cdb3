package dev.kirogateway.responses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kirogateway.chat.ToolSpec;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * A parsed {@code POST /v1/responses} body. Strings use {@code ""} for "not given".
 *
 * @param model the model as sent, {@code ""} when absent (then the previous response's applies)
 * @param instructions the system text, {@code ""} when none
 * @param input the new input as a JSON array of items (a string input becomes one user message)
 * @param tools the function tools
 * @param toolsEcho the function tools in the response object's shape
 * @param toolChoice {@code tool_choice} as sent ({@code "auto"} when absent); echoed only
 * @param effort {@code reasoning.effort}, {@code ""} when absent
 * @param maxOutputTokens {@code max_output_tokens}
 * @param stream whether to stream events
 * @param store whether to keep the response (default true, as OpenAI)
 * @param previousResponseId {@code previous_response_id}, {@code ""} when absent
 * @param temperature echoed only
 * @param topP echoed only
 * @param parallelToolCalls echoed only (default true)
 * @param metadata echoed only ({@code {}} when absent)
 */
record ResponsesRequest(
    String model,
    String instructions,
    ArrayNode input,
    List<ToolSpec> tools,
    ArrayNode toolsEcho,
    JsonNode toolChoice,
    String effort,
    OptionalInt maxOutputTokens,
    boolean stream,
    boolean store,
    String previousResponseId,
    OptionalDouble temperature,
    OptionalDouble topP,
    boolean parallelToolCalls,
    ObjectNode metadata) {

  ResponsesRequest {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(instructions, "instructions");
    Objects.requireNonNull(input, "input");
    tools = List.copyOf(tools);
    Objects.requireNonNull(toolsEcho, "toolsEcho");
    Objects.requireNonNull(toolChoice, "toolChoice");
    Objects.requireNonNull(effort, "effort");
    Objects.requireNonNull(maxOutputTokens, "maxOutputTokens");
    Objects.requireNonNull(previousResponseId, "previousResponseId");
    Objects.requireNonNull(temperature, "temperature");
    Objects.requireNonNull(topP, "topP");
    Objects.requireNonNull(metadata, "metadata");
  }
}
