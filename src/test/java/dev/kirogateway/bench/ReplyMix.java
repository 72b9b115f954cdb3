package dev.kirogateway.bench;

import dev.kirogateway.kiro.TokenCounter;
import dev.kirogateway.sim.Scenario;
import java.util.ArrayList;
import java.util.List;

/**
 * The scripted replies of the benchmark: plain text, fake thinking then text, and text then a
 * tool call, each with the same number of content frames of two words. Deterministic, so every
 * run streams the same tokens; {@link #meanTokens()} is the cl100k count averaged over the mix,
 * which the upstream hands out round-robin.
 */
final class ReplyMix {
  private static final String[] WORDS = {
    "the", "gateway", "streams", "tokens", "from", "upstream", "frames", "quickly", "while",
    "clients", "read", "server", "sent", "events", "over", "loopback", "with", "small", "latency",
    "and", "little", "garbage", "per", "chunk", "so", "every", "answer", "arrives", "in", "order",
    "without", "stalls", "or", "errors", "even", "under", "heavy", "load", "on", "two", "cores",
    "measured", "carefully", "against", "a", "direct", "baseline", "client", "today", "again"
  };

  private final List<Scenario> scenarios;
  private final double meanTokens;

  private ReplyMix(List<Scenario> scenarios, double meanTokens) {
    this.scenarios = List.copyOf(scenarios);
    this.meanTokens = meanTokens;
  }

  static ReplyMix of(int frames) {
    TokenCounter counter = new TokenCounter();
    List<String> text = fragments(0, frames);
    Scenario plain = new Scenario.Text(text);
    int thinkingFrames = frames / 3;
    List<String> thought = fragments(7, thinkingFrames);
    List<String> answer = fragments(11, frames - thinkingFrames);
    Scenario thinking = Scenario.ThinkingThenText.of(thought, answer);
    int lead = Math.max(1, frames / 4);
    List<String> intro = fragments(13, lead);
    List<String> input = new ArrayList<>();
    input.add("{\"city\": \"");
    input.addAll(fragments(17, Math.max(1, frames - lead - 2)));
    input.add("\"}");
    Scenario tool =
        new Scenario.ToolCalls(
            intro,
            List.of(Scenario.Tool.of("tooluse_bench0000000000000001", "get_weather", array(input))));
    double tokens =
        (counter.count(String.join("", text))
                + counter.count(String.join("", thought) + String.join("", answer))
                + counter.count(String.join("", intro) + String.join("", input)))
            / 3.0;
    return new ReplyMix(List.of(plain, thinking, tool), tokens);
  }

  /** Two words per fragment; consecutive fragments differ (some gateways drop repeats). */
  static List<String> fragments(int seed, int count) {
    List<String> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      int a = (seed + i) % WORDS.length;
      int b = (seed + i * 7 + 3) % WORDS.length;
      out.add(WORDS[a] + " " + WORDS[b] + " ");
    }
    return out;
  }

  /** One slow-stream text fragment. */
  static String word(int i) {
    return WORDS[i % WORDS.length] + " ";
  }

  private static String[] array(List<String> list) {
    return list.toArray(String[]::new);
  }

  List<Scenario> scenarios() {
    return scenarios;
  }

  /** cl100k tokens of one reply, averaged over the mix. */
  double meanTokens() {
    return meanTokens;
  }
}
