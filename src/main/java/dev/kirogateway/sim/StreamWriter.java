package dev.kirogateway.sim;

import dev.kirogateway.eventstream.EventStreamEncoder;
import dev.kirogateway.sim.SimulatorOptions.Chunking;
import dev.kirogateway.sim.SimulatorOptions.Latency;
import java.io.EOFException;
import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.SocketChannelEndPoint;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Blocker;
import org.eclipse.jetty.util.BufferUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plays a {@link Script}'s stream steps onto a committed Jetty response: every piece is written and
 * flushed at once, cut per the {@link Chunking} mode, with the latency model's pauses. Blocking;
 * runs on the request's virtual thread.
 */
final class StreamWriter {
  /** The client went away while we were writing or waiting. */
  static final class ClientGone extends IOException {
    ClientGone(Throwable cause) {
      super("client disconnected", cause);
    }
  }

  private static final Logger LOG = LoggerFactory.getLogger(StreamWriter.class);
  private static final Duration SLICE = Duration.ofMillis(10);

  private final Request request;
  private final Response response;
  private final Latency latency;
  private final Chunking chunking;
  private final Random random;
  private volatile Throwable failure;

  StreamWriter(
      Request request, Response response, Latency latency, Chunking chunking, Random random) {
    this.request = request;
    this.response = response;
    this.latency = latency;
    this.chunking = chunking;
    this.random = random;
    // Jetty reports some connection failures here; a pause checks it so a stall notices the
    // client leaving without waiting for the next write.
    request.addFailureListener(t -> failure = t);
  }

  /** Commits the headers, then plays the steps; false when the script ended with a reset. */
  boolean play(List<Script.Step> steps) throws IOException {
    write(new byte[0]);
    pause(latency.firstByte());
    boolean first = true;
    for (Script.Step step : steps) {
      switch (step) {
        case Script.Frame f -> {
          if (!first) {
            pause(latency.frameDelay(f.message().payloadLength()));
          }
          write(EventStreamEncoder.encode(f.message()));
          first = false;
        }
        case Script.RawBytes r -> write(r.bytes());
        case Script.Pause p -> pause(p.duration());
        case Script.Reset r -> {
          reset();
          return false;
        }
      }
    }
    return true;
  }

  /** Cuts of {@code length} bytes per the chunking mode (pure; exposed for tests). */
  static List<Integer> cuts(int length, Chunking chunking, Random random) {
    List<Integer> sizes = new ArrayList<>();
    int left = length;
    while (left > 0) {
      int size =
          switch (chunking) {
            case WHOLE_FRAMES -> left;
            case ONE_BYTE -> 1;
            case RANDOM_SPLITS -> 1 + random.nextInt(Math.max(1, Math.min(left, 40)));
          };
      sizes.add(size);
      left -= size;
    }
    return sizes;
  }

  private void write(byte[] bytes) throws IOException {
    if (bytes.length == 0) {
      writePiece(ByteBuffer.allocate(0));
      return;
    }
    int offset = 0;
    for (int size : cuts(bytes.length, chunking, random)) {
      writePiece(ByteBuffer.wrap(Arrays.copyOfRange(bytes, offset, offset + size)));
      offset += size;
    }
  }

  private void writePiece(ByteBuffer piece) throws IOException {
    checkClient();
    try (Blocker.Callback cb = Blocker.callback()) {
      response.write(false, piece, cb);
      cb.block();
    } catch (IOException | RuntimeException e) {
      throw new ClientGone(e);
    }
  }

  /** Sleeps in short slices so a disconnect reported meanwhile ends the stream promptly. */
  void pause(Duration d) throws IOException {
    long deadline = System.nanoTime() + d.toNanos();
    long left;
    while ((left = deadline - System.nanoTime()) > 0) {
      checkClient();
      probeClient();
      try {
        Thread.sleep(Duration.ofNanos(Math.min(left, SLICE.toNanos())));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ClientGone(e);
      }
    }
  }

  private void checkClient() throws ClientGone {
    Throwable f = failure;
    if (f != null) {
      throw new ClientGone(f);
    }
  }

  /**
   * Jetty does not read an HTTP/1.1 connection while a response is in progress, so a client that
   * closes during a pause would only be noticed at the next write. A non-blocking fill sees the FIN
   * (-1) or RST (exception) at once. Clients never send bytes mid-response (no pipelining here), so
   * nothing is lost.
   */
  private void probeClient() throws ClientGone {
    EndPoint endPoint = request.getConnectionMetaData().getConnection().getEndPoint();
    try {
      if (endPoint.fill(BufferUtil.allocate(1)) < 0) {
        throw new ClientGone(new EOFException("client closed the connection"));
      }
    } catch (ClientGone e) {
      throw e;
    } catch (IOException e) {
      throw new ClientGone(e);
    }
  }

  /** SO_LINGER 0 then close: the kernel sends RST instead of FIN. */
  private void reset() {
    EndPoint endPoint = request.getConnectionMetaData().getConnection().getEndPoint();
    if (endPoint instanceof SocketChannelEndPoint socket) {
      try {
        socket.getChannel().setOption(StandardSocketOptions.SO_LINGER, 0);
      } catch (IOException e) {
        LOG.debug("cannot set SO_LINGER before a scripted reset", e);
      }
    }
    endPoint.close();
  }
}
