package dev.kirogateway.http;

import dev.kirogateway.chat.ChatException;
import dev.kirogateway.chat.ErrorKind;
import dev.kirogateway.debug.Capture;
import dev.kirogateway.sse.ErrorBody;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** One HTTP exchange as the route handlers see it: bounded body reading and native responses. */
final class Exchange {
  private static final String JSON = "application/json";

  final Request request;
  final Response response;
  final Callback callback;
  final String requestId;
  final Capture capture;
  private boolean done;
  private boolean bodyRead;
  private volatile boolean clientGone;

  Exchange(
      Request request, Response response, Callback callback, String requestId, Capture capture) {
    this.request = request;
    this.response = response;
    this.callback = callback;
    this.requestId = requestId;
    this.capture = capture;
  }

  String header(String name) {
    return request.getHeaders().get(name);
  }

  /** Reads the whole body, refusing more than {@code limit} bytes with a 413. */
  byte[] body(long limit) {
    long declared = request.getLength();
    if (declared > limit) {
      throw tooLarge(limit);
    }
    try (InputStream in = Content.Source.asInputStream(request)) {
      ByteArrayOutputStream out = new ByteArrayOutputStream(declared > 0 ? (int) declared : 8192);
      byte[] buf = new byte[16384];
      int n;
      while ((n = in.read(buf)) >= 0) {
        out.write(buf, 0, n);
        if (out.size() > limit) {
          throw tooLarge(limit);
        }
      }
      byte[] body = out.toByteArray();
      bodyRead = true;
      capture.clientRequest(
          request.getMethod(), Request.getPathInContext(request), headers(), body);
      return body;
    } catch (IOException e) {
      throw new ChatException(
          ErrorKind.INVALID_REQUEST, "Could not read the request body: the client stopped sending it.");
    }
  }

  private Map<String, String> headers() {
    Map<String, String> out = new LinkedHashMap<>();
    request.getHeaders().forEach(f -> out.put(f.getName(), f.getValue()));
    return out;
  }

  private static ChatException tooLarge(long limit) {
    return new ChatException(
        ErrorKind.REQUEST_TOO_LARGE,
        "Request body is larger than the gateway's limit of " + limit
            + " bytes (MAX_REQUEST_BODY_BYTES).");
  }

  void json(int status, byte[] body) {
    send(status, JSON, body, Map.of());
  }

  void error(ErrorBody error) {
    send(error.status(), JSON, error.json(), error.headers());
  }

  void send(int status, String contentType, byte[] body, Map<String, String> headers) {
    if (done) {
      return;
    }
    done = true;
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
    if (!bodyRead && request.getLength() != 0) {
      // Jetty closes a connection whose request body was left unread (e.g. a 401 answered before
      // reading); saying so lets keep-alive clients open a new one instead of failing their next
      // request on a closed socket
      response.getHeaders().put(HttpHeader.CONNECTION, "close");
    }
    headers.forEach(response.getHeaders()::put);
    capture.clientBytes(body);
    response.write(true, ByteBuffer.wrap(body), callback);
  }

  boolean isDone() {
    return done;
  }

  /** Records that the client disconnected; set from a selector thread. */
  void markClientGone() {
    clientGone = true;
  }

  boolean clientGone() {
    return clientGone;
  }

  /** Marks the exchange as answered by a stream that completed the callback itself. */
  void markDone() {
    done = true;
  }
}
