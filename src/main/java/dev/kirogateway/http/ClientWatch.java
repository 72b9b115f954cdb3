package dev.kirogateway.http;

import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.util.concurrent.atomic.AtomicBoolean;
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
  private final AtomicBoolean settled = new AtomicBoolean();
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
    Callback readable =
        Callback.from(Invocable.InvocationType.NON_BLOCKING, watch::onReadable, watch::onFailed);
    return socket.tryFillInterested(readable) ? watch : NONE;
  }

  /** True once the client is known to have disconnected. */
  boolean gone() {
    return gone;
  }

  private void onReadable() {
    if (!settled.compareAndSet(false, true)) {
      return;
    }
    SocketChannel channel = ((SocketChannelEndPoint) endPoint).getChannel();
    boolean closed;
    try {
      closed = channel.socket().getInputStream().available() == 0;
    } catch (IOException | RuntimeException e) {
      closed = true; // a reset shows up here
    }
    if (closed) {
      markGone();
    }
  }

  private void onFailed(Throwable cause) {
    // our own close() fails the interest too; only Jetty closing the endpoint means "gone"
    if (settled.compareAndSet(false, true)) {
      markGone();
    }
  }

  private void markGone() {
    gone = true;
    onGone.run();
  }

  /** Withdraws the read interest if it is still ours. */
  @Override
  public void close() {
    if (endPoint != null && settled.compareAndSet(false, true)) {
      endPoint.getFillInterest().onFail(new IOException("client watch ended"));
    }
  }
}
