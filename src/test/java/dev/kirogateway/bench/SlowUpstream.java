package dev.kirogateway.bench;

import dev.kirogateway.eventstream.EventStreamEncoder;
import dev.kirogateway.eventstream.Message;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * A Kiro-shaped upstream for thousands of slow streams: one text frame per interval, written
 * asynchronously from one timer thread, then the metering and context-usage frames. The
 * simulator is not used here because its pauses poll the client every 10 ms on a thread per
 * stream, which at 5,000 streams is 500,000 wake-ups a second on the same 2 cores.
 */
final class SlowUpstream implements AutoCloseable {
  private final Server server;
  private final ServerConnector connector;
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          r -> Thread.ofPlatform().daemon().name("slow-upstream").unstarted(r));
  private final int frames;
  private final Duration interval;

  SlowUpstream(int frames, Duration interval) {
    this.frames = frames;
    this.interval = interval;
    QueuedThreadPool pool = new QueuedThreadPool(16, 2);
    pool.setName("slow-upstream-io");
    server = new Server(pool);
    connector = new ServerConnector(server, 1, 1);
    connector.setHost("127.0.0.1");
    connector.setAcceptQueueSize(8192);
    connector.setIdleTimeout(Duration.ofMinutes(5).toMillis());
    server.addConnector(connector);
    server.setHandler(new Stream());
  }

  static SlowUpstream start(int frames, Duration interval) {
    SlowUpstream s = new SlowUpstream(frames, interval);
    try {
      s.server.start();
    } catch (Exception e) {
      throw new IllegalStateException("cannot start the slow upstream", e);
    }
    return s;
  }

  URI baseUrl() {
    return URI.create("http://127.0.0.1:" + connector.getLocalPort());
  }

  private final class Stream extends Handler.Abstract.NonBlocking {
    @Override
    public boolean handle(Request request, Response response, Callback callback) {
      // the body is read and dropped; only the pacing matters here
      Content.Source.consumeAll(request, Callback.NOOP);
      response.setStatus(200);
      response.getHeaders().put("Content-Type", "application/vnd.amazon.eventstream");
      write(response, callback, 0, frame(Message.event("initial-response", "{}")));
      return true;
    }
  }

  /** Writes {@code bytes}, then schedules frame {@code next} one interval later. */
  private void write(Response response, Callback done, int next, byte[] bytes) {
    boolean last = next > frames + 1;
    response.write(
        last,
        ByteBuffer.wrap(bytes),
        Callback.from(
            () -> {
              if (last) {
                done.succeeded();
              } else {
                timer.schedule(
                    () -> write(response, done, next + 1, frameAt(next)),
                    next >= frames ? 0 : interval.toNanos(),
                    TimeUnit.NANOSECONDS);
              }
            },
            done::failed));
  }

  private byte[] frameAt(int i) {
    if (i < frames) {
      String json = "{\"content\":\"" + ReplyMix.word(i) + "\"}";
      return frame(Message.event("assistantResponseEvent", json));
    }
    if (i == frames) {
      return frame(Message.event("meteringEvent", "{\"unit\":\"credit\",\"usage\":0.01}"));
    }
    return frame(Message.event("contextUsageEvent", "{\"contextUsagePercentage\":1.5}"));
  }

  private static byte[] frame(Message m) {
    return EventStreamEncoder.encode(m);
  }

  @Override
  public void close() {
    try {
      server.stop();
    } catch (Exception e) {
      // stopping anyway
    }
    timer.shutdownNow();
  }
}
