package dev.kirogateway.chat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * A function tool the model may call. {@code inputSchema} is the client's JSON Schema as sent
 * (may be a JSON null when the client gave none); cleanup is the upstream dialect's job.
 */
public record ToolSpec(String name, String description, JsonNode inputSchema) {
  public ToolSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(inputSchema, "inputSchema");
  }
}
