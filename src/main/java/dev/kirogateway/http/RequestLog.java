package dev.kirogateway.http;

import dev.kirogateway.chat.ChatEvent;
import dev.kirogateway.chat.ReplySink;
import dev.kirogateway.metrics.RequestSummary;
import java.time.Instant;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Collects what one request did and logs it as one readable line at the end. Wraps the reply sink
 * to see time to first token and usage without the dialects knowing. The dashboard reads the
 * live fields of requests still in flight.
 */
final class RequestLog {
  private static final Logger LOG = LoggerFactory.getLogger("kiro-gateway.requests");

  private final String requestId;
  private final String method;
  private final String path;
  private final Instant startedAt;
  private final long startNanos = System.nanoTime();
  private volatile long firstTokenNanos;
  private volatile String model = "-";
  private volatile boolean stream;
  private volatile int inputTokens = -1;
  private volatile int outputTokens = -1;
  private volatile OptionalDouble credits = OptionalDouble.empty();
  private volatile String outcome = "";

  RequestLog(String requestId, String method, String path, Instant startedAt) {
    this.requestId = requestId;
    this.method = method;
    this.path = path;
    this.startedAt = startedAt;
  }

  String requestId() {
    return requestId;
  }

  long startNanos() {
    return startNanos;
  }

  Instant startedAt() {
    return startedAt;
  }

  String api() {
    return api(path);
  }

  static String api(String path) {
    if (path.startsWith("/v1/messages")) {
      return "anthropic";
    }
    return path.startsWith("/v1/chat/completions") ? "openai" : "other";
  }

  String model() {
    return model;
  }

  boolean stream() {
    return stream;
  }

  /** Milliseconds since the request arrived. */
  long ageMillis() {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }

  OptionalLong ttftMillis() {
    long first = firstTokenNanos;
    return first == 0 ? OptionalLong.empty() : OptionalLong.of((first - startNanos) / 1_000_000);
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
          credits = f.usage().credits();
        }
        default -> {}
      }
      sink.accept(event);
    };
  }

  /** The summary at status {@code status}; logs the request line when {@code logLine}. */
  RequestSummary finish(int status, boolean logLine) {
    long durationNanos = System.nanoTime() - startNanos;
    RequestSummary summary =
        new RequestSummary(
            requestId, method, path, api(), model, stream, status, startedAt, ttftMillis(),
            durationNanos / 1_000_000, inputTokens, outputTokens, credits, outcome);
    if (logLine) {
      log(summary, durationNanos);
    }
    return summary;
  }

  private void log(RequestSummary s, long durationNanos) {
    StringBuilder line = new StringBuilder(160);
    line.append(method).append(' ').append(path).append(' ').append(s.status());
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
    line.append(" time=").append(ms(durationNanos)).append(" id=").append(requestId);
    if (!outcome.isEmpty()) {
      line.append(" ").append(outcome);
    }
    if (s.status() >= 500) {
      LOG.warn("{}", line);
    } else {
      LOG.info("{}", line);
    }
  }

  private static String ms(long nanos) {
    return String.format(Locale.ROOT, "%.0fms", nanos / 1e6);
  }
}
