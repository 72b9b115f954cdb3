package dev.kirogateway.sim;

import dev.kirogateway.eventstream.EventStreamEncoder;
import dev.kirogateway.eventstream.Message;
import dev.kirogateway.sim.Scenario.HttpError;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What one reply does on the wire, derived from a {@link Scenario}: an optional HTTP error, or a
 * list of steps for the stream. Pure; the {@link StreamWriter} plays it.
 */
record Script(Duration beforeHeaders, Optional<HttpError> error, List<Step> steps) {
  private static final Set<String> COMPLETION = Set.of("meteringEvent", "contextUsageEvent");

  Script {
    steps = List.copyOf(steps);
  }

  /** One thing the writer does. */
  sealed interface Step {}

  /** Write one encoded message (cut per the chunking mode). */
  record Frame(Message message) implements Step {}

  /** Write these bytes as they are (half frames, corrupted frames). */
  record RawBytes(byte[] bytes) implements Step {}

  /** Write nothing for a while. */
  record Pause(Duration duration) implements Step {}

  /** Reset the TCP connection (RST, no chunked terminator). */
  record Reset() implements Step {}

  /** Per-request values the normal endings need. */
  record Context(boolean initialResponse, String conversationId, double contextPercent) {}

  static Script render(Scenario scenario, Context ctx) {
    return switch (scenario) {
      case HttpError e -> new Script(Duration.ZERO, Optional.of(e), List.of());
      case Scenario.Stall s -> stall(s, ctx);
      case Scenario.Truncated t -> {
        Script inner = render(t.inner(), ctx);
        List<Step> kept = inner.steps().stream().filter(step -> !isCompletion(step)).toList();
        yield new Script(inner.beforeHeaders(), inner.error(), kept);
      }
      default -> new Script(Duration.ZERO, Optional.empty(), steps(scenario, ctx));
    };
  }

  private static Script stall(Scenario.Stall s, Context ctx) {
    Script inner = render(s.inner(), ctx);
    List<Step> steps = new ArrayList<>(inner.steps());
    steps.add(steps.size() / 2, new Pause(s.midStream()));
    steps.addFirst(new Pause(s.beforeFirstByte()));
    return new Script(inner.beforeHeaders().plus(s.beforeHeaders()), inner.error(), steps);
  }

  private static List<Step> steps(Scenario scenario, Context ctx) {
    List<Step> out = new ArrayList<>();
    if (ctx.initialResponse() && !(scenario instanceof Scenario.Frames)) {
      out.add(new Frame(KiroEvents.initialResponse(ctx.conversationId())));
    }
    switch (scenario) {
      case Scenario.Text t -> {
        texts(out, t.fragments());
        complete(out, ctx);
      }
      case Scenario.ThinkingThenText t -> {
        thinking(out, t);
        complete(out, ctx);
      }
      case Scenario.ToolCalls t -> {
        texts(out, t.textFragments());
        t.tools().forEach(tool -> tool(out, tool));
        complete(out, ctx);
      }
      case Scenario.NativeReasoning r -> {
        r.reasoningFragments().forEach(f -> out.add(new Frame(KiroEvents.reasoningText(f))));
        r.signature().ifPresent(s -> out.add(new Frame(KiroEvents.reasoningSignature(s))));
        r.redactedContent().ifPresent(d -> out.add(new Frame(KiroEvents.reasoningRedacted(d))));
        texts(out, r.textFragments());
        complete(out, ctx);
      }
      case Scenario.Frames f -> f.messages().forEach(m -> out.add(new Frame(m)));
      case Scenario.ExceptionFrame e -> {
        texts(out, e.afterFragments());
        out.add(new Frame(KiroEvents.exception(e.type(), e.message())));
      }
      case Scenario.ErrorFrame e -> {
        texts(out, e.afterFragments());
        out.add(new Frame(KiroEvents.error(e.code(), e.message())));
      }
      case Scenario.InvalidState e -> {
        texts(out, e.afterFragments());
        out.add(new Frame(KiroEvents.invalidState(e.reason(), e.message())));
      }
      case Scenario.CutMidFrame c -> {
        texts(out, c.fragments());
        byte[] next = EventStreamEncoder.encode(KiroEvents.metering(0.01));
        out.add(new RawBytes(Arrays.copyOf(next, next.length / 2)));
      }
      case Scenario.CorruptCrc c -> {
        texts(out, c.fragments());
        byte[] next = EventStreamEncoder.encode(KiroEvents.metering(0.01));
        next[next.length - 1] ^= 0x5A;
        out.add(new RawBytes(next));
      }
      case Scenario.ConnectionReset c -> {
        texts(out, c.fragments());
        out.add(new Reset());
      }
      case HttpError e -> throw new IllegalStateException("not a stream: " + e);
      case Scenario.Stall s -> throw new IllegalStateException("rendered elsewhere: " + s);
      case Scenario.Truncated t -> throw new IllegalStateException("rendered elsewhere: " + t);
    }
    return out;
  }

  private static void texts(List<Step> out, List<String> fragments) {
    fragments.forEach(f -> out.add(new Frame(KiroEvents.text(f))));
  }

  /** The close tag goes out in two pieces so a splitter must hold back a partial tag. */
  private static void thinking(List<Step> out, Scenario.ThinkingThenText t) {
    List<String> pieces = new ArrayList<>();
    pieces.add(t.leadingWhitespace() + "<" + t.tag() + ">");
    pieces.addAll(t.thinkingFragments());
    if (t.closed()) {
      String close = "</" + t.tag() + ">";
      int cut = close.length() / 2;
      pieces.add(close.substring(0, cut));
      pieces.add(close.substring(cut) + "\n\n");
      pieces.addAll(t.textFragments());
    }
    texts(out, pieces);
  }

  private static void tool(List<Step> out, Scenario.Tool tool) {
    String id = tool.id();
    String name = tool.name();
    if (tool.inputObject().isPresent()) {
      out.add(new Frame(KiroEvents.toolInputObject(id, name, tool.inputObject().get())));
    } else {
      out.add(new Frame(KiroEvents.toolStart(id, name)));
      List<String> inputs = tool.inputFragments();
      for (int i = 0; i < inputs.size(); i++) {
        boolean stopHere = tool.sendStop() && tool.stopWithLastFragment() && i == inputs.size() - 1;
        out.add(new Frame(KiroEvents.toolInput(id, name, inputs.get(i), stopHere)));
      }
      if (tool.stopWithLastFragment() && !inputs.isEmpty()) {
        if (tool.repeatStop()) {
          out.add(new Frame(KiroEvents.toolStop(id, name)));
        }
        return;
      }
    }
    if (tool.sendStop()) {
      out.add(new Frame(KiroEvents.toolStop(id, name)));
      if (tool.repeatStop()) {
        out.add(new Frame(KiroEvents.toolStop(id, name)));
      }
    }
  }

  private static void complete(List<Step> out, Context ctx) {
    long contentFrames = out.stream().filter(s -> s instanceof Frame).count();
    double credits = Math.round((0.01 + contentFrames * 0.0007) * 1e6) / 1e6;
    out.add(new Frame(KiroEvents.metering(credits)));
    out.add(new Frame(KiroEvents.contextUsage(ctx.contextPercent())));
  }

  private static boolean isCompletion(Step step) {
    return step instanceof Frame f
        && f.message().stringHeader(":event-type").filter(COMPLETION::contains).isPresent();
  }
}
