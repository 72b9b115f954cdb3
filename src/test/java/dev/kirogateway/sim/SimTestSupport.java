package dev.kirogateway.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kirogateway.eventstream.EventStreamDecoder;
import dev.kirogateway.eventstream.Message;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** HTTP helpers for the simulator tests: JDK client in, decoded event-stream messages out. */
final class SimTestSupport {
  static final HttpClient CLIENT =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  private SimTestSupport() {}

  /** The §2.2 headers a real Kiro client sends. */
  static Map<String, String> kiroHeaders(String token) {
    Map<String, String> h = new LinkedHashMap<>();
    h.put("Authorization", "Bearer " + token);
    h.put("Content-Type", "application/x-amz-json-1.0");
    h.put("x-amz-target", KiroRequestValidator.TARGET);
    String fp = "0".repeat(64);
    h.put(
        "User-Agent",
        "aws-sdk-js/1.0.27 ua/2.1 os/linux lang/js api/codewhispererstreaming#1.0.27 m/E"
            + " KiroIDE-0.7.45-"
            + fp);
    h.put("x-amz-user-agent", "aws-sdk-js/1.0.27 KiroIDE-0.7.45-" + fp);
    h.put("x-amzn-codewhisperer-optout", "true");
    h.put("x-amzn-kiro-agent-mode", "vibe");
    h.put("amz-sdk-invocation-id", UUID.randomUUID().toString());
    h.put("amz-sdk-request", "attempt=1; max=3");
    return h;
  }

  static HttpRequest.Builder request(KiroSimulator sim, String path, Map<String, String> headers) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(sim.baseUrl() + path)).timeout(Duration.ofSeconds(10));
    headers.forEach(b::header);
    return b;
  }

  static HttpResponse<byte[]> post(
      KiroSimulator sim, String path, Map<String, String> headers, String body)
      throws IOException, InterruptedException {
    HttpRequest r =
        request(sim, path, headers).POST(HttpRequest.BodyPublishers.ofString(body)).build();
    return CLIENT.send(r, HttpResponse.BodyHandlers.ofByteArray());
  }

  static HttpResponse<byte[]> get(KiroSimulator sim, String path, Map<String, String> headers)
      throws IOException, InterruptedException {
    return CLIENT.send(
        request(sim, path, headers).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  /** POST /generateAssistantResponse with the real headers and {@code token}. */
  static HttpResponse<byte[]> chat(KiroSimulator sim, String token, String body)
      throws IOException, InterruptedException {
    return post(sim, "/generateAssistantResponse", kiroHeaders(token), body);
  }

  /** Decodes a whole body; asserts it ends at a message boundary. */
  static List<Message> decode(byte[] body) {
    EventStreamDecoder decoder = new EventStreamDecoder();
    List<Message> out = new ArrayList<>();
    decoder.feed(body, out::add);
    assertThat(decoder.hasPartialMessage()).as("partial message at end of body").isFalse();
    return out;
  }

  static String eventType(Message m) {
    return m.stringHeader(":event-type")
        .or(() -> m.stringHeader(":exception-type"))
        .or(() -> m.stringHeader(":error-code"))
        .orElse("?");
  }

  static List<String> eventTypes(List<Message> messages) {
    return messages.stream().map(SimTestSupport::eventType).toList();
  }

  static JsonNode payload(Message m) {
    return Json.parse(m.payload()).orElseThrow();
  }

  /** Concatenated {@code content} of the {@code assistantResponseEvent}s. */
  static String text(List<Message> messages) {
    StringBuilder b = new StringBuilder();
    for (Message m : messages) {
      if (eventType(m).equals("assistantResponseEvent")) {
        b.append(payload(m).path("content").asText());
      }
    }
    return b.toString();
  }

  static JsonNode json(HttpResponse<byte[]> response) {
    return Json.parse(response.body()).orElseThrow();
  }

  /** A minimal valid chat body with this current content and optional context JSON. */
  static String chatBody(String content, String contextJson) {
    String ctx = contextJson.isEmpty() ? "" : ",\"userInputMessageContext\":" + contextJson;
    return "{\"conversationState\":{\"chatTriggerType\":\"MANUAL\",\"conversationId\":\"conv-1\","
        + "\"currentMessage\":{\"userInputMessage\":{\"content\":"
        + Json.write(Json.MAPPER.getNodeFactory().textNode(content))
        + ",\"modelId\":\"claude-sonnet-4.5\",\"origin\":\"AI_EDITOR\""
        + ctx
        + "}}}}";
  }

  static String chatBody(String content) {
    return chatBody(content, "");
  }
}
