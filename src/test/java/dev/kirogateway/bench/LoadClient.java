package dev.kirogateway.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kirogateway.eventstream.EventStreamDecoder;
import dev.kirogateway.eventstream.Message;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.client.BytesRequestContent;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.InputStreamResponseListener;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The load generator's client: one blocking streaming request per call, run on a virtual thread.
 * Every API is read the way a real client reads it, each event's JSON parsed: event-stream frames
 * for the direct baseline (decoded with the project's decoder), SSE lines for the gateway.
 * Time to first token is taken when the first event carrying model output arrives.
 */
final class LoadClient implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final java.util.regex.Pattern OPEN_TAG =
      java.util.regex.Pattern.compile("\\s*<(thinking|think|reasoning|thought)>");

  /** Who is called and how. */
  enum Api {
    DIRECT,
    OPENAI,
    ANTHROPIC;

    String label() {
      return switch (this) {
        case DIRECT -> "direct (baseline)";
        case OPENAI -> "gateway OpenAI";
        case ANTHROPIC -> "gateway Anthropic";
      };
    }
  }

  /** One request: times in nanoseconds from the send; {@code error} null when it was good. */
  record Sample(long startNanos, long ttftNanos, long endNanos, int deltas, String error) {
    long ttft() {
      return ttftNanos - startNanos;
    }

    long e2e() {
      return endNanos - startNanos;
    }
  }

  private final HttpClient http;
  private final Requests requests;

  LoadClient(Requests requests) {
    this.requests = requests;
    http = new HttpClient();
    QueuedThreadPool pool = new QueuedThreadPool(16, 2);
    pool.setName("load-client");
    pool.setDaemon(true);
    http.setExecutor(pool);
    http.setMaxConnectionsPerDestination(20_000);
    http.setMaxRequestsQueuedPerDestination(20_000);
    http.setIdleTimeout(TimeUnit.MINUTES.toMillis(5));
    http.setConnectTimeout(TimeUnit.SECONDS.toMillis(30));
    try {
      http.start();
    } catch (Exception e) {
      throw new IllegalStateException("cannot start the load client", e);
    }
    http.getContentDecoderFactories().clear();
  }

  /** Sends one streaming request to {@code base} and reads it to the end. */
  Sample call(Api api, URI base) {
    long start = System.nanoTime();
    Reader reader = new Reader(start);
    try {
      Request request = request(api, base);
      InputStreamResponseListener listener = new InputStreamResponseListener();
      request.send(listener);
      Response response = listener.get(120, TimeUnit.SECONDS);
      try (InputStream in = listener.getInputStream()) {
        if (response.getStatus() != 200) {
          String body = new String(in.readNBytes(300), StandardCharsets.UTF_8);
          return reader.fail("HTTP " + response.getStatus() + ": " + body);
        }
        switch (api) {
          case DIRECT -> reader.eventStream(in);
          case OPENAI -> reader.openAi(in);
          case ANTHROPIC -> reader.anthropic(in);
        }
      }
      return reader.done();
    } catch (Exception e) {
      return reader.fail(e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }

  private Request request(Api api, URI base) {
    Request r = http.newRequest(base.resolve(requests.path(api))).method(HttpMethod.POST);
    r.timeout(10, TimeUnit.MINUTES).idleTimeout(2, TimeUnit.MINUTES);
    r.headers(h -> requests.headers(api).forEach(h::put));
    return r.body(new BytesRequestContent(requests.contentType(api), requests.body(api)));
  }

  /** Reads one reply, counting output-carrying events and noting the first. */
  private static final class Reader {
    private final long start;
    private long firstToken;
    private int deltas;
    private boolean complete;
    private String error;

    Reader(long start) {
      this.start = start;
    }

    private void token() {
      if (deltas++ == 0) {
        firstToken = System.nanoTime();
      }
    }

    Sample fail(String why) {
      return new Sample(start, firstToken == 0 ? start : firstToken, System.nanoTime(), deltas, why);
    }

    Sample done() {
      long end = System.nanoTime();
      if (error == null && !complete) {
        error = "stream ended without its terminal event";
      } else if (error == null && deltas == 0) {
        error = "no output events";
      }
      return new Sample(start, firstToken == 0 ? end : firstToken, end, deltas, error);
    }

    void eventStream(InputStream in) throws IOException {
      EventStreamDecoder decoder = new EventStreamDecoder();
      byte[] buf = new byte[16384];
      int n;
      while ((n = in.read(buf)) >= 0) {
        decoder.feed(buf, 0, n, this::frame);
      }
    }

    private void frame(Message m) {
      String type = m.stringHeader(":event-type").orElse("");
      if (m.stringHeader(":message-type").filter(t -> !t.equals("event")).isPresent()) {
        error = "upstream exception frame " + m.stringHeader(":exception-type").orElse("?");
        return;
      }
      switch (type) {
        case "assistantResponseEvent", "reasoningContentEvent", "toolUseEvent" -> {
          JsonNode p = parse(m.payloadUtf8());
          String text =
              p.path("content").asText(p.path("text").asText(p.path("input").asText("")));
          // a bare opening thinking tag is markup, not output: the gateway sends nothing for it
          boolean tagOnly = deltas == 0 && OPEN_TAG.matcher(text).matches();
          if ((!text.isEmpty() || p.has("name")) && !tagOnly) {
            token();
          }
        }
        case "meteringEvent", "contextUsageEvent" -> {
          parse(m.payloadUtf8());
          complete = true;
        }
        default -> {}
      }
    }

    void openAi(InputStream in) throws IOException {
      BufferedReader lines =
          new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 16384);
      String line;
      while ((line = lines.readLine()) != null) {
        if (!line.startsWith("data: ")) {
          continue;
        }
        String data = line.substring(6);
        if (data.equals("[DONE]")) {
          complete = true;
          continue;
        }
        JsonNode chunk = parse(data);
        if (chunk.has("error")) {
          error = "in-band error " + chunk.path("error").path("message").asText();
          continue;
        }
        JsonNode delta = chunk.path("choices").path(0).path("delta");
        if (!delta.path("content").asText("").isEmpty()
            || !delta.path("reasoning_content").asText("").isEmpty()
            || delta.has("tool_calls")) {
          token();
        }
      }
    }

    void anthropic(InputStream in) throws IOException {
      BufferedReader lines =
          new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 16384);
      String line;
      String event = "";
      while ((line = lines.readLine()) != null) {
        if (line.startsWith("event: ")) {
          event = line.substring(7);
        } else if (line.startsWith("data: ")) {
          parse(line.substring(6));
          switch (event) {
            case "content_block_delta" -> token();
            case "message_stop" -> complete = true;
            case "error" -> error = "in-band error event: " + line;
            default -> {}
          }
        }
      }
    }

    private static JsonNode parse(String json) {
      try {
        return JSON.readTree(json);
      } catch (IOException e) {
        throw new IllegalStateException("bad JSON in the stream: " + json, e);
      }
    }
  }

  @Override
  public void close() {
    try {
      http.stop();
    } catch (Exception e) {
      // stopping anyway
    }
  }
}
