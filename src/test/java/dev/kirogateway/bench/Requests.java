package dev.kirogateway.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kirogateway.bench.LoadClient.Api;
import dev.kirogateway.chat.ChatRequest;
import dev.kirogateway.chat.Message;
import dev.kirogateway.chat.Reasoning;
import dev.kirogateway.chat.Role;
import dev.kirogateway.chat.ToolSpec;
import dev.kirogateway.kiro.KiroRequestBuilder;
import dev.kirogateway.kiro.RequestSettings;
import dev.kirogateway.kiro.TokenCounter;
import dev.kirogateway.model.ModelResolver;
import dev.kirogateway.model.ModelSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The one conversation every benchmark request carries (a system prompt, a user turn and a
 * declared tool), as each API spells it. The direct body is what the gateway itself builds for
 * that conversation, so both paths ask the upstream the same thing.
 */
final class Requests {
  static final String API_KEY = "bench-gateway-key";
  static final String MODEL = "claude-sonnet-4.5";
  private static final String SYSTEM = "You are a concise assistant. Answer in plain English.";
  private static final String USER =
      "Explain in two short paragraphs how a streaming gateway keeps latency low, then check the"
          + " weather in Paris.";
  private static final String SCHEMA =
      "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}},\"required\":[\"city\"]}";

  private final byte[] openAi;
  private final byte[] anthropic;
  private final byte[] direct;

  Requests() {
    ObjectMapper json = new ObjectMapper();
    openAi =
        utf8(
            "{\"model\":\"" + MODEL + "\",\"stream\":true,\"messages\":["
                + "{\"role\":\"system\",\"content\":\"" + SYSTEM + "\"},"
                + "{\"role\":\"user\",\"content\":\"" + USER + "\"}],"
                + "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"get_weather\","
                + "\"description\":\"Current weather for a city\",\"parameters\":" + SCHEMA + "}}]}");
    anthropic =
        utf8(
            "{\"model\":\"" + MODEL + "\",\"max_tokens\":1024,\"stream\":true,"
                + "\"system\":\"" + SYSTEM + "\","
                + "\"messages\":[{\"role\":\"user\",\"content\":\"" + USER + "\"}],"
                + "\"tools\":[{\"name\":\"get_weather\",\"description\":\"Current weather for a"
                + " city\",\"input_schema\":" + SCHEMA + "}]}");
    try {
      JsonNode schema = json.readTree(SCHEMA);
      ChatRequest request =
          new ChatRequest(
              MODEL,
              SYSTEM,
              List.of(Message.text(Role.USER, USER)),
              List.of(new ToolSpec("get_weather", "Current weather for a city", schema)),
              new Reasoning.Default());
      KiroRequestBuilder builder =
          new KiroRequestBuilder(
              RequestSettings.defaults(),
              ModelResolver.from(ModelSettings.defaults()),
              new TokenCounter(),
              UUID::randomUUID);
      direct = builder.build(request, Optional.empty()).body();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String path(Api api) {
    return switch (api) {
      case DIRECT -> "/generateAssistantResponse";
      case OPENAI -> "/v1/chat/completions";
      case ANTHROPIC -> "/v1/messages";
    };
  }

  Map<String, String> headers(Api api) {
    return switch (api) {
      case DIRECT ->
          Map.of(
              "Authorization", "Bearer bench-access-token",
              "x-amz-target", "AmazonCodeWhispererStreamingService.GenerateAssistantResponse");
      case OPENAI -> Map.of("Authorization", "Bearer " + API_KEY);
      case ANTHROPIC -> Map.of("x-api-key", API_KEY, "anthropic-version", "2023-06-01");
    };
  }

  String contentType(Api api) {
    return api == Api.DIRECT ? "application/x-amz-json-1.0" : "application/json";
  }

  byte[] body(Api api) {
    return switch (api) {
      case DIRECT -> direct;
      case OPENAI -> openAi;
      case ANTHROPIC -> anthropic;
    };
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
