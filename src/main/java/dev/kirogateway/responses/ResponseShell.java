package dev.kirogateway.responses;

import java.util.Objects;

/** What every rendering of one response shares: its id, creation time, model and request. */
record ResponseShell(String id, long createdAt, String model, ResponsesRequest request) {
  ResponseShell {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(request, "request");
  }
}
