package dev.kirogateway.bench.jmh;

import dev.kirogateway.kiro.TokenCounter;
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
 * {@link TokenCounter#count} (cl100k_base) on English prose of {@code chars} characters: the
 * output count of one reply (~700 chars) and a long prompt (~20,000).
 *
 * <pre>
 * ./mvnw -B -ntp -Pbench verify -Dbench.skipLoad -Dbench.jmh='TokenCountBench -f 1 -prof gc'
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class TokenCountBench {
  @Param({"700", "20000"})
  int chars;

  private final TokenCounter counter = new TokenCounter();
  private String text;

  @Setup
  public void setUp() {
    String prose =
        "The gateway reads each upstream frame, turns it into a server-sent event and flushes it"
            + " to the client at once; nothing is buffered longer than one frame. ";
    text = prose.repeat(chars / prose.length() + 1).substring(0, chars);
    counter.count(text);
  }

  @Benchmark
  public int count() {
    return counter.count(text);
  }
}
