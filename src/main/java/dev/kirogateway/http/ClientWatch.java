package dev.kirogateway.http;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import org.eclipse.jetty.io.AbstractEndPoint;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.SocketChannelEndPoint;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Invocable;

/**
 * Notices a client hanging up while its handler is blocked waiting for Kiro. Jetty core only
 * finds a dead HTTP/1.1 client when it writes to it, and a reply can be silent for minutes (first
 * token, long thinking), during which the upstream call would keep running for nobody. So once
 * the request body has been read, this asks the selector to report the connection readable: a
 * readable socket with no bytes waiting is the client's FIN (or a reset). Bytes waiting mean a
 * pipelined request, which is left for Jetty to read and the watch ends.
 *
 * <p>Must be {@link #close closed} before the response completes, so Jetty can register its own
 * read interest for the next request on the connection.
 */
final class ClientWatch implements AutoCloseable {
  private static final ClientWatch NONE = new ClientWatch(null, () -> {});

  private final AbstractEndPoint endPoint;
  private final Runnable onGone;
  private Callback readable;
  private boolean done; // guarded by this
  private volatile boolean gone;

  private ClientWatch(AbstractEndPoint endPoint, Runnable onGone) {
    this.endPoint = endPoint;
    this.onGone = onGone;
  }

  /** Starts watching; {@code onGone} runs (on a selector thread, so briefly) if the client leaves. */
  static ClientWatch start(Request request, Runnable onGone) {
    EndPoint ep = request.getConnectionMetaData().getConnection().getEndPoint();
    if (!(ep instanceof SocketChannelEndPoint socket)) {
      return NONE;
    }
    ClientWatch watch = new ClientWatch(socket, onGone);
    watch.readable =
        Callback.from(Invocable.InvocationType.NON_BLOCKING, watch::onReadable, watch::onFailed);
    return socket.tryFillInterested(watch.readable) ? watch : NONE;
  }

  /** True once the client is known to have disconnected. */
  boolean gone() {
    return gone;
  }

  private void onReadable() {
    synchronized (this) {
      if (done) {
        return;
      }
      switch (probe()) {
        case OPEN -> {
          // a wake-up left over from reading the body: keep watching
          if (!endPoint.tryFillInterested(readable)) {
            done = true;
          }
          return;
        }
        case DATA -> {
          done = true;
          return;
        }
        case CLOSED -> done = true;
      }
    }
    markGone();
  }

  private enum Probe { OPEN, DATA, CLOSED }

  /**
   * Readable does not prove much (the selector can report readiness that reading the body already
   * used up), so look: bytes waiting are a pipelined request and stay for Jetty; otherwise a
   * one-byte read tells end-of-stream (or a reset) from nothing to read yet.
   */
  private Probe probe() {
    SocketChannel channel = ((SocketChannelEndPoint) endPoint).getChannel();
    try {
      if (channel.socket().getInputStream().available() > 0) {
        return Probe.DATA;
      }
      int n = channel.read(ByteBuffer.allocate(1));
      // n == 1 means a byte arrived between the two calls; it is lost, which only a client
      // pipelining a request behind a still-running one could notice
      return n < 0 ? Probe.CLOSED : n == 0 ? Probe.OPEN : Probe.DATA;
    } catch (IOException | RuntimeException e) {
      return Probe.CLOSED; // a reset shows up here
    }
  }

  private void onFailed(Throwable cause) {
    synchronized (this) {
      // our own close() fails the interest too, with done already set
      if (done) {
        return;
      }
      done = true;
    }
    markGone();
  }

  private void markGone() {
    gone = true;
    onGone.run();
  }

  /** Withdraws the read interest if it is still ours. */
  @Override
  public synchronized void close() {
    if (endPoint != null && !done) {
      done = true;
      endPoint.getFillInterest().onFail(new IOException("client watch ended"));
    }
  }
}
