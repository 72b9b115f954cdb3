package dev.kirogateway.accounts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The parts of a GetUsageLimits answer the gateway shows (KIRO-UPSTREAM.md §2.4).
 *
 * @param subscription e.g. "KIRO FREE"
 * @param used credits used this period
 * @param limit credits allowed this period
 * @param nextReset when the period ends
 */
record UsageLimits(
    Optional<String> subscription,
    OptionalDouble used,
    OptionalDouble limit,
    Optional<Instant> nextReset) {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Parses the reply; prefers the {@code …WithPrecision} figures. Pure. */
  static Optional<UsageLimits> parse(byte[] body) {
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (IOException e) {
      return Optional.empty();
    }
    if (root == null || !root.isObject()) {
      return Optional.empty();
    }
    Optional<String> title =
        Optional.of(root.path("subscriptionInfo").path("subscriptionTitle"))
            .filter(JsonNode::isTextual)
            .map(JsonNode::asText);
    JsonNode credit = creditEntry(root.path("usageBreakdownList"));
    OptionalDouble used = OptionalDouble.empty();
    OptionalDouble limit = OptionalDouble.empty();
    Optional<Instant> reset = epoch(root.path("nextDateReset"));
    if (credit != null) {
      used = number(credit, "currentUsage");
      limit = number(credit, "usageLimit");
      reset = reset.or(() -> epoch(credit.path("nextDateReset")));
    }
    return Optional.of(new UsageLimits(title, used, limit, reset));
  }

  /** The CREDIT entry, else the first one. */
  private static JsonNode creditEntry(JsonNode list) {
    JsonNode first = null;
    for (JsonNode item : list) {
      if ("CREDIT".equals(item.path("resourceType").asText())) {
        return item;
      }
      first = first == null ? item : first;
    }
    return first;
  }

  private static OptionalDouble number(JsonNode node, String field) {
    JsonNode precise = node.path(field + "WithPrecision");
    JsonNode plain = node.path(field);
    return precise.isNumber()
        ? OptionalDouble.of(precise.asDouble())
        : plain.isNumber() ? OptionalDouble.of(plain.asDouble()) : OptionalDouble.empty();
  }

  private static Optional<Instant> epoch(JsonNode node) {
    return node.isNumber() && node.asLong() > 0
        ? Optional.of(Instant.ofEpochSecond(node.asLong()))
        : Optional.empty();
  }

  /** Credits left this period, when both figures are known. */
  OptionalDouble remaining() {
    return used.isPresent() && limit.isPresent()
        ? OptionalDouble.of(Math.max(0, limit.getAsDouble() - used.getAsDouble()))
        : OptionalDouble.empty();
  }

  Map<String, Object> view() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("subscription", subscription.orElse(null));
    m.put("creditsUsed", used.isPresent() ? used.getAsDouble() : null);
    m.put("creditLimit", limit.isPresent() ? limit.getAsDouble() : null);
    m.put("creditsRemaining", remaining().isPresent() ? remaining().getAsDouble() : null);
    m.put("nextReset", nextReset.map(Instant::toString).orElse(null));
    return m;
  }
}
