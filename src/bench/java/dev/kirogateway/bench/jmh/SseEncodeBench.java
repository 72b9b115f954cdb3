package dev.kirogateway.bench.jmh;

import dev.kirogateway.anthropic.AnthropicStreamWriter;
import dev.kirogateway.chat.ReplySink;
import dev.kirogateway.kiro.KiroReplyDecoder;
import dev.kirogateway.kiro.ReplyOptions;
import dev.kirogateway.kiro.ReplySettings;
import dev.kirogateway.kiro.TokenCounter;
import dev.kirogateway.openai.OpenAiStreamWriter;
import dev.kirogateway.sse.ByteArraySseSink;
import dev.kirogateway.sse.SseFormat;
import dev.kirogateway.sse.SseSink;
import java.util.Map;
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
 * The whole per-reply hot path of a streaming request: {@link KiroReplyDecoder} (frames, JSON
 * payloads, thinking split, output-token count) feeding {@link OpenAiStreamWriter} or {@link
 * AnthropicStreamWriter}, into a {@link ByteArraySseSink} ({@code sink=bytes}, as the issue asks)
 * or into a sink that only encodes each event with {@link SseFormat} and drops it ({@code
 * sink=encode}, what the Jetty sink does before its write). One op = one 60-frame reply.
 *
 * <pre>
 * ./mvnw -B -ntp -Pbench verify -Dbench.skipLoad -Dbench.jmh='SseEncodeBench -f 1 -prof gc'
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class SseEncodeBench {
  @Param({"openai", "anthropic"})
  String api;

  @Param({"bytes", "encode"})
  String sink;

  private byte[] body;
  private final TokenCounter counter = new TokenCounter();
  private final byte[] key = new byte[32];

  @Setup
  public void setUp() {
    body = Replies.textReply();
    counter.count("load the encoding outside the measurement");
  }

  @Benchmark
  public long reply() {
    SseSink out = sink.equals("bytes") ? new ByteArraySseSink() : new EncodeOnly();
    ReplySink writer =
        api.equals("openai")
            ? new OpenAiStreamWriter(out, "claude-sonnet-4.5", "chatcmpl-bench", 1_760_000_000L, false)
            : new AnthropicStreamWriter(out, "claude-sonnet-4.5", "msg_bench");
    ReplyOptions options =
        ReplyOptions.of(ReplySettings.defaults(), true, Map.of(), 120, counter::count, key);
    KiroReplyDecoder decoder = new KiroReplyDecoder(options, writer);
    decoder.feed(body, 0, body.length);
    decoder.finish();
    return out instanceof ByteArraySseSink b ? b.toByteArray().length : ((EncodeOnly) out).bytes;
  }

  /** Encodes like the Jetty sink does, then forgets the bytes. */
  static final class EncodeOnly implements SseSink {
    long bytes;

    @Override
    public void event(String eventName, String data) {
      bytes += SseFormat.event(eventName, data).length;
    }

    @Override
    public void comment(String text) {
      bytes += SseFormat.comment(text).length;
    }

    @Override
    public boolean committed() {
      return bytes > 0;
    }
  }
}
