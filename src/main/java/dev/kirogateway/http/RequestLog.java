package dev.kirogateway.http;

import dev.kirogateway.chat.ChatEvent;
import dev.kirogateway.chat.ReplySink;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Collects what one request did and logs it as one readable line at the end. Wraps the reply sink
 * to see time to first token and usage without the dialects knowing.
 */
final class RequestLog {
  private static final Logger LOG = LoggerFactory.getLogger("kiro-gateway.requests");

  private final String requestId;
  private final String method;
  private final String path;
  private final long startNanos = System.nanoTime();
  private volatile long firstTokenNanos;
  private volatile String model = "-";
  private volatile boolean stream;
  private volatile int inputTokens = -1;
  private volatile int outputTokens = -1;
  private volatile String outcome = "";

  RequestLog(String requestId, String method, String path) {
    this.requestId = requestId;
    this.method = method;
    this.path = path;
  }

  void model(String model, boolean stream) {
    this.model = model;
    this.stream = stream;
  }

  void outcome(String outcome) {
    this.outcome = outcome;
  }

  ReplySink watch(ReplySink sink) {
    return event -> {
      switch (event) {
        case ChatEvent.Start s -> {
          firstTokenNanos = System.nanoTime();
          inputTokens = s.inputTokens();
        }
        case ChatEvent.Finish f -> {
          inputTokens = f.usage().inputTokens();
          outputTokens = f.usage().outputTokens();
        }
        default -> {}
      }
      sink.accept(event);
    };
  }

  void finish(int status) {
    long now = System.nanoTime();
    StringBuilder line = new StringBuilder(160);
    line.append(method).append(' ').append(path).append(' ').append(status);
    if (!"-".equals(model)) {
      line.append(" model=").append(model).append(stream ? " stream" : "");
    }
    if (firstTokenNanos != 0) {
      line.append(" ttft=").append(ms(firstTokenNanos - startNanos));
    }
    if (inputTokens >= 0) {
      line.append(" in=").append(inputTokens);
    }
    if (outputTokens >= 0) {
      line.append(" out=").append(outputTokens);
    }
    line.append(" time=").append(ms(now - startNanos)).append(" id=").append(requestId);
    if (!outcome.isEmpty()) {
      line.append(" ").append(outcome);
    }
    if (status >= 500) {
      LOG.warn("{}", line);
    } else {
      LOG.info("{}", line);
    }
  }

  private static String ms(long nanos) {
    return String.format(Locale.ROOT, "%.0fms", nanos / 1e6);
  }
}
