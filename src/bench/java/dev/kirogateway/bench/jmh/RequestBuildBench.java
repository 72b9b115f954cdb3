package dev.kirogateway.bench.jmh;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kirogateway.chat.ChatRequest;
import dev.kirogateway.chat.ContentBlock;
import dev.kirogateway.chat.Message;
import dev.kirogateway.chat.Reasoning;
import dev.kirogateway.chat.Role;
import dev.kirogateway.chat.ToolSpec;
import dev.kirogateway.kiro.KiroRequestBuilder;
import dev.kirogateway.kiro.RequestSettings;
import dev.kirogateway.kiro.TokenCounter;
import dev.kirogateway.model.ModelResolver;
import dev.kirogateway.model.ModelSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Request conversion: {@link KiroRequestBuilder#build} from the canonical request to the Kiro
 * body bytes (repairs, tool plan, serialisation, the input-token estimate). {@code turns} is the
 * number of user/assistant exchanges in the history, one of them a tool call with its result.
 *
 * <pre>
 * ./mvnw -B -ntp -Pbench verify -Dbench.skipLoad -Dbench.jmh='RequestBuildBench -f 1 -prof gc'
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class RequestBuildBench {
  @Param({"1", "20"})
  int turns;

  private KiroRequestBuilder builder;
  private ChatRequest request;
  private final Optional<String> arn =
      Optional.of("arn:aws:codewhisperer:us-east-1:123456789012:profile/BENCH");

  @Setup
  public void setUp() throws Exception {
    UUID id = UUID.fromString("0f8b7a52-3c1e-4d9a-9b6e-2a41c7d5e013");
    builder =
        new KiroRequestBuilder(
            RequestSettings.defaults(), ModelResolver.from(ModelSettings.defaults()), new TokenCounter(), () -> id);
    JsonNode schema =
        new ObjectMapper()
            .readTree("{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}},\"required\":[\"city\"]}");
    List<Message> messages = new ArrayList<>();
    String paragraph =
        "Explain how a streaming gateway keeps its added latency low while it converts every"
            + " upstream frame into a server-sent event for the client, and what it allocates. ";
    for (int i = 1; i < turns; i++) {
      messages.add(Message.text(Role.USER, paragraph.repeat(3) + i));
      if (i == 1) {
        messages.add(new Message(Role.ASSISTANT, List.of(
            new ContentBlock.Text("Let me check the weather first."),
            new ContentBlock.ToolUse("toolu_01", "get_weather", new ObjectMapper().readTree("{\"city\":\"Paris\"}")))));
        messages.add(new Message(Role.USER, List.of(
            new ContentBlock.ToolResult("toolu_01", List.of(new ContentBlock.Text("Sunny, 21 °C")), false))));
        messages.add(Message.text(Role.ASSISTANT, "It is sunny in Paris."));
      } else {
        messages.add(Message.text(Role.ASSISTANT, paragraph.repeat(4)));
      }
    }
    messages.add(Message.text(Role.USER, "Now summarise all of this in two short paragraphs."));
    request =
        new ChatRequest(
            "claude-sonnet-4.5",
            "You are a concise assistant. Answer in plain English.",
            messages,
            List.of(
                new ToolSpec("get_weather", "Current weather for a city", schema),
                new ToolSpec("search_docs", "Search the project documentation", schema)),
            new Reasoning.Default());
    builder.build(request, arn); // loads the token encoding outside the measurement
  }

  @Benchmark
  public byte[] build() {
    return builder.build(request, arn).body();
  }
}
