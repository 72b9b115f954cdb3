package dev.kirogateway.kiro;

import static dev.kirogateway.kiro.KiroFrames.INPUT_TOKENS;
import static dev.kirogateway.kiro.KiroFrames.context;
import static dev.kirogateway.kiro.KiroFrames.json;
import static dev.kirogateway.kiro.KiroFrames.map;
import static dev.kirogateway.kiro.KiroFrames.metering;
import static dev.kirogateway.kiro.KiroFrames.reasoning;
import static dev.kirogateway.kiro.KiroFrames.signature;
import static dev.kirogateway.kiro.KiroFrames.text;
import static dev.kirogateway.kiro.KiroFrames.toolInput;
import static dev.kirogateway.kiro.KiroFrames.toolStart;
import static dev.kirogateway.kiro.KiroFrames.toolStop;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kirogateway.chat.ChatEvent;
import dev.kirogateway.chat.ChatEvent.Finish;
import dev.kirogateway.chat.ChatEvent.RedactedThinking;
import dev.kirogateway.chat.ChatEvent.Start;
import dev.kirogateway.chat.ChatEvent.TextDelta;
import dev.kirogateway.chat.ChatEvent.ThinkingDelta;
import dev.kirogateway.chat.ChatEvent.ThinkingSignature;
import dev.kirogateway.chat.ChatEvent.ToolCallDelta;
import dev.kirogateway.chat.ChatEvent.ToolCallEnd;
import dev.kirogateway.chat.ChatEvent.ToolCallStart;
import dev.kirogateway.chat.StopReason;
import dev.kirogateway.chat.Usage;
import dev.kirogateway.eventstream.EventStreamEncoder;
import dev.kirogateway.eventstream.HeaderValue;
import dev.kirogateway.eventstream.Message;
import dev.kirogateway.kiro.KiroFrames.Failure;
import dev.kirogateway.kiro.KiroFrames.Outcome;
import dev.kirogateway.kiro.KiroStreamException.Kind;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

final class KiroReplyDecoderTest {
  private static final Start START = new Start(INPUT_TOKENS);

  /**
   * Decodes the messages whole, cut at every byte boundary, in 1-byte reads and in random reads,
   * checks that every run gives the same outcome, and returns it.
   */
  private static Outcome decode(ReplyOptions options, Message... messages) {
    return decodeBytes(options, KiroFrames.encode(List.of(messages)));
  }

  private static Outcome decodeBytes(ReplyOptions options, byte[] bytes) {
    Outcome whole = KiroFrames.run(options, bytes, List.of());
    for (int cut = 0; cut <= bytes.length; cut++) {
      assertThat(KiroFrames.run(options, bytes, List.of(cut))).as("cut at %d", cut).isEqualTo(whole);
    }
    List<Integer> everyByte = IntStream.range(1, bytes.length).boxed().toList();
    assertThat(KiroFrames.run(options, bytes, everyByte)).as("1-byte reads").isEqualTo(whole);
    Random random = new Random(bytes.length);
    for (int i = 0; i < 20; i++) {
      List<Integer> cuts = new ArrayList<>();
      for (int pos = random.nextInt(40); pos < bytes.length; pos += 1 + random.nextInt(40)) {
        cuts.add(pos);
      }
      assertThat(KiroFrames.run(options, bytes, cuts)).as("random reads %s", cuts).isEqualTo(whole);
    }
    return whole;
  }

  private static List<ChatEvent> events(ReplyOptions options, Message... messages) {
    Outcome outcome = decode(options, messages);
    assertThat(outcome.failure()).isNull();
    return outcome.events();
  }

  private static Failure failure(ReplyOptions options, Message... messages) {
    Outcome outcome = decode(options, messages);
    assertThat(outcome.failure()).as("expected a failure").isNotNull();
    return outcome.failure();
  }

  private static Usage estimated(int output, double credits, double percent) {
    return new Usage(
        INPUT_TOKENS, output, true, OptionalDouble.of(credits), OptionalDouble.of(percent));
  }

  private static Finish done(StopReason reason, String produced) {
    return new Finish(reason, estimated(produced.length(), 0.02, 3.1));
  }

  // ---- text

  @Test
  void streamsPlainText() {
    assertThat(events(KiroFrames.plain(), text("Hel"), text("lo"), metering(0.02), context(3.1)))
        .containsExactly(
            START, new TextDelta("Hel"), new TextDelta("lo"), done(StopReason.END_TURN, "Hello"));
  }

  @Test
  void keepsMultiByteCharactersIntactWhateverTheSplit() {
    assertThat(events(KiroFrames.plain(), text("é日"), text("😀ü"), metering(0.02), context(3.1)))
        .containsExactly(
            START, new TextDelta("é日"), new TextDelta("😀ü"), done(StopReason.END_TURN, "é日😀ü"));
  }

  @Test
  void acceptsTheNestedPayloadFormAndCodeEvents() {
    Message nested =
        Message.event("assistantResponseEvent", json(map("assistantResponseEvent", map("content", "A"))));
    Message code = Message.event("codeEvent", json(map("content", "B")));
    assertThat(events(KiroFrames.plain(), nested, code, metering(0.02), context(3.1)))
        .containsExactly(
            START, new TextDelta("A"), new TextDelta("B"), done(StopReason.END_TURN, "AB"));
  }

  @Test
  void keepsRepeatedTextUnlessDedupIsOn() {
    assertThat(events(KiroFrames.plain(), text("ha"), text("ha"), metering(0.02), context(3.1)))
        .containsExactly(
            START, new TextDelta("ha"), new TextDelta("ha"), done(StopReason.END_TURN, "haha"));
    ReplyOptions p = KiroFrames.plain();
    ReplyOptions dedup =
        new ReplyOptions(p.toolNames(), false, "as_reasoning_content", 64, INPUT_TOKENS,
            String::length, KiroFrames.KEY, true);
    assertThat(events(dedup, text("ha"), text("ha"), text("!"), metering(0.02), context(3.1)))
        .containsExactly(
            START, new TextDelta("ha"), new TextDelta("!"), done(StopReason.END_TURN, "ha!"));
  }

  @Test
  void ignoresIgnorableAndUnknownEventsBetweenText() {
    Map<String, HeaderValue> noMessageType = new LinkedHashMap<>();
    noMessageType.put(":event-type", new HeaderValue.Str("assistantResponseEvent"));
    Message untyped =
        new Message(noMessageType, json(map("content", "c", "extra", 1)).getBytes(StandardCharsets.UTF_8));
    assertThat(
            events(
                KiroFrames.plain(),
                Message.event("initial-response", json(map("conversationId", ""))),
                text("a"),
                Message.event(
                    "followupPromptEvent",
                    json(map("followupPrompt", map("content", "more?", "userIntent", "x")))),
                Message.event("messageMetadataEvent", json(map("conversationId", "c1"))),
                new Message(Map.of(), new byte[0]),
                text("b"),
                Message.event("codeReferenceEvent", json(map("references", List.of()))),
                Message.event("someFutureEvent", "not json at all"),
                untyped,
                metering(0.02),
                context(3.1)))
        .containsExactly(
            START,
            new TextDelta("a"),
            new TextDelta("b"),
            new TextDelta("c"),
            done(StopReason.END_TURN, "abc"));
  }

  @Test
  void reportsTruncationWhenNoCompletionEventArrived() {
    assertThat(events(KiroFrames.plain(), text("Hello")))
        .containsExactly(
            START,
            new TextDelta("Hello"),
            new Finish(
                StopReason.MAX_TOKENS,
                new Usage(INPUT_TOKENS, 5, true, OptionalDouble.empty(), OptionalDouble.empty())));
  }

  @Test
  void finishesAnEmptyAnswerThatCarriesACompletionEvent() {
    assertThat(events(KiroFrames.plain(), metering(0.02), context(3.1)))
        .containsExactly(START, done(StopReason.END_TURN, ""));
  }

  // ---- fake thinking

  @Test
  void splitsFakeThinkingAndSignsIt() {
    assertThat(
            events(
                KiroFrames.thinking(),
                text("<thinking>Let me"),
                text(" think.</thinking>\n\nHello"),
                text(" world"),
                metering(0.02),
                context(3.1)))
        .containsExactly(
            START,
            new ThinkingDelta("Let me"),
            new ThinkingDelta(" think."),
            new ThinkingSignature(signature("Let me think.")),
            new TextDelta("Hello"),
            new TextDelta(" world"),
            done(StopReason.END_TURN, "Let me think.Hello world"));
  }

  @Test
  void handlesTagsSplitAcrossEvents() {
    assertThat(
            events(
                KiroFrames.thinking(),
                text("<th"),
                text("ink"),
                text("ing>abc</thi"),
                text("nking>rést"),
                metering(0.02),
                context(3.1)))
        .containsExactly(
            START,
            new ThinkingDelta("abc"),
            new ThinkingSignature(signature("abc")),
            new TextDelta("rést"),
            done(StopReason.END_TURN, "abcrést"));
  }

  @Test
  void leavesTagsAloneWhenThinkingIsNotParsed() {
    assertThat(events(KiroFrames.plain(), text("<thinking>x</thinking>y"), metering(0.02), context(3.1)))
        .containsExactly(
            START,
            new TextDelta("<thinking>x</thinking>y"),
            done(StopReason.END_TURN, "<thinking>x</thinking>y"));
  }

  @Test
  void flushesAnUnclosedThinkingBlockAtTheEnd() {
    assertThat(events(KiroFrames.thinking(), text("<thinking>abc</thi"), metering(0.02), context(3.1)))
        .containsExactly(
            START,
            new ThinkingDelta("abc"),
            new ThinkingDelta("</thi"),
            new ThinkingSignature(signature("abc</thi")),
            done(StopReason.END_TURN, "abc</thi"));
  }

  @Test
  void flushesHeldWhitespaceAtTheEnd() {
    assertThat(events(KiroFrames.thinking(), text("\n"), metering(0.02), context(3.1)))
        .containsExactly(START, new TextDelta("\n"), done(StopReason.END_TURN, "\n"));
  }

  @Test
  void removesThinkingInRemoveMode() {
    assertThat(
            events(
                KiroFrames.options(true, "remove"),
                text("<thinking>plan</thinking>\nAnswer"),
                metering(0.02),
                context(3.1)))
        .containsExactly(START, new TextDelta("Answer"), done(StopReason.END_TURN, "planAnswer"));
  }

  @Test
  void reEmitsThinkingWithItsTagsInPassMode() {
    assertThat(
            events(
                KiroFrames.options(true, "pass"),
                text("<think>pl"),
                text("an</think>\nAnswer"),
                metering(0.02),
                context(3.1)))
        .containsExactly(
            START,
            new TextDelta("<think>"),
            new TextDelta("pl"),
            new TextDelta("an"),
            new TextDelta("</think>"),
            new TextDelta("Answer"),
            done(StopReason.END_TURN, "planAnswer"));
  }

  @Test
  void emitsThinkingAsPlainTextInStripTagsMode() {
    assertThat(
            events(
                KiroFrames.options(true, "strip_tags"),
                text("<thinking>plan</thinking>\nAnswer"),
                metering(0.02),
                context(3.1)))
        .containsExactly(
            START,
            new TextDelta("plan"),
            new TextDelta("Answer"),
            done(StopReason.END_TURN, "planAnswer"));
  }

  // ---- native reasoning

  @Test
  void passesNativeReasoningWithItsSignature() {
    assertThat(
            events(
                KiroFrames.thinking(),
                reasoning("text", "hmm"),
                reasoning("text", " ok", "signature", "upstream-sig"),
                reasoning("redactedContent", "ENCRYPTED"),
                text("Answer"),
                metering(0.02),
                context(3.1)))
        .containsExactly(
            START,
            new ThinkingDelta("hmm"),
            new ThinkingDelta(" ok"),
            new ThinkingSignature("upstream-sig"),
            new RedactedThinking("ENCRYPTED"),
            new TextDelta("Answer"),
            done(StopReason.END_TURN, "hmm okAnswer"));
  }

  @Test
  void closesNativeReasoningWithoutSignatureWithTheGatewaySignature() {
    assertThat(
            events(
                KiroFrames.plain(),
                reasoning("text", "hmm"),
                reasoning("signature", "late"),
                text("A"),
                reasoning("text", "again"),
                metering(0.02),
                context(3.1)))
        .containsExactly(
            START,
            new ThinkingDelta("hmm"),
            new ThinkingSignature("late"),
            new TextDelta("A"),
            new ThinkingDelta("again"),
            new ThinkingSignature(signature("again")),
            done(StopReason.END_TURN, "hmmAagain"));
  }

  // ---- tools

  @Test
  void streamsOneToolCallFragmentByFragment() {
    String name = "get_weather";
    assertThat(
            events(
                KiroFrames.plain(),
                text("Checking."),
                toolStart("tooluse_A", name),
                toolInput("tooluse_A", name, "{\"city\":"),
                toolInput("tooluse_A", name, "\"Pa"),
                toolInput("tooluse_A", name, "ris\"}"),
                toolStop("tooluse_A", name),
                metering(0.02),
                context(3.1)))
        .containsExactly(
            START,
            new TextDelta("Checking."),
            new ToolCallStart("tooluse_A", name),
            new ToolCallDelta("{\"city\":"),
            new ToolCallDelta("\"Pa"),
            new ToolCallDelta("ris\"}"),
            new ToolCallEnd("{\"city\":\"Paris\"}", true),
            done(StopReason.TOOL_USE, "Checking.{\"city\":\"Paris\"}"));
  }

  @Test
  void assemblesSeveralSequentialToolsInTheirVariousShapes() {
    Message oneShot =
        Message.event(
            "toolUseEvent",
            json(map("name", "a", "toolUseId", "t1", "input", "{\"x\":1}", "stop", true)));
    Message objectInput =
        Message.event(
            "toolUseEvent",
            json(map("name", "get_weather_s", "toolUseId", "t2", "input", map("y", List.of(1, 2)))));
    assertThat(
            events(
                KiroFrames.plain(),
                oneShot,
                toolStop("t1", "a"), // repeated stop for a finished id
                objectInput,
                toolStop("t2", "get_weather_s"),
                toolStart("t3", "a"),
                toolInput("t3", "a", "{\"x\":1}"),
                toolStop("t3", "a"),
                toolStop("t3", "a"),
                metering(0.02),
                context(3.1)))
        .containsExactly(
            START,
            new ToolCallStart("t1", "a"),
            new ToolCallDelta("{\"x\":1}"),
            new ToolCallEnd("{\"x\":1}", true),
            new ToolCallStart("t2", "get_weather_with_a_very_long_original_name"),
            new ToolCallDelta("{\"y\":[1,2]}"),
            new ToolCallEnd("{\"y\":[1,2]}", true),
            new ToolCallStart("t3", "a"),
            new ToolCallDelta("{\"x\":1}"),
            new ToolCallEnd("{\"x\":1}", true),
            done(StopReason.TOOL_USE, "{\"x\":1}{\"y\":[1,2]}{\"x\":1}"));
  }

  @Test
  void closesFakeThinkingBeforeAToolCall() {
    assertThat(
            events(
                KiroFrames.thinking(),
                text("<thinking>plan"),
                toolStart("t1", "f"),
                toolStop("t1", "f"),
                metering(0.02),
                context(3.1)))
        .containsExactly(
            START,
            new ThinkingDelta("plan"),
            new ThinkingSignature(signature("plan")),
            new ToolCallStart("t1", "f"),
            new ToolCallEnd("{}", true),
            done(StopReason.TOOL_USE, "plan{}"));
  }

  @Test
  void endsAToolImplicitlyWhenTextFollows() {
    assertThat(
            events(
                KiroFrames.plain(),
                toolInput("t1", "f", "{}"),
                text("after"),
                metering(0.02),
                context(3.1)))
        .containsExactly(
            START,
            new ToolCallStart("t1", "f"),
            new ToolCallDelta("{}"),
            new ToolCallEnd("{}", true),
            new TextDelta("after"),
            done(StopReason.TOOL_USE, "{}after"));
  }

  @Test
  void reportsAToolWithoutStopAsIncompleteAndTruncated() {
    assertThat(
            events(
                KiroFrames.plain(),
                toolStart("t1", "f"),
                toolInput("t1", "f", "{\"path\":\"/a"),
                metering(0.02),
                context(3.1)))
        .containsExactly(
            START,
            new ToolCallStart("t1", "f"),
            new ToolCallDelta("{\"path\":\"/a"),
            new ToolCallEnd("{\"path\":\"/a", false),
            done(StopReason.MAX_TOKENS, "{\"path\":\"/a"));
  }

  @Test
  void reportsAToolWithInvalidJsonAsIncompleteAndTruncated() {
    assertThat(
            events(
                KiroFrames.plain(),
                toolInput("t1", "f", "{\"a\":1"),
                toolStop("t1", "f"),
                toolInput("t2", "f", "{}"),
                toolStop("t2", "f"),
                metering(0.02),
                context(3.1)))
        .containsExactly(
            START,
            new ToolCallStart("t1", "f"),
            new ToolCallDelta("{\"a\":1"),
            new ToolCallEnd("{\"a\":1", false),
            new ToolCallStart("t2", "f"),
            new ToolCallDelta("{}"),
            new ToolCallEnd("{}", true),
            done(StopReason.MAX_TOKENS, "{\"a\":1{}"));
  }

  @Test
  void keepsIdenticalToolCallsWithDifferentIds() {
    assertThat(
            events(
                KiroFrames.plain(),
                toolInput("t1", "f", "{}"),
                toolStop("t1", "f"),
                toolInput("t2", "f", "{}"),
                toolStop("t2", "f"),
                metering(0.02),
                context(3.1)))
        .filteredOn(ToolCallStart.class::isInstance)
        .containsExactly(new ToolCallStart("t1", "f"), new ToolCallStart("t2", "f"));
  }

  // ---- usage

  @Test
  void prefersUpstreamTokenUsageAndKeepsTheLastBookkeepingValues() {
    Message usage =
        Message.event(
            "metadataEvent",
            json(
                map(
                    "tokenUsage",
                    map(
                        "uncachedInputTokens", 10,
                        "cacheReadInputTokens", 5,
                        "cacheWriteInputTokens", 2,
                        "outputTokens", 7,
                        "totalTokens", 24))));
    assertThat(
            events(
                KiroFrames.plain(),
                text("Hi"),
                metering(0.5),
                context(10),
                metering(0.17618616013267),
                context(45.5),
                usage))
        .last()
        .isEqualTo(
            new Finish(
                StopReason.END_TURN,
                new Usage(17, 7, false, OptionalDouble.of(0.17618616013267), OptionalDouble.of(45.5))));
  }

  @Test
  void estimatesWhenTokenUsageIsIncomplete() {
    Message partial = Message.event("metadataEvent", json(map("tokenUsage", map("outputTokens", 7))));
    assertThat(events(KiroFrames.plain(), text("Hi"), partial, metering(0.02), context(3.1)))
        .last()
        .isEqualTo(done(StopReason.END_TURN, "Hi"));
  }

  // ---- failures

  @Test
  void throwsAnExceptionFrameBeforeAnyContentAsNotStarted() {
    Outcome o =
        decode(
            KiroFrames.plain(),
            Message.event("initial-response", "{}"),
            Message.exception(
                "ThrottlingException",
                json(map("message", "Too many requests, please wait before trying again."))),
            text("never"));
    assertThat(o.events()).isEmpty();
    assertThat(o.failure())
        .isEqualTo(
            new Failure(
                Kind.EXCEPTION_FRAME,
                "ThrottlingException",
                "Too many requests, please wait before trying again.",
                null,
                false));
  }

  @Test
  void throwsAnExceptionFrameAfterContentAsStarted() {
    Outcome o =
        decode(
            KiroFrames.plain(),
            text("Hel"),
            Message.exception(
                "ValidationException", json(map("message", "Bad", "reason", "CONTENT_LENGTH_EXCEEDS_THRESHOLD"))));
    assertThat(o.events()).containsExactly(START, new TextDelta("Hel"));
    assertThat(o.failure())
        .isEqualTo(
            new Failure(
                Kind.EXCEPTION_FRAME, "ValidationException", "Bad", "CONTENT_LENGTH_EXCEEDS_THRESHOLD", true));
  }

  @Test
  void throwsAnErrorFrame() {
    Map<String, HeaderValue> h = new LinkedHashMap<>();
    h.put(":error-code", new HeaderValue.Str("InternalFailure"));
    h.put(":error-message", new HeaderValue.Str("boom"));
    h.put(":message-type", new HeaderValue.Str("error"));
    assertThat(failure(KiroFrames.plain(), text("x"), new Message(h, new byte[0])))
        .isEqualTo(new Failure(Kind.ERROR_FRAME, "InternalFailure", "boom", null, true));
  }

  @Test
  void throwsAnInvalidStateEvent() {
    Message invalid =
        Message.event("invalidStateEvent", json(map("reason", "INVALID_TASK_ASSIST_PLAN", "message", "no")));
    assertThat(failure(KiroFrames.plain(), invalid))
        .isEqualTo(
            new Failure(Kind.INVALID_STATE, "InvalidStateException", "no", "INVALID_TASK_ASSIST_PLAN", false));
  }

  @Test
  void shortensAndCleansUpstreamText() {
    String longMessage = "line1\nline2\u0000" + "x".repeat(1000);
    Failure f =
        failure(KiroFrames.plain(), Message.exception("WeirdException", json(map("message", longMessage))));
    assertThat(f.type()).isEqualTo("WeirdException");
    assertThat(f.message()).startsWith("line1 line2 xxx").hasSizeLessThanOrEqualTo(301).endsWith("…");
    Failure nonJson = failure(KiroFrames.plain(), Message.exception("X", "plain text\r\n"));
    assertThat(nonJson.message()).isEqualTo("plain text  ");
  }

  @Test
  void reportsAKnownEventWithAMalformedJsonPayloadAsCorrupt() {
    Failure f =
        failure(
            KiroFrames.plain(),
            text("ok"),
            Message.event("assistantResponseEvent", "{\"content\":\"half"));
    assertThat(f)
        .isEqualTo(
            new Failure(
                Kind.CORRUPT_FRAME, "CorruptFrame", "an event payload is not valid JSON", null, true));
  }

  @Test
  void ignoresContentThatIsNotAString() {
    assertThat(
            events(
                KiroFrames.plain(),
                Message.event("assistantResponseEvent", "{\"content\":42}"),
                Message.event("assistantResponseEvent", "[1,2]"),
                text(""),
                text("x"),
                metering(0.02),
                context(3.1)))
        .containsExactly(START, new TextDelta("x"), done(StopReason.END_TURN, "x"));
  }

  @Test
  void describesTheFailureInItsMessage() {
    KiroStreamException e =
        new KiroStreamException(Kind.EXCEPTION_FRAME, "ThrottlingException", "slow\ndown", "R", true);
    assertThat(e.getMessage())
        .isEqualTo("Kiro reply stream failed (EXCEPTION_FRAME): ThrottlingException: slow down (reason: R)");
    assertThat(e.started()).isTrue();
  }

  @Test
  void treatsAStreamWithoutEventsAsEmpty() {
    Outcome o = decodeBytes(KiroFrames.plain(), new byte[0]);
    assertThat(o.events()).isEmpty();
    assertThat(o.failure().kind()).isEqualTo(Kind.EMPTY_STREAM);
    assertThat(o.failure().started()).isFalse();
    assertThat(failure(KiroFrames.plain(), Message.event("initial-response", "{}")).kind())
        .isEqualTo(Kind.EMPTY_STREAM);
  }

  @Test
  void reportsAPartialFrameAtTheEndAsTruncated() {
    byte[] whole = KiroFrames.encode(List.of(text("Hi"), metering(0.02)));
    byte[] cut = Arrays.copyOf(whole, whole.length - 3);
    Outcome o = KiroFrames.run(KiroFrames.plain(), cut, List.of(7));
    assertThat(o.events()).containsExactly(START, new TextDelta("Hi"));
    assertThat(o.failure().kind()).isEqualTo(Kind.TRUNCATED_FRAME);
    assertThat(o.failure().started()).isTrue();
  }

  @Test
  void reportsACorruptedCrcWithoutRawBytes() {
    byte[] bytes = KiroFrames.encode(List.of(text("Hi"), text("secret-ish")));
    bytes[bytes.length - 8] ^= 0x55;
    Outcome o = decodeBytes(KiroFrames.plain(), bytes);
    assertThat(o.events()).containsExactly(START, new TextDelta("Hi"));
    assertThat(o.failure().kind()).isEqualTo(Kind.CORRUPT_FRAME);
    assertThat(o.failure().message()).contains("message CRC mismatch").doesNotContain("secret");
  }

  @Test
  void refusesToBeUsedAfterFinishing() {
    KiroReplyDecoder d = new KiroReplyDecoder(KiroFrames.plain(), e -> {});
    byte[] bytes = EventStreamEncoder.encode(metering(0.1));
    d.feed(bytes, 0, bytes.length);
    assertThat(d.started()).isFalse();
    d.finish();
    assertThat(d.started()).isTrue();
    assertThatThrownBy(d::finish).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> d.feed(bytes, 0, bytes.length)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void keepsSignatureKeyOutOfToString() {
    assertThat(KiroFrames.plain().toString()).doesNotContain("test-signature-key");
  }
}
