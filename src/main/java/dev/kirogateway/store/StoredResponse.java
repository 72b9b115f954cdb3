package dev.kirogateway.store;

import java.time.Instant;
import java.util.Objects;

/**
 * One stored Responses API response. JSON columns are kept as text so that any store (SQLite
 * here, PostgreSQL {@code jsonb} later) can hold them without knowing their shape.
 *
 * @param id the response id ({@code resp_...})
 * @param createdAt when the response was created
 * @param expiresAt after this instant the response is gone for clients and may be purged
 * @param model the model name as the client sent it
 * @param instructions the request's {@code instructions}, {@code ""} when there were none
 * @param inputItems the whole conversation input as a JSON array of input items (for a chained
 *     request: the previous input, its output and the new input)
 * @param outputItems the response's output items as a JSON array
 * @param response the full response object as returned to the client (JSON object text)
 */
public record StoredResponse(
    String id,
    Instant createdAt,
    Instant expiresAt,
    String model,
    String instructions,
    String inputItems,
    String outputItems,
    String response) {
  public StoredResponse {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(expiresAt, "expiresAt");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(instructions, "instructions");
    Objects.requireNonNull(inputItems, "inputItems");
    Objects.requireNonNull(outputItems, "outputItems");
    Objects.requireNonNull(response, "response");
  }

  @Override
  public String toString() {
    // conversation content can be large and private: keep it out of logs
    return "StoredResponse[id=" + id + ", model=" + model + ", createdAt=" + createdAt + "]";
  }
}
