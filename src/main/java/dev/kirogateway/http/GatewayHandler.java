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
import dev.kirogateway.chat.ReplySink;
import dev.kirogateway.debug.Capture;
import dev.kirogateway.metrics.Metrics;
import dev.kirogateway.metrics.RequestSummary;
import dev.kirogateway.openai.OpenAiChatCall;
import dev.kirogateway.openai.OpenAiChatParser;
import dev.kirogateway.openai.OpenAiIds;
import dev.kirogateway.openai.OpenAiRenderer;
import dev.kirogateway.openai.OpenAiStreamWriter;
import dev.kirogateway.responses.ResponsesService;
import dev.kirogateway.responses.ResponsesTurn;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
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
import org.slf4j.MDC;

/** Routes every request; runs on a virtual thread per request (blocking handler). */
final class GatewayHandler extends Handler.Abstract {
  private static final Logger LOG = LoggerFactory.getLogger(GatewayHandler.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String RESPONSES_PREFIX = "/v1/responses/";
  private static final String ACCOUNTS = "/v1/accounts";
  /** How many finished requests the dashboard shows. */
  static final int RECENT_REQUESTS = 200;

  private final HttpSettings settings;
  private final ChatBackend backend;
  private final ResponsesService responses;
  private final ApiKeys keys;
  private final Supplier<List<String>> models;
  private final Supplier<Map<String, Object>> health;
  private final Clock clock;
  private final ScheduledExecutorService timer;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final OpsHooks ops;
  private final RecentRequests recent = new RecentRequests(RECENT_REQUESTS);
  private final Dashboard dashboard;
  private final JsonRoutes extraRoutes;
  private final ClientKeys clientKeys;

  GatewayHandler(
      HttpSettings settings, Services services, Clock clock, ScheduledExecutorService timer) {
    this.settings = settings;
    this.backend = services.backend();
    this.responses = services.responses();
    this.models = services.models();
    this.health = services.health();
    this.ops = services.ops();
    this.extraRoutes = services.extraRoutes();
    this.clientKeys = services.clientKeys();
    this.keys = new ApiKeys(settings.apiKey());
    this.clock = clock;
    this.timer = timer;
    // the accounts view (usage limits included, cached upstream) for the dashboard's accounts table
    Supplier<Object> accounts =
        () -> this.extraRoutes.handles(ACCOUNTS) ? this.extraRoutes.get(ACCOUNTS, Map.of()) : null;
    this.dashboard = new Dashboard(settings.apiKey(), recent, health, accounts, clock);
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
    // the gateway's own pages and probes are not traffic: no capture, no dashboard row, no metric
    boolean opsPath = isOpsPath(path);
    Capture capture = opsPath ? Capture.NONE : ops.captures().apply(requestId);
    Exchange ex = new Exchange(request, response, callback, requestId, capture);
    RequestLog log = new RequestLog(requestId, method, path, clock.instant());
    Dialect dialect = Dialect.forPath(path);
    inFlight.incrementAndGet();
    if (!opsPath) {
      recent.started(log);
    }
    MDC.put("request_id", requestId);
    try {
      route(ex, method, path, log);
    } catch (ChatException e) {
      // after a disconnect the failure is our own abort of the upstream call; the answer below
      // then goes nowhere, harmlessly
      log.outcome(
          ex.clientGone() ? "client disconnected" : e.kind().name().toLowerCase(java.util.Locale.ROOT));
      if (!ex.isDone()) {
        ex.error(dialect.error(e, requestId));
      }
    } catch (RuntimeException e) {
      LOG.error("Unexpected failure handling {} {} (request id {})", method, path, requestId, e);
      log.outcome("internal");
      if (!ex.isDone()) {
        ex.error(
            dialect.error(
                new ChatException(
                    ErrorKind.INTERNAL,
                    "The gateway failed unexpectedly; its log has the details (request id "
                        + requestId
                        + ")."),
                requestId));
      } else {
        callback.failed(e);
      }
    } finally {
      clientKeys.clear();
      // the response may already be with the client: count the request done only once recorded
      finish(log, response.getStatus(), opsPath, capture);
      inFlight.decrementAndGet();
      MDC.remove("request_id");
    }
    return true;
  }

  private void finish(RequestLog log, int status, boolean opsPath, Capture capture) {
    try {
      // a scrape every few seconds would drown the log: ops paths log only their failures
      RequestSummary summary = log.finish(status, !opsPath || status >= 400);
      if (!opsPath) {
        recent.finished(summary);
        ops.metrics().requestFinished(summary);
        capture.finish(status, summary.failed());
      }
    } catch (RuntimeException e) {
      LOG.warn("Could not record request {}: {}", log.requestId(), e.toString());
    }
  }

  private static boolean isOpsPath(String path) {
    return path.equals("/health")
        || path.equals("/metrics")
        || path.equals("/favicon.ico")
        || path.startsWith("/dashboard");
  }

  private void route(Exchange ex, String method, String path, RequestLog log) {
    switch (path) {
      case "/" -> get(ex, method, () -> ex.json(200, root()));
      case "/health" -> get(ex, method, () -> ex.json(200, write(healthJson())));
      case "/metrics" -> get(ex, method, () -> metrics(ex));
      case "/dashboard", "/dashboard/" -> get(ex, method, () -> dashboard.page(ex));
      case "/dashboard/api/state" -> get(ex, method, () -> dashboard.state(ex));
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
      case "/v1/responses" -> {
        authenticate(ex);
        post(ex, method, () -> createResponse(ex, log));
      }
      default -> {
        if (extraRoutes.handles(path)) {
          authenticate(ex);
          get(ex, method, () -> ex.json(200, write(extraRoutes.get(path, query(ex)))));
          return;
        }
        if (Dashboard.isAsset(path)) {
          get(ex, method, () -> dashboard.asset(ex, path));
          return;
        }
        int idStart = RESPONSES_PREFIX.length();
        if (!path.startsWith(RESPONSES_PREFIX) || path.indexOf('/', idStart) >= 0) {
          throw new ChatException(
              ErrorKind.NOT_FOUND,
              "Unknown route " + method + " " + path
                  + ". This gateway serves /v1/chat/completions, /v1/messages,"
                  + " /v1/messages/count_tokens, /v1/responses and /v1/models.");
        }
        authenticate(ex);
        storedResponse(ex, method, path.substring(idStart));
      }
    }
  }

  private void createResponse(Exchange ex, RequestLog log) {
    ResponsesTurn turn = responses.begin(ex.body(settings.maxBodyBytes()));
    log.model(turn.model(), turn.stream());
    if (!turn.stream()) {
      whileConnected(ex, () -> chat(ex, turn.request(), log.watch(turn.collector())));
      ex.json(200, turn.body());
      return;
    }
    JettySseSink sink = new JettySseSink(ex);
    var writer = turn.streamTo(sink);
    stream(ex, log, sink, () -> chat(ex, turn.request(), log.watch(writer)), turn::fail, null);
  }

  private void storedResponse(Exchange ex, String method, String id) {
    switch (method) {
      case "GET" -> ex.json(200, responses.retrieve(id));
      case "DELETE" -> ex.json(200, responses.delete(id));
      default -> throw notAllowed(method, "GET or DELETE");
    }
  }

  private void metrics(Exchange ex) {
    if (!ops.metricsPublic()) {
      authenticate(ex);
    }
    ex.send(200, Metrics.CONTENT_TYPE, ops.metrics().scrape().getBytes(StandardCharsets.UTF_8),
        Map.of());
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
      ex.json(200, OpenAiRenderer.completion(collect(ex, request, log), request.model(), id, created));
      return;
    }
    JettySseSink sink = new JettySseSink(ex);
    OpenAiStreamWriter writer =
        new OpenAiStreamWriter(
            sink, request.model(), id, created, call.includeUsage() || settings.alwaysIncludeUsage());
    stream(ex, log, sink, () -> chat(ex, request, log.watch(writer)), writer::fail, null);
  }

  /**
   * A whole reply for a non-streaming request. When Kiro's stream fails part-way nothing has been
   * sent to the client yet, so it is tried once more (§8.5) rather than answered with a partial
   * reply or an error.
   */
  private dev.kirogateway.chat.Reply collect(Exchange ex, ChatRequest request, RequestLog log) {
    ReplyCollector collector = new ReplyCollector();
    try {
      whileConnected(ex, () -> chat(ex, request, log.watch(collector)));
    } catch (ChatException e) {
      if (!collector.started() || !settings.retryNonStreamingOnStreamFailure()) {
        throw e;
      }
      LOG.warn("Kiro's reply failed part-way ({}); trying the non-streaming request once more", e.kind());
      ReplyCollector again = new ReplyCollector();
      whileConnected(ex, () -> chat(ex, request, log.watch(again)));
      return again.reply();
    }
    return collector.reply();
  }

  private void anthropicMessages(Exchange ex, RequestLog log) {
    AnthropicCall call = AnthropicMessagesParser.parse(ex.body(settings.maxBodyBytes()));
    ChatRequest request = call.request();
    log.model(request.model(), call.stream());
    String id = AnthropicIds.messageId();
    if (!call.stream()) {
      ex.json(200, AnthropicRenderer.message(collect(ex, request, log), request.model(), id));
      return;
    }
    JettySseSink sink = new JettySseSink(ex);
    AnthropicStreamWriter writer = new AnthropicStreamWriter(sink, request.model(), id);
    stream(
        ex, log, sink, () -> chat(ex, request, log.watch(writer)), writer::fail, writer::ping);
  }

  /** Calls the backend, letting it tell the request's debug capture what went upstream. */
  private void chat(Exchange ex, ChatRequest request, ReplySink sink) {
    Capture.chat(backend, request, sink, ex.capture);
  }

  /**
   * Runs a streaming call. Failures before the first event become a plain error response; after
   * it, the dialect writes its in-band error event. A client that went away ends quietly.
   */
  private void stream(
      Exchange ex,
      RequestLog log,
      JettySseSink sink,
      Runnable call,
      java.util.function.Consumer<ChatException> inBandError,
      Runnable ping) {
    ScheduledFuture<?> pinger = ping == null ? null : schedulePings(sink, ping);
    ops.metrics().streamStarted();
    try {
      whileConnected(ex, call);
      sink.close();
    } catch (ChatException e) {
      if (!sink.committed()) {
        throw e;
      }
      if (ex.clientGone()) {
        LOG.debug("Client went away during the stream (request id {})", ex.requestId);
        ex.markDone();
        ex.callback.failed(new java.io.IOException("client disconnected"));
        return;
      }
      log.outcome(e.kind().name().toLowerCase(java.util.Locale.ROOT));
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
      ops.metrics().streamFinished();
      if (pinger != null) {
        pinger.cancel(false);
      }
    }
  }

  /**
   * Runs a backend call while watching the client connection. A client that hangs up interrupts
   * the call, which makes the backend abort its upstream request at once instead of when the
   * next event finds the socket closed (which, before the first token or during a long silence,
   * can be minutes away).
   */
  private static void whileConnected(Exchange ex, Runnable call) {
    Thread caller = Thread.currentThread();
    Object lock = new Object();
    boolean[] running = {true};
    ClientWatch watch =
        ClientWatch.start(
            ex.request,
            () -> {
              ex.markClientGone();
              synchronized (lock) {
                // never interrupt the thread once it has moved on to other work
                if (running[0]) {
                  caller.interrupt();
                }
              }
            });
    try {
      call.run();
    } finally {
      synchronized (lock) {
        running[0] = false;
      }
      watch.close();
      if (ex.clientGone()) {
        Thread.interrupted(); // our interrupt has done its job; do not leak it to Jetty
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
            "POST /v1/messages/count_tokens",
            "POST /v1/responses",
            "GET /v1/responses/{id}",
            "DELETE /v1/responses/{id}",
            "GET /metrics",
            "GET /dashboard")) {
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
