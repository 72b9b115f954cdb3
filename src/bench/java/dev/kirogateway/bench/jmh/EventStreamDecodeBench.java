package dev.kirogateway.bench.jmh;

import dev.kirogateway.eventstream.EventStreamDecoder;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Decoding one Kiro reply (63 frames, 60 of them text) with {@link EventStreamDecoder}, fed in
 * network reads of {@code readSize} bytes. Divide by 63 for a per-frame figure.
 *
 * <pre>
 * ./mvnw -B -ntp -Pbench verify -Dbench.skipLoad -Dbench.jmh='EventStreamDecodeBench -f 1 -prof gc'
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class EventStreamDecodeBench {
  @Param({"16384", "64"})
  int readSize;

  private byte[] body;

  @Setup
  public void setUp() {
    body = Replies.textReply();
  }

  @Benchmark
  public long decodeReply(Blackhole bh) {
    EventStreamDecoder decoder = new EventStreamDecoder();
    for (int off = 0; off < body.length; off += readSize) {
      decoder.feed(body, off, Math.min(readSize, body.length - off), bh::consume);
    }
    return decoder.bytesDecoded();
  }
}
