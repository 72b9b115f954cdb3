package dev.kirogateway.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kirogateway.anthropic.AnthropicCall;
import dev.kirogateway.anthropic.AnthropicIds;
import dev.kirogateway.anthropic.AnthropicMessagesParser;
import dev.kirogateway.anthropic.AnthropicRenderer;
import dev.kirogateway.anthropic.AnthropicStreamWriter;
import dev.kirogateway.chat.ChatBackend;
import dev.kirogateway.chat.ChatException;
import dev.kirogateway.chat.ChatRequest;
import dev.kirogateway.chat.ErrorKind;
import dev.kirogateway.chat.ReplyCollector;
import dev.kirogateway.openai.OpenAiChatCall;
import dev.kirogateway.openai.OpenAiChatParser;
import dev.kirogateway.openai.OpenAiIds;
import dev.kirogateway.openai.OpenAiRenderer;
import dev.kirogateway.openai.OpenAiStreamWriter;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Routes every request; runs on a virtual thread per request (blocking handler). */
final class GatewayHandler extends Handler.Abstract {
  private static final Logger LOG = LoggerFactory.getLogger(GatewayHandler.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpSettings settings;
  private final ChatBackend backend;
  private final ApiKeys keys;
  private final Supplier<List<String>> models;
  private final Supplier<Map<String, Object>> health;
  private final Clock clock;
  private final ScheduledExecutorService timer;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final JsonRoutes extraRoutes;
  private final ClientKeys clientKeys;

  GatewayHandler(
      HttpSettings settings,
      ChatBackend backend,
      Supplier<List<String>> models,
      Supplier<Map<String, Object>> health,
      Clock clock,
      ScheduledExecutorService timer,
      JsonRoutes extraRoutes,
      ClientKeys clientKeys) {
    this.extraRoutes = extraRoutes;
    this.clientKeys = clientKeys;
    this.settings = settings;
    this.backend = backend;
    this.keys = new ApiKeys(settings.apiKey());
    this.models = models;
    this.health = health;
    this.clock = clock;
    this.timer = timer;
  }

  int inFlight() {
    return inFlight.get();
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    String requestId = "req_" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
    response.getHeaders().put("x-request-id", requestId);
    String path = Request.getPathInContext(request);
    String method = request.getMethod();
    Exchange ex = new Exchange(request, response, callback, requestId);
    RequestLog log = new RequestLog(requestId, method, path);
    Dialect dialect = Dialect.forPath(path);
    inFlight.incrementAndGet();
    try {
      route(ex, method, path, log);
    } catch (ChatException e) {
      log.outcome(e.kind().name().toLowerCase(java.util.Locale.ROOT));
      if (!ex.isDone()) {
        ex.error(dialect.error(e));
      }
    } catch (RuntimeException e) {
      LOG.error("Unexpected failure handling {} {} (request id {})", method, path, requestId, e);
      if (!ex.isDone()) {
        ex.error(
            dialect.error(
                new ChatException(
                    ErrorKind.INTERNAL,
                    "The gateway failed unexpectedly; its log has the details (request id "
                        + requestId
                        + ").")));
      } else {
        callback.failed(e);
      }
    } finally {
      clientKeys.clear();
      inFlight.decrementAndGet();
      if (!"/health".equals(path)) {
        log.finish(response.getStatus());
      }
    }
    return true;
  }

  private void route(Exchange ex, String method, String path, RequestLog log) {
    switch (path) {
      case "/" -> get(ex, method, () -> ex.json(200, root()));
      case "/health" -> get(ex, method, () -> ex.json(200, write(healthJson())));
      case "/v1/models" -> {
        authenticate(ex);
        get(ex, method, () -> ex.json(200, modelsJson()));
      }
      case "/v1/chat/completions" -> {
        authenticate(ex);
        post(ex, method, () -> openAiChat(ex, log));
      }
      case "/v1/messages" -> {
        authenticate(ex);
        post(ex, method, () -> anthropicMessages(ex, log));
      }
      case "/v1/messages/count_tokens" -> {
        authenticate(ex);
        post(ex, method, () -> countTokens(ex));
      }
      default -> {
        if (extraRoutes.handles(path)) {
          authenticate(ex);
          get(ex, method, () -> ex.json(200, write(extraRoutes.get(path, query(ex)))));
          return;
        }
        throw new ChatException(
              ErrorKind.NOT_FOUND,
              "Unknown route " + method + " " + path
                  + ". This gateway serves /v1/chat/completions, /v1/messages,"
                  + " /v1/messages/count_tokens and /v1/models.");
      }
    }
  }

  private static Map<String, String> query(Exchange ex) {
    Map<String, String> out = new java.util.LinkedHashMap<>();
    Request.extractQueryParameters(ex.request).forEach(f -> out.put(f.getName(), f.getValue()));
    return out;
  }

  private static void get(Exchange ex, String method, Runnable action) {
    if (!"GET".equals(method) && !"HEAD".equals(method)) {
      throw notAllowed(method, "GET");
    }
    action.run();
  }

  private static void post(Exchange ex, String method, Runnable action) {
    if (!"POST".equals(method)) {
      throw notAllowed(method, "POST");
    }
    action.run();
  }

  private static ChatException notAllowed(String method, String allowed) {
    return new ChatException(
        ErrorKind.METHOD_NOT_ALLOWED, "Method " + method + " is not allowed here; use " + allowed + ".");
  }

  private void authenticate(Exchange ex) {
    String offered =
        ApiKeys.offered(ex.header("Authorization"), ex.header("x-api-key")).orElse(null);
    if (offered == null) {
      throw new ChatException(
          ErrorKind.AUTHENTICATION,
          "Missing API key: send the gateway's PROXY_API_KEY as 'Authorization: Bearer KEY' or"
              + " 'x-api-key: KEY'.");
    }
    if (!keys.matches(offered) && !clientKeys.authenticate(offered)) {
      throw new ChatException(
          ErrorKind.AUTHENTICATION,
          "Invalid API key: it does not match the gateway's PROXY_API_KEY.");
    }
  }

  private void openAiChat(Exchange ex, RequestLog log) {
    OpenAiChatCall call = OpenAiChatParser.parse(ex.body(settings.maxBodyBytes()));
    ChatRequest request = call.request();
    log.model(request.model(), call.stream());
    String id = OpenAiIds.completionId();
    long created = clock.instant().getEpochSecond();
    if (!call.stream()) {
      ReplyCollector collector = new ReplyCollector();
      backend.chat(request, log.watch(collector));
      ex.json(200, OpenAiRenderer.completion(collector.reply(), request.model(), id, created));
      return;
    }
    JettySseSink sink = new JettySseSink(ex);
    OpenAiStreamWriter writer =
        new OpenAiStreamWriter(sink, request.model(), id, created, call.includeUsage());
    stream(ex, sink, () -> backend.chat(request, log.watch(writer)), writer::fail, null);
  }

  private void anthropicMessages(Exchange ex, RequestLog log) {
    AnthropicCall call = AnthropicMessagesParser.parse(ex.body(settings.maxBodyBytes()));
    ChatRequest request = call.request();
    log.model(request.model(), call.stream());
    String id = AnthropicIds.messageId();
    if (!call.stream()) {
      ReplyCollector collector = new ReplyCollector();
      backend.chat(request, log.watch(collector));
      ex.json(200, AnthropicRenderer.message(collector.reply(), request.model(), id));
      return;
    }
    JettySseSink sink = new JettySseSink(ex);
    AnthropicStreamWriter writer = new AnthropicStreamWriter(sink, request.model(), id);
    stream(ex, sink, () -> backend.chat(request, log.watch(writer)), writer::fail, writer::ping);
  }

  /**
   * Runs a streaming call. Failures before the first event become a plain error response; after
   * it, the dialect writes its in-band error event. A client that went away ends quietly.
   */
  private void stream(
      Exchange ex,
      JettySseSink sink,
      Runnable call,
      java.util.function.Consumer<ChatException> inBandError,
      Runnable ping) {
    ScheduledFuture<?> pinger = ping == null ? null : schedulePings(sink, ping);
    try {
      call.run();
      sink.close();
    } catch (ChatException e) {
      if (!sink.committed()) {
        throw e;
      }
      try {
        inBandError.accept(e);
      } catch (UncheckedIOException gone) {
        // the client left while we reported the failure; nothing more to tell it
      }
      sink.close();
    } catch (UncheckedIOException e) {
      LOG.debug("Client went away during the stream (request id {})", ex.requestId);
      ex.markDone();
      ex.callback.failed(e.getCause());
    } finally {
      if (pinger != null) {
        pinger.cancel(false);
      }
    }
  }

  private ScheduledFuture<?> schedulePings(JettySseSink sink, Runnable ping) {
    long every = settings.pingInterval().toMillis();
    return timer.scheduleAtFixedRate(
        () -> {
          if (sink.committed() && sink.nanosSinceLastWrite() >= every * 1_000_000L) {
            try {
              ping.run();
            } catch (RuntimeException e) {
              // the streaming thread sees the same failure on its next write
            }
          }
        },
        every,
        every,
        TimeUnit.MILLISECONDS);
  }

  private void countTokens(Exchange ex) {
    ChatRequest request = AnthropicMessagesParser.parseCountTokens(ex.body(settings.maxBodyBytes()));
    ex.json(200, AnthropicRenderer.countTokens(backend.countTokens(request)));
  }

  private byte[] root() {
    ObjectNode root = JSON.createObjectNode();
    root.put("status", "ok");
    root.put("service", "kiro-gateway");
    root.put("version", Version.current());
    ArrayNode endpoints = root.putArray("endpoints");
    for (String e :
        List.of(
            "GET /health",
            "GET /v1/models",
            "POST /v1/chat/completions",
            "POST /v1/messages",
            "POST /v1/messages/count_tokens")) {
      endpoints.add(e);
    }
    return write(root);
  }

  private ObjectNode healthJson() {
    ObjectNode node = JSON.valueToTree(health.get());
    node.put("streams_in_flight", inFlight.get() - 1);
    return node;
  }

  private byte[] modelsJson() {
    ObjectNode root = JSON.createObjectNode();
    root.put("object", "list");
    ArrayNode data = root.putArray("data");
    for (String id : models.get()) {
      ObjectNode m = data.addObject();
      m.put("id", id);
      m.put("object", "model");
      m.put("created", 1760000000L);
      m.put("owned_by", "anthropic");
    }
    return write(root);
  }

  private static byte[] write(Object node) {
    try {
      return JSON.writeValueAsBytes(node);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
