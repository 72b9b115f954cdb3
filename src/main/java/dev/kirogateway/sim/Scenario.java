package dev.kirogateway.sim;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kirogateway.eventstream.Message;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A scripted reply to one {@code generateAssistantResponse} call. Replies that complete normally
 * ({@link Text}, {@link ThinkingThenText}, {@link ToolCalls}, {@link NativeReasoning}) end with a
 * {@code meteringEvent} and a {@code contextUsageEvent}; the fault scenarios do not.
 */
public sealed interface Scenario {

  /** Plain answer text, one {@code assistantResponseEvent} per fragment. */
  record Text(List<String> fragments) implements Scenario {
    public Text {
      fragments = List.copyOf(fragments);
    }

    public static Text of(String... fragments) {
      return new Text(List.of(fragments));
    }
  }

  /**
   * Fake reasoning as Kiro sends it: {@code <tag>} + thinking + {@code </tag>\n\n} + answer, all as
   * text events. {@code tag} is {@code thinking} or a variant such as {@code think}; {@code
   * leadingWhitespace} goes before the open tag; an unclosed block never sends the close tag.
   */
  record ThinkingThenText(
      String tag,
      String leadingWhitespace,
      List<String> thinkingFragments,
      boolean closed,
      List<String> textFragments)
      implements Scenario {
    public ThinkingThenText {
      Objects.requireNonNull(tag, "tag");
      Objects.requireNonNull(leadingWhitespace, "leadingWhitespace");
      thinkingFragments = List.copyOf(thinkingFragments);
      textFragments = List.copyOf(textFragments);
    }

    public static ThinkingThenText of(List<String> thinking, List<String> text) {
      return new ThinkingThenText("thinking", "", thinking, true, text);
    }
  }

  /** Optional text, then tool uses in order. */
  record ToolCalls(List<String> textFragments, List<Tool> tools) implements Scenario {
    public ToolCalls {
      textFragments = List.copyOf(textFragments);
      tools = List.copyOf(tools);
    }

    public static ToolCalls of(Tool... tools) {
      return new ToolCalls(List.of(), List.of(tools));
    }
  }

  /**
   * One tool use. {@code inputFragments} are pieces of JSON text sent as string {@code input}s;
   * when {@code inputObject} is present it is sent once as a JSON object instead. {@code sendStop}
   * false leaves the tool open (truncation); {@code stopWithLastFragment} puts {@code stop:true} in
   * the last input event; {@code repeatStop} sends the stop event twice.
   */
  record Tool(
      String id,
      String name,
      List<String> inputFragments,
      Optional<JsonNode> inputObject,
      boolean sendStop,
      boolean stopWithLastFragment,
      boolean repeatStop) {
    public Tool {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(name, "name");
      inputFragments = List.copyOf(inputFragments);
      Objects.requireNonNull(inputObject, "inputObject");
    }

    /** A well-behaved tool use: start event, string input fragments, stop event. */
    public static Tool of(String id, String name, String... inputFragments) {
      return new Tool(id, name, List.of(inputFragments), Optional.empty(), true, false, false);
    }

    public Tool withoutStop() {
      return new Tool(id, name, inputFragments, inputObject, false, false, false);
    }

    public Tool withStopOnLastFragment() {
      return new Tool(id, name, inputFragments, inputObject, true, true, false);
    }

    public Tool withRepeatedStop() {
      return new Tool(id, name, inputFragments, inputObject, true, stopWithLastFragment, true);
    }

    public static Tool withObjectInput(String id, String name, JsonNode input) {
      return new Tool(id, name, List.of(), Optional.of(input), true, false, false);
    }
  }

  /** Native {@code reasoningContentEvent}s (text pieces, then a signature or redacted content). */
  record NativeReasoning(
      List<String> reasoningFragments,
      Optional<String> signature,
      Optional<String> redactedContent,
      List<String> textFragments)
      implements Scenario {
    public NativeReasoning {
      reasoningFragments = List.copyOf(reasoningFragments);
      Objects.requireNonNull(signature, "signature");
      Objects.requireNonNull(redactedContent, "redactedContent");
      textFragments = List.copyOf(textFragments);
    }
  }

  /** Exactly these messages, nothing added (no initial-response, metering or context usage). */
  record Frames(List<Message> messages) implements Scenario {
    public Frames {
      messages = List.copyOf(messages);
    }
  }

  /** A non-2xx HTTP answer with a JSON body (§8.1 bodies via the factories). */
  record HttpError(int status, String body, Map<String, String> headers) implements Scenario {
    public HttpError {
      Objects.requireNonNull(body, "body");
      headers = Map.copyOf(headers);
    }

    static HttpError of(int status, String errorType, String message, String reason) {
      return new HttpError(
          status, Json.errorBody(message, reason), Map.of("x-amzn-ErrorType", errorType));
    }

    public static HttpError improperlyFormed() {
      return of(400, "ValidationException", "Improperly formed request.", null);
    }

    public static HttpError invalidToolUseFormat() {
      return of(400, "ValidationException", "Invalid tool use format.", "REQUEST_BODY_INVALID");
    }

    public static HttpError inputTooLong() {
      return of(
          400, "ValidationException", "Input is too long.", "CONTENT_LENGTH_EXCEEDS_THRESHOLD");
    }

    public static HttpError invalidModel() {
      return of(
          400,
          "ValidationException",
          "Invalid model. Please select a different model to continue.",
          "INVALID_MODEL_ID");
    }

    public static HttpError profileArnRequired() {
      return of(400, "ValidationException", "profileArn is required for this request.", null);
    }

    public static HttpError thinkingSignatureInvalid() {
      return of(
          400,
          "ValidationException",
          "Invalid signature in thinking block.",
          "THINKING_SIGNATURE_INVALID");
    }

    public static HttpError invalidProfileArn() {
      return of(400, "ValidationException", "Invalid profileArn.", null);
    }

    /** Model capacity, sent as 400 ThrottlingException in some captures (429 in others). */
    public static HttpError insufficientModelCapacity(int status) {
      return of(
          status,
          "ThrottlingException",
          "I am experiencing high traffic, please try again shortly.",
          "INSUFFICIENT_MODEL_CAPACITY");
    }

    public static HttpError monthlyLimit() {
      return of(
          402,
          "ServiceQuotaExceededException",
          "You have reached the limit.",
          "MONTHLY_REQUEST_COUNT");
    }

    public static HttpError bearerTokenInvalid() {
      return of(
          403,
          "AccessDeniedException",
          "The bearer token included in the request is invalid.",
          null);
    }

    public static HttpError notAuthorized() {
      return of(403, "AccessDeniedException", "User is not authorized to make this call.", null);
    }

    public static HttpError throttled() {
      return of(
          429, "ThrottlingException", "Too many requests, please wait before trying again.", null);
    }

    public static HttpError throttled(Duration retryAfter) {
      Map<String, String> h = new LinkedHashMap<>(throttled().headers());
      h.put("Retry-After", Long.toString(retryAfter.toSeconds()));
      return new HttpError(429, throttled().body(), h);
    }

    public static HttpError highLoad() {
      return of(
          500,
          "InternalServerException",
          "Encountered unexpectedly high load when processing the request, please try again.",
          null);
    }

    public static HttpError internalError() {
      return of(
          500,
          "InternalServerException",
          "Encountered an unexpected error when processing the request, please try again.",
          null);
    }

    public static HttpError modelTemporarilyUnavailable() {
      return of(
          503,
          "ServiceUnavailableException",
          "The model is temporarily unavailable, please try again later.",
          "MODEL_TEMPORARILY_UNAVAILABLE");
    }
  }

  /** Text fragments, then an exception frame ({@code afterFragments} may be empty). */
  record ExceptionFrame(String type, String message, List<String> afterFragments)
      implements Scenario {
    public ExceptionFrame {
      Objects.requireNonNull(type, "type");
      Objects.requireNonNull(message, "message");
      afterFragments = List.copyOf(afterFragments);
    }

    /** The §5.2 V2 throttling exception. */
    public static ExceptionFrame throttling(String... afterFragments) {
      return new ExceptionFrame(
          "ThrottlingException",
          "Too many requests, please wait before trying again.",
          List.of(afterFragments));
    }
  }

  /**
   * Text fragments, then an {@code error} message with {@code :error-code}/{@code :error-message}.
   */
  record ErrorFrame(String code, String message, List<String> afterFragments) implements Scenario {
    public ErrorFrame {
      Objects.requireNonNull(code, "code");
      Objects.requireNonNull(message, "message");
      afterFragments = List.copyOf(afterFragments);
    }
  }

  /** Text fragments, then an {@code invalidStateEvent}. */
  record InvalidState(String reason, String message, List<String> afterFragments)
      implements Scenario {
    public InvalidState {
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(message, "message");
      afterFragments = List.copyOf(afterFragments);
    }
  }

  /** {@code inner}'s frames without the metering and context-usage events: upstream truncation. */
  record Truncated(Scenario inner) implements Scenario {
    public Truncated {
      Objects.requireNonNull(inner, "inner");
    }

    public static Truncated text(String... fragments) {
      return new Truncated(Text.of(fragments));
    }
  }

  /** Text fragments, then the first half of one more frame, then a clean end of the body. */
  record CutMidFrame(List<String> fragments) implements Scenario {
    public CutMidFrame {
      fragments = List.copyOf(fragments);
    }
  }

  /** Text fragments, then a frame whose message CRC is wrong. */
  record CorruptCrc(List<String> fragments) implements Scenario {
    public CorruptCrc {
      fragments = List.copyOf(fragments);
    }
  }

  /** Text fragments, then a TCP reset (no chunked terminator). */
  record ConnectionReset(List<String> fragments) implements Scenario {
    public ConnectionReset {
      fragments = List.copyOf(fragments);
    }
  }

  /**
   * {@code inner} with extra delays: before the response headers, between headers and the first
   * body byte, and after the first half of its frames (mid-stream).
   */
  record Stall(Duration beforeHeaders, Duration beforeFirstByte, Duration midStream, Scenario inner)
      implements Scenario {
    public Stall {
      Objects.requireNonNull(beforeHeaders, "beforeHeaders");
      Objects.requireNonNull(beforeFirstByte, "beforeFirstByte");
      Objects.requireNonNull(midStream, "midStream");
      Objects.requireNonNull(inner, "inner");
    }

    public static Stall beforeHeaders(Duration d, Scenario inner) {
      return new Stall(d, Duration.ZERO, Duration.ZERO, inner);
    }

    public static Stall beforeFirstByte(Duration d, Scenario inner) {
      return new Stall(Duration.ZERO, d, Duration.ZERO, inner);
    }

    public static Stall midStream(Duration d, Scenario inner) {
      return new Stall(Duration.ZERO, Duration.ZERO, d, inner);
    }
  }
}
