package dev.kirogateway.http;

import dev.kirogateway.chat.ChatBackend;
import dev.kirogateway.responses.ResponsesService;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * What the HTTP server serves, as built by the composition root.
 *
 * @param backend the chat backend every chat route calls
 * @param responses the Responses API state (stored responses)
 * @param models the model ids for {@code GET /v1/models}
 * @param health the state for {@code GET /health} (no secrets)
 * @param ops metrics and debug captures
 * @param extraRoutes further GET routes behind the gateway key (accounts, key usage)
 * @param clientKeys per-user keys accepted besides the admin key
 */
public record Services(
    ChatBackend backend,
    ResponsesService responses,
    Supplier<List<String>> models,
    Supplier<Map<String, Object>> health,
    OpsHooks ops,
    JsonRoutes extraRoutes,
    ClientKeys clientKeys) {
  public Services {
    Objects.requireNonNull(backend, "backend");
    Objects.requireNonNull(responses, "responses");
    Objects.requireNonNull(models, "models");
    Objects.requireNonNull(health, "health");
    Objects.requireNonNull(ops, "ops");
    Objects.requireNonNull(extraRoutes, "extraRoutes");
    Objects.requireNonNull(clientKeys, "clientKeys");
  }
}
