package dev.kirogateway.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kirogateway.metrics.RequestSummary;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.eclipse.jetty.http.HttpCookie;
import org.eclipse.jetty.server.Request;

/**
 * The live dashboard: a static page (from {@code /dashboard/} on the classpath) that polls {@code
 * /dashboard/api/state} every second. Access needs the API key: as a header, or once as {@code
 * ?key=} which sets a cookie holding a hash of the key (never the key itself) and redirects.
 */
final class Dashboard {
  static final String COOKIE = "kgw_dashboard";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Map<String, String> ASSETS =
      Map.of(
          "/dashboard/dashboard.js", "application/javascript; charset=utf-8",
          "/dashboard/dashboard.css", "text/css; charset=utf-8");

  private final ApiKeys keys;
  private final byte[] sessionToken;
  private final RecentRequests recent;
  private final Supplier<Map<String, Object>> health;
  private final Supplier<Object> accounts;
  private final Clock clock;

  Dashboard(
      String apiKey,
      RecentRequests recent,
      Supplier<Map<String, Object>> health,
      Supplier<Object> accounts,
      Clock clock) {
    this.keys = new ApiKeys(apiKey);
    this.accounts = accounts;
    this.sessionToken = sessionToken(apiKey).getBytes(StandardCharsets.UTF_8);
    this.recent = recent;
    this.health = health;
    this.clock = clock;
  }

  static boolean isAsset(String path) {
    return ASSETS.containsKey(path);
  }

  void page(Exchange ex) {
    String offered = Request.extractQueryParameters(ex.request).getValue("key");
    if (offered != null) {
      if (!keys.matches(offered)) {
        ex.send(401, "text/html; charset=utf-8", login("That key is not the gateway's key."),
            Map.of());
        return;
      }
      // the cookie replaces the key in the address bar (and in the browser's history)
      String cookie = COOKIE + "=" + new String(sessionToken, StandardCharsets.UTF_8)
          + "; Path=/dashboard; HttpOnly; SameSite=Strict";
      ex.send(303, "text/plain; charset=utf-8", new byte[0],
          Map.of("Set-Cookie", cookie, "Location", "/dashboard"));
      return;
    }
    if (!allowed(ex)) {
      ex.send(401, "text/html; charset=utf-8", login(""), Map.of());
      return;
    }
    ex.send(200, "text/html; charset=utf-8", resource("/dashboard/index.html"),
        Map.of("Cache-Control", "no-store"));
  }

  void asset(Exchange ex, String path) {
    ex.send(200, ASSETS.get(path), resource(path), Map.of("Cache-Control", "no-cache"));
  }

  void state(Exchange ex) {
    if (!allowed(ex)) {
      ex.send(401, "application/json", "{\"error\":\"dashboard: API key needed\"}"
          .getBytes(StandardCharsets.UTF_8), Map.of());
      return;
    }
    try {
      ex.send(200, "application/json", JSON.writeValueAsBytes(stateJson()),
          Map.of("Cache-Control", "no-store"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private boolean allowed(Exchange ex) {
    String offered = ApiKeys.offered(ex.header("Authorization"), ex.header("x-api-key"))
        .orElse(null);
    if (offered != null) {
      return keys.matches(offered);
    }
    List<HttpCookie> cookies = Request.getCookies(ex.request);
    for (HttpCookie c : cookies) {
      if (COOKIE.equals(c.getName())
          && MessageDigest.isEqual(sessionToken, c.getValue().getBytes(StandardCharsets.UTF_8))) {
        return true;
      }
    }
    return false;
  }

  ObjectNode stateJson() {
    ObjectNode root = JSON.createObjectNode();
    root.put("time", clock.instant().toString());
    root.put("version", Version.current());
    Map<String, Object> h = health.get();
    root.put("status", String.valueOf(h.get("status")));
    root.set("credentials", JSON.valueToTree(h.get("credentials")));
    root.set("accounts", JSON.valueToTree(accounts.get()));
    ArrayNode inFlight = root.putArray("inFlight");
    for (RequestLog log : recent.active()) {
      ObjectNode r = inFlight.addObject();
      r.put("id", log.requestId());
      r.put("api", log.api());
      r.put("model", log.model());
      r.put("stream", log.stream());
      r.put("ageMs", log.ageMillis());
      log.ttftMillis().ifPresentOrElse(t -> r.put("ttftMs", t), () -> r.putNull("ttftMs"));
    }
    List<RequestSummary> done = recent.recent();
    ArrayNode list = root.putArray("recent");
    int failed = 0;
    ObjectNode byStatus = JSON.createObjectNode();
    for (RequestSummary s : done) {
      list.add(summary(s));
      failed += s.failed() ? 1 : 0;
      String bucket = (s.status() / 100) + "xx";
      byStatus.put(bucket, byStatus.path(bucket).asInt() + 1);
    }
    ObjectNode totals = root.putObject("totals");
    totals.put("requests", done.size());
    totals.put("failed", failed);
    totals.put("errorRate", done.isEmpty() ? 0.0 : (double) failed / done.size());
    totals.set("byStatus", byStatus);
    return root;
  }

  private static ObjectNode summary(RequestSummary s) {
    ObjectNode r = JSON.createObjectNode();
    r.put("id", s.id());
    r.put("time", s.startedAt().toString());
    r.put("api", s.api());
    r.put("path", s.path());
    r.put("model", s.model());
    r.put("stream", s.stream());
    r.put("status", s.status());
    s.ttftMillis().ifPresentOrElse(t -> r.put("ttftMs", t), () -> r.putNull("ttftMs"));
    r.put("durationMs", s.durationMillis());
    r.put("inputTokens", s.inputTokens());
    r.put("outputTokens", s.outputTokens());
    s.credits().ifPresentOrElse(c -> r.put("credits", c), () -> r.putNull("credits"));
    r.put("outcome", s.outcome());
    return r;
  }

  private static byte[] login(String problem) {
    String html = new String(resource("/dashboard/login.html"), StandardCharsets.UTF_8);
    return html.replace("{{problem}}", problem).getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] resource(String path) {
    try (InputStream in = Dashboard.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + path);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A stable per-key value: proves the browser once had the key without storing it. */
  static String sessionToken(String apiKey) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256")
          .digest(("kiro-gateway dashboard\n" + apiKey).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }
}
