package dev.kirogateway.e2e;

import static dev.kirogateway.testing.Properties.anyLong;
import static dev.kirogateway.testing.Properties.check;
import static dev.kirogateway.testing.Properties.listOf;
import static dev.kirogateway.testing.Properties.oneOf;
import static dev.kirogateway.testing.Properties.weighted;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kirogateway.eventstream.HeaderValue;
import dev.kirogateway.eventstream.Message;
import dev.kirogateway.sim.Scenario;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.function.IntSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Random and mutated input from both sides, through the running gateway: request bodies a client
 * might send (broken, retyped, truncated, huge, deeply nested, not UTF-8, wrong content type) and
 * byte streams Kiro might send (random events, corrupt frames, cuts, resets). Whatever happens,
 * the client gets an answer in time, never a Java stack trace or class name, and afterwards no
 * thread or connection is left behind.
 */
final class GatewayFuzzTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> LEAKS =
      List.of("Exception", "at dev.", "dev.kirogateway", "com.fasterxml", "java.", "jetty");
  /**
   * Kiro's own error type names, which the gateway may quote; not Java classes. UnknownException
   * is the gateway's name for an exception frame that carries no type.
   */
  private static final String KIRO_TYPES =
      "(Throttling|Validation|InvalidState|InternalServer|ServiceQuotaExceeded|AccessDenied"
          + "|ServiceUnavailable|Unknown)Exception";
  private static final String OPENAI =
      "{\"model\":\"claude-sonnet-4.5\",\"stream\":false,\"max_tokens\":50,\"temperature\":0.5,"
          + "\"messages\":[{\"role\":\"system\",\"content\":\"Be brief\"},"
          + "{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"Hi\"}]}],"
          + "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"f\",\"parameters\":{\"type\":\"object\"}}}]}";
  private static final String ANTHROPIC =
      "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":50,\"stream\":false,\"system\":\"Be brief\","
          + "\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"Hi\"}]}],"
          + "\"tools\":[{\"name\":\"f\",\"input_schema\":{\"type\":\"object\"}}],"
          + "\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":1024}}";

  private static TcpRelay relay;
  private static GatewayHarness harness;
  private static HttpClient http;
  private static int threadsBefore;
  private static int fdsBefore;

  @BeforeAll
  static void start() throws Exception {
    relay = TcpRelay.start();
    harness =
        GatewayHarness.start(
            Map.of(
                "KIRO_API_BASE_URL", relay.url().toString(),
                "MAX_REQUEST_BODY_BYTES", Integer.toString(2 * 1024 * 1024),
                "FIRST_TOKEN_TIMEOUT", "2",
                "FIRST_TOKEN_MAX_RETRIES", "1",
                "SHUTDOWN_DRAIN_TIMEOUT", "1"));
    relay.forwardTo(harness.simulator().baseUrl());
    // the test's own client runs on virtual threads, so its worker pool growing under load does
    // not count against the gateway in the platform thread check
    http = HttpClient.newBuilder()
        .connectTimeout(Duration.ofSeconds(5))
        .executor(Executors.newVirtualThreadPerTaskExecutor())
        .build();
    // warm every pool once, so the baseline includes their steady threads and connections
    post(Api.OPENAI, OPENAI.getBytes(StandardCharsets.UTF_8), "application/json");
    post(Api.ANTHROPIC, ANTHROPIC.replace("\"stream\":false", "\"stream\":true").getBytes(StandardCharsets.UTF_8), "application/json");
    threadsBefore = platformThreads();
    fdsBefore = openFds();
  }

  /** Runs after both properties, so leaks of every try add up to one visible excess. */
  @AfterAll
  static void stopAndCheckForLeaks() throws Exception {
    try {
      awaitAtMost("requests in flight", () -> harness.gateway().server().inFlight(), 0);
      awaitAtMost("upstream connections (idle pool included)", relay::openConnections, 2);
      awaitAtMost("platform threads", GatewayFuzzTest::platformThreads, threadsBefore + 4);
      awaitAtMost("open file descriptors", GatewayFuzzTest::openFds, fdsBefore + 8);
    } finally {
      http.close();
      harness.close();
      relay.close();
    }
  }

  enum Api {
    OPENAI("/v1/chat/completions"),
    ANTHROPIC("/v1/messages");

    final String path;

    Api(String path) {
      this.path = path;
    }
  }

  record ClientInput(Api api, byte[] body, String contentType) {
    @Override
    public String toString() {
      String text = new String(body, 0, Math.min(body.length, 300), StandardCharsets.UTF_8);
      return api + " " + contentType + " (" + body.length + " bytes) " + text;
    }
  }

  @Test
  void mutatedRequestsAreAnsweredWithoutInternals() {
    check("mutatedRequestsAreAnsweredWithoutInternals", 250,
        r -> answersWithoutInternals(clientInputs(r)));
  }

  private static void answersWithoutInternals(ClientInput input) throws Exception {
    HttpResponse<String> r = post(input.api(), input.body(), input.contentType());
    assertAnswerIsClean(r);
    assertThat(r.statusCode()).as("a client's mistake is never a server error").isLessThan(500);
  }

  @Test
  void randomUpstreamBytesAreAnsweredWithoutInternals() {
    check("randomUpstreamBytesAreAnsweredWithoutInternals", 200,
        r -> answersWithoutInternals(upstreamReplies(r), r.nextBoolean(), r.nextBoolean()));
  }

  private static void answersWithoutInternals(Scenario reply, boolean anthropic, boolean stream)
      throws Exception {
    harness.simulator().enqueue(reply);
    String body = anthropic ? ANTHROPIC : OPENAI;
    if (stream) {
      body = body.replace("\"stream\":false", "\"stream\":true");
    }
    HttpResponse<String> r =
        post(anthropic ? Api.ANTHROPIC : Api.OPENAI, body.getBytes(StandardCharsets.UTF_8), "application/json");
    assertAnswerIsClean(r);
    assertThat(harness.simulator().pendingScenarios()).isZero();
  }

  private static void assertAnswerIsClean(HttpResponse<String> r) {
    String body = r.body().replaceAll(KIRO_TYPES, "");
    for (String leak : LEAKS) {
      assertThat(body).as("status %d body", r.statusCode()).doesNotContain(leak);
    }
    if (r.statusCode() >= 400) {
      JsonNode error = parse(r.body());
      assertThat(error.path("error").path("message").asText()).as(r.body()).isNotBlank();
      assertThat(error.path("error").path("type").asText()).as(r.body()).isNotBlank();
    }
  }

  private static JsonNode parse(String body) {
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      throw new AssertionError("error body is not JSON: " + body, e);
    }
  }

  private static HttpResponse<String> post(Api api, byte[] body, String contentType)
      throws IOException, InterruptedException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(harness.baseUrl() + api.path))
            .timeout(Duration.ofSeconds(20))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (contentType != null) {
      b.header("Content-Type", contentType);
    }
    b.header(api == Api.OPENAI ? "Authorization" : "x-api-key",
        (api == Api.OPENAI ? "Bearer " : "") + harness.apiKey());
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  // ---- client side ----

  /** Mostly JSON; 1 in 10 a wrong content type, 1 in 10 none at all. */
  private static ClientInput clientInputs(Random r) {
    Api api = oneOf(r, Api.values());
    Mutation mutation = oneOf(r, Mutation.values());
    long seed = anyLong(r);
    String contentType = switch (weighted(r, 8, 1, 1)) {
      case 0 -> "application/json";
      case 1 -> oneOf(r, "text/plain", "application/x-www-form-urlencoded",
          "application/json; charset=latin1");
      default -> null;
    };
    return new ClientInput(api,
        mutation.apply(api == Api.OPENAI ? OPENAI : ANTHROPIC, new Random(seed)), contentType);
  }

  /** One way to damage a valid body; each is a kind of mistake clients or proxies make. */
  enum Mutation {
    DROP_FIELD {
      @Override
      byte[] apply(String valid, java.util.Random rnd) {
        ObjectNode root = tree(valid);
        List<ObjectNode> objects = objects(root);
        ObjectNode target = objects.get(rnd.nextInt(objects.size()));
        List<String> names = fieldNames(target);
        if (!names.isEmpty()) {
          target.remove(names.get(rnd.nextInt(names.size())));
        }
        return bytes(root);
      }
    },
    RETYPE_FIELD {
      @Override
      byte[] apply(String valid, java.util.Random rnd) {
        ObjectNode root = tree(valid);
        List<ObjectNode> objects = objects(root);
        ObjectNode target = objects.get(rnd.nextInt(objects.size()));
        List<String> names = fieldNames(target);
        if (!names.isEmpty()) {
          target.set(names.get(rnd.nextInt(names.size())), randomValue(rnd, 2));
        }
        return bytes(root);
      }
    },
    DUPLICATE_FIELD {
      @Override
      byte[] apply(String valid, java.util.Random rnd) {
        // JSON text with the same key twice, which a tree cannot express
        int brace = valid.indexOf('{', 1 + rnd.nextInt(valid.length() - 2));
        String at = brace < 0 ? "{" : "";
        int insert = brace < 0 ? 1 : brace + 1;
        String dup = "\"model\":" + randomValue(rnd, 1) + ",\"role\":\"user\",";
        return (valid.substring(0, insert) + at + dup + valid.substring(insert))
            .getBytes(StandardCharsets.UTF_8);
      }
    },
    TRUNCATE {
      @Override
      byte[] apply(String valid, java.util.Random rnd) {
        byte[] b = valid.getBytes(StandardCharsets.UTF_8);
        return java.util.Arrays.copyOf(b, rnd.nextInt(b.length));
      }
    },
    RANDOM_JSON {
      @Override
      byte[] apply(String valid, java.util.Random rnd) {
        return bytes(randomValue(rnd, 4));
      }
    },
    HUGE_STRING {
      @Override
      byte[] apply(String valid, java.util.Random rnd) {
        String huge = "\\u00e9x\\n\\\"".repeat(20_000 + rnd.nextInt(60_000));
        return valid.replace("\"Hi\"", "\"" + huge + "\"").getBytes(StandardCharsets.UTF_8);
      }
    },
    DEEP_NESTING {
      @Override
      byte[] apply(String valid, java.util.Random rnd) {
        int depth = 500 + rnd.nextInt(20_000);
        String open = rnd.nextBoolean() ? "[" : "{\"a\":";
        String close = open.equals("[") ? "]" : "}";
        String deep = open.repeat(depth) + "1" + close.repeat(depth);
        return valid.replace("\"Hi\"", deep).getBytes(StandardCharsets.UTF_8);
      }
    },
    INVALID_UTF8 {
      @Override
      byte[] apply(String valid, java.util.Random rnd) {
        byte[] b = valid.getBytes(StandardCharsets.UTF_8);
        byte[] bad = {(byte) 0xC0, (byte) 0xAF, (byte) 0xED, (byte) 0xA0, (byte) 0x80, (byte) 0xFF, (byte) 0xC3};
        int at = valid.indexOf("Hi") + rnd.nextInt(2);
        byte[] out = new byte[b.length + bad.length];
        System.arraycopy(b, 0, out, 0, at);
        System.arraycopy(bad, 0, out, at, bad.length);
        System.arraycopy(b, at, out, at + bad.length, b.length - at);
        return out;
      }
    },
    RANDOM_BYTES {
      @Override
      byte[] apply(String valid, java.util.Random rnd) {
        byte[] b = new byte[rnd.nextInt(400)];
        rnd.nextBytes(b);
        return b;
      }
    };

    abstract byte[] apply(String valid, java.util.Random rnd);
  }

  private static ObjectNode tree(String json) {
    try {
      return (ObjectNode) JSON.readTree(json);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] bytes(JsonNode node) {
    return node.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static List<String> fieldNames(ObjectNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static List<ObjectNode> objects(JsonNode node) {
    List<ObjectNode> out = new ArrayList<>();
    if (node instanceof ObjectNode o) {
      out.add(o);
    }
    Iterator<JsonNode> children = node.elements();
    children.forEachRemaining(c -> out.addAll(objects(c)));
    return out;
  }

  private static JsonNode randomValue(java.util.Random rnd, int depth) {
    int kind = rnd.nextInt(depth <= 0 ? 6 : 8);
    return switch (kind) {
      case 0 -> JSON.nullNode();
      case 1 -> JSON.getNodeFactory().booleanNode(rnd.nextBoolean());
      case 2 -> JSON.getNodeFactory().numberNode(rnd.nextLong());
      case 3 -> JSON.getNodeFactory().numberNode(rnd.nextDouble() * 1e300);
      case 4 -> JSON.getNodeFactory().textNode(randomText(rnd));
      case 5 -> JSON.getNodeFactory().numberNode(-rnd.nextInt(3));
      case 6 -> {
        ArrayNode a = JSON.createArrayNode();
        for (int i = rnd.nextInt(4); i > 0; i--) {
          a.add(randomValue(rnd, depth - 1));
        }
        yield a;
      }
      default -> {
        ObjectNode o = JSON.createObjectNode();
        for (int i = rnd.nextInt(4); i > 0; i--) {
          String key = Stream.of("role", "content", "type", "text", "model", "messages", "name", "x")
              .skip(rnd.nextInt(8)).findFirst().orElse("x");
          o.set(key, randomValue(rnd, depth - 1));
        }
        yield o;
      }
    };
  }

  private static String randomText(java.util.Random rnd) {
    StringBuilder b = new StringBuilder();
    for (int i = rnd.nextInt(12); i > 0; i--) {
      b.appendCodePoint(rnd.nextBoolean() ? 'a' + rnd.nextInt(26) : rnd.nextInt(0x2FFFF));
    }
    return b.toString().replace("\uD800", "");
  }

  // ---- upstream side ----

  /** 3:2 a stream of random frames or a fault (bad CRC, cut, reset, error) after fragments. */
  private static Scenario upstreamReplies(Random r) {
    if (weighted(r, 3, 2) == 0) {
      return new Scenario.Frames(listOf(r, 0, 12, GatewayFuzzTest::randomMessage));
    }
    List<String> f = listOf(r, 0, 5, x -> anyString(x, 30));
    return switch (r.nextInt(7)) {
      case 0 -> new Scenario.CorruptCrc(f);
      case 1 -> new Scenario.CutMidFrame(f);
      case 2 -> new Scenario.ConnectionReset(f);
      case 3 -> new Scenario.ExceptionFrame("ThrottlingException", "slow down", f);
      case 4 -> new Scenario.ErrorFrame("InternalError", "boom", f);
      case 5 -> new Scenario.InvalidState("INVALID", "bad state", f);
      default -> new Scenario.Truncated(new Scenario.Text(f));
    };
  }

  /** 6:1:1 an event, an exception, or a frame with an odd message type. */
  private static Message randomMessage(Random r) {
    String payload = r.nextBoolean()
        ? oneOf(r,
            "{\"content\":\"hi\"}", "{\"content\":7}", "{}", "[]", "null", "{\"name\":\"f\","
                + "\"toolUseId\":\"t1\",\"input\":\"{\\\"a\\\"\"}",
            "{\"name\":\"f\",\"toolUseId\":\"t1\",\"stop\":true}",
            "{\"toolUseId\":null,\"input\":{}}", "{\"text\":\"thinking\"}",
            "{\"signature\":\"s\"}", "{\"usage\":-1}", "{\"contextUsagePercentage\":\"lots\"}",
            "not json at all")
        : anyString(r, 60);
    return switch (weighted(r, 6, 1, 1)) {
      case 0 -> Message.event(oneOf(r,
          "assistantResponseEvent", "toolUseEvent", "reasoningContentEvent", "meteringEvent",
          "contextUsageEvent", "codeReferenceEvent", "followupPromptEvent", "invalidStateEvent",
          "somethingNew"), payload);
      case 1 -> Message.exception(oneOf(r, "ThrottlingException", "ValidationException", "X"),
          payload);
      default -> {
        Map<String, HeaderValue> h = new LinkedHashMap<>();
        h.put(":message-type", new HeaderValue.Str(oneOf(r, "event", "error", "exception",
            "weird", "")));
        yield new Message(h, payload.getBytes(StandardCharsets.UTF_8));
      }
    };
  }

  /** Up to {@code max} chars: mostly whole code points, 1 in 4 any UTF-16 units. */
  private static String anyString(Random r, int max) {
    if (r.nextInt(4) != 0) {
      String s = dev.kirogateway.testing.Properties.text(r, max);
      return s.substring(0, Math.min(s.length(), max));
    }
    char[] c = new char[r.nextInt(max + 1)];
    for (int i = 0; i < c.length; i++) {
      c[i] = (char) r.nextInt(0x10000);
    }
    return new String(c);
  }

  // ---- leak accounting ----

  /**
   * Platform threads that are not Jetty pool workers: pools grow under load and shrink after their
   * idle timeout by design (bounded by their maximum), so only other threads can be a leak.
   */
  private static int platformThreads() {
    return (int) Thread.getAllStackTraces().entrySet().stream()
        .filter(e -> !e.getKey().isVirtual() && e.getKey().isAlive())
        .filter(e -> java.util.Arrays.stream(e.getValue())
            .noneMatch(f -> f.getClassName().startsWith("org.eclipse.jetty.util.thread.QueuedThreadPool")))
        .count();
  }

  private static String threadNames() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> !t.isVirtual() && t.isAlive())
        .map(Thread::getName)
        .sorted()
        .toList()
        .toString();
  }

  private static int openFds() {
    try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
      return (int) fds.count();
    } catch (IOException e) {
      return 0; // not Linux: the other counts still apply
    }
  }

  private static void awaitAtMost(String what, IntSupplier count, int limit) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (count.getAsInt() > limit) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(what + " did not return to baseline: " + count.getAsInt() + " > "
            + limit + "; threads now: " + threadNames());
      }
      Thread.sleep(20);
    }
  }
}
