package dev.kirogateway.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kirogateway.sim.Scenario.HttpError;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Routes the simulator's endpoints (§11 items 1-7) and plays chat replies. */
final class SimHandler extends Handler.Abstract {
  private static final Logger LOG = LoggerFactory.getLogger(SimHandler.class);
  private static final String TARGET_PREFIX_MODELS =
      "AmazonCodeWhispererService.ListAvailableModels";
  private static final String TARGET_PROFILES = "AmazonCodeWhispererService.ListAvailableProfiles";
  private static final String TARGET_USAGE = "KiroControlPlaneBearerService.GetUsageLimits";

  private final KiroSimulator sim;

  SimHandler(KiroSimulator sim) {
    this.sim = sim;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    response.getHeaders().put("x-amzn-RequestId", UUID.randomUUID().toString());
    byte[] body = Content.Source.asInputStream(request).readAllBytes();
    Map<String, String> headers = headers(request);
    String path = Request.getPathInContext(request);
    String method = request.getMethod();
    String query = Optional.ofNullable(request.getHttpURI().getQuery()).orElse("");
    sim.record(new RecordedRequest(method, path, query, headers, body));
    String route = method + " " + path;
    switch (route) {
      case "POST /generateAssistantResponse" -> chat(request, response, callback, headers, body);
      case "POST /" -> dispatchTarget(request, response, callback, headers, body);
      case "GET /ListAvailableModels" -> authed(response, callback, headers, () -> models());
      case "GET /getUsageLimits" -> authed(response, callback, headers, () -> usageLimits());
      case "POST /token" -> oidcToken(response, callback, headers, body);
      case "POST /refreshToken" -> desktopRefresh(response, callback, body);
      default ->
          send(
              response, callback, 404, Json.errorBody("No route for " + method + " " + path, null));
    }
    return true;
  }

  private void dispatchTarget(
      Request request,
      Response response,
      Callback callback,
      Map<String, String> headers,
      byte[] body)
      throws IOException {
    String target = headers.getOrDefault("x-amz-target", "");
    switch (target) {
      case KiroRequestValidator.TARGET -> chat(request, response, callback, headers, body);
      case TARGET_PREFIX_MODELS -> authed(response, callback, headers, () -> models());
      case TARGET_PROFILES -> authed(response, callback, headers, () -> profiles());
      case TARGET_USAGE -> authed(response, callback, headers, () -> usageLimits());
      default -> {
        ObjectNode error = Json.object();
        error.put("__type", "UnknownOperationException");
        error.put(
            "message", "Unknown operation: " + (target.isEmpty() ? "(no x-amz-target)" : target));
        send(response, callback, 400, Json.write(error));
      }
    }
  }

  private void chat(
      Request request,
      Response response,
      Callback callback,
      Map<String, String> headers,
      byte[] body)
      throws IOException {
    Optional<HttpError> refusal = authError(headers);
    if (refusal.isEmpty() && sim.tokens().takeNotAuthorized()) {
      refusal = Optional.of(HttpError.notAuthorized());
    }
    KiroRequestValidator validator = sim.validator();
    refusal = refusal.or(() -> validator.checkHeaders(headers)).or(() -> validator.checkBody(body));
    if (refusal.isPresent()) {
      sendError(response, callback, refusal.get());
      return;
    }
    JsonNode json = Json.parse(body).orElseThrow();
    Scenario scenario = sim.nextScenario().orElseGet(() -> DemoModel.answer(json));
    Script script = Script.render(scenario, context(json, body.length));
    play(request, response, callback, script);
  }

  private void play(Request request, Response response, Callback callback, Script script)
      throws IOException {
    SimulatorOptions options = sim.options();
    StreamWriter writer =
        new StreamWriter(
            request, response, options.latency(), options.chunking(), sim.nextRandom());
    try {
      writer.pause(options.latency().beforeHeaders().plus(script.beforeHeaders()));
      if (script.error().isPresent()) {
        sendError(response, callback, script.error().get());
        return;
      }
      response.setStatus(200);
      response.getHeaders().put("Content-Type", "application/vnd.amazon.eventstream");
      if (writer.play(script.steps())) {
        callback.succeeded();
      } else {
        callback.failed(new IOException("scripted connection reset"));
      }
    } catch (StreamWriter.ClientGone e) {
      LOG.debug("client went away mid-stream", e);
      sim.onClientAbort();
      callback.failed(e);
    }
  }

  private Script.Context context(JsonNode json, int bodyBytes) {
    String conversationId = json.path("conversationState").path("conversationId").asText("");
    double percent = Math.max(0.1, Math.round(bodyBytes / 4.0 / 200_000 * 1000) / 10.0);
    return new Script.Context(sim.options().initialResponse(), conversationId, percent);
  }

  private Optional<HttpError> authError(Map<String, String> headers) {
    if (!sim.options().requireAuth()) {
      return Optional.empty();
    }
    String auth = headers.getOrDefault("Authorization", "");
    boolean ok = auth.startsWith("Bearer ") && sim.tokens().isValid(auth.substring(7).strip());
    return ok ? Optional.empty() : Optional.of(HttpError.bearerTokenInvalid());
  }

  private interface JsonBody {
    JsonNode get();
  }

  private void authed(
      Response response, Callback callback, Map<String, String> headers, JsonBody ok) {
    Optional<HttpError> refusal = authError(headers);
    if (refusal.isPresent()) {
      sendError(response, callback, refusal.get());
    } else {
      send(response, callback, 200, Json.write(ok.get()));
    }
  }

  private JsonNode models() {
    ObjectNode root = Json.object();
    root.putObject("defaultModel").put("modelId", "auto");
    ArrayNode list = root.putArray("models");
    for (String id : sim.options().models()) {
      boolean large =
          id.equals("auto") || id.equals("claude-opus-4.7") || id.equals("claude-opus-4.8");
      ObjectNode m = list.addObject();
      m.put("modelId", id).put("modelName", id).put("description", "Simulated " + id);
      m.putArray("supportedInputTypes").add("TEXT").add("IMAGE");
      m.putObject("tokenLimits")
          .put("maxInputTokens", large ? 1_000_000 : 200_000)
          .put("maxOutputTokens", 64_000);
      m.put("rateMultiplier", 1.0).put("rateUnit", "Credit");
      m.putObject("promptCaching")
          .put("supportsPromptCaching", true)
          .put("maximumCacheCheckpointsPerRequest", 4)
          .put("minimumTokensPerCacheCheckpoint", 1024);
    }
    return root;
  }

  private JsonNode profiles() {
    ObjectNode root = Json.object();
    root.putArray("profiles")
        .addObject()
        .put("arn", sim.options().profileArn())
        .put("profileName", "SimulatorProfile");
    return root;
  }

  private JsonNode usageLimits() {
    long reset = sim.options().clock().instant().getEpochSecond() + 12 * 86_400L;
    ObjectNode root = Json.object();
    root.put("daysUntilReset", 12).put("nextDateReset", reset);
    root.putObject("subscriptionInfo")
        .put("subscriptionTitle", "KIRO FREE")
        .put("type", "Q_DEVELOPER_STANDALONE_FREE");
    root.putObject("userInfo").put("email", "demo@example.com").put("userId", "sim-user");
    root.putObject("overageConfiguration").put("overageStatus", "DISABLED");
    ObjectNode usage = root.putArray("usageBreakdownList").addObject();
    usage
        .put("resourceType", "CREDIT")
        .put("currentUsage", 3)
        .put("currentUsageWithPrecision", 3.25);
    usage.put("usageLimit", 50).put("usageLimitWithPrecision", 50.0).put("nextDateReset", reset);
    usage.putNull("freeTrialInfo");
    usage.putArray("bonuses");
    usage.put("currency", "USD").put("overageRate", 0.04).put("overageCap", 0);
    return root;
  }

  private void oidcToken(
      Response response, Callback callback, Map<String, String> headers, byte[] body) {
    sim.tokens().countOidcCall();
    String media = headers.getOrDefault("Content-Type", "").split(";", 2)[0].strip();
    Optional<JsonNode> json = Json.parse(body).filter(JsonNode::isObject);
    if (!media.equals("application/json") || json.isEmpty() || hasSnakeCaseKey(json.get())) {
      sendOidcError(
          response, callback, "invalid_request", "Request must be a camelCase JSON object");
      return;
    }
    JsonNode j = json.get();
    String clientId = j.path("clientId").asText("");
    String clientSecret = j.path("clientSecret").asText("");
    String refreshToken = j.path("refreshToken").asText("");
    if (clientId.isEmpty() || clientSecret.isEmpty() || refreshToken.isEmpty()) {
      sendOidcError(
          response,
          callback,
          "invalid_request",
          "clientId, clientSecret and refreshToken are required");
    } else if (!"refresh_token".equals(j.path("grantType").asText())) {
      sendOidcError(response, callback, "unsupported_grant_type", "Unsupported grant type");
    } else if (!sim.tokens().isKnownOidcClient(clientId, clientSecret)) {
      sendOidcError(response, callback, "invalid_client", "Invalid client");
    } else {
      sim.tokens()
          .refreshOidc(clientId, clientSecret, refreshToken)
          .ifPresentOrElse(
              r -> {
                ObjectNode out = Json.object();
                out.put("accessToken", r.accessToken()).put("expiresIn", r.expiresInSeconds());
                out.put("refreshToken", r.refreshToken()).put("tokenType", "Bearer");
                out.putNull("idToken");
                send(response, callback, 200, Json.write(out));
              },
              () ->
                  sendOidcError(
                      response, callback, "invalid_grant", "Invalid refresh token provided"));
    }
  }

  private void desktopRefresh(Response response, Callback callback, byte[] body) {
    sim.tokens().countDesktopCall();
    String token =
        Json.parse(body)
            .filter(JsonNode::isObject)
            .map(j -> j.path("refreshToken").asText(""))
            .orElse("");
    if (token.isEmpty()) {
      send(response, callback, 400, Json.errorBody("Invalid request", null));
      return;
    }
    sim.tokens()
        .refreshDesktop(token)
        .ifPresentOrElse(
            r -> {
              ObjectNode out = Json.object();
              out.put("accessToken", r.accessToken()).put("expiresIn", r.expiresInSeconds());
              out.put("profileArn", sim.options().profileArn())
                  .put("refreshToken", r.refreshToken());
              send(response, callback, 200, Json.write(out));
            },
            () ->
                send(
                    response,
                    callback,
                    401,
                    Json.write(Json.object().put("message", "Bad credentials"))));
  }

  private static boolean hasSnakeCaseKey(JsonNode json) {
    Iterator<String> names = json.fieldNames();
    while (names.hasNext()) {
      if (names.next().contains("_")) {
        return true;
      }
    }
    return false;
  }

  private static void sendOidcError(
      Response response, Callback callback, String error, String description) {
    ObjectNode out = Json.object().put("error", error).put("error_description", description);
    send(response, callback, 400, Json.write(out));
  }

  private static void sendError(Response response, Callback callback, HttpError error) {
    error.headers().forEach((k, v) -> response.getHeaders().put(k, v));
    send(response, callback, error.status(), error.body());
  }

  private static void send(Response response, Callback callback, int status, String json) {
    response.setStatus(status);
    response.getHeaders().put("Content-Type", "application/json");
    response.write(true, ByteBuffer.wrap(json.getBytes(StandardCharsets.UTF_8)), callback);
  }

  private static Map<String, String> headers(Request request) {
    Map<String, String> out = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    for (HttpField f : request.getHeaders()) {
      out.putIfAbsent(f.getName(), f.getValue());
    }
    return out;
  }
}
