package dev.kirogateway.sim;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kirogateway.sim.Scenario.HttpError;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Checks a {@code generateAssistantResponse} request the way Kiro is known to (§11 items 1, 7-21)
 * and returns the exact error Kiro would answer. Pure: no I/O, JSON key order is irrelevant.
 */
final class KiroRequestValidator {
  static final String TARGET = "AmazonCodeWhispererStreamingService.GenerateAssistantResponse";
  static final int MAX_BODY_BYTES = 615_000;
  static final int MAX_DESCRIPTION_CHARS = 10_240;
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");
  private static final Set<String> IMAGE_FORMATS = Set.of("png", "jpeg", "gif", "webp");
  private static final Map<String, Set<String>> FIELDS =
      Map.ofEntries(
          Map.entry("request", Set.of("conversationState", "profileArn")),
          Map.entry(
              "state", Set.of("chatTriggerType", "conversationId", "currentMessage", "history")),
          Map.entry("current", Set.of("userInputMessage")),
          Map.entry(
              "user", Set.of("content", "modelId", "origin", "images", "userInputMessageContext")),
          Map.entry("context", Set.of("tools", "toolResults")),
          Map.entry("image", Set.of("format", "source")),
          Map.entry("imageSource", Set.of("bytes")),
          Map.entry("tool", Set.of("toolSpecification")),
          Map.entry("spec", Set.of("name", "description", "inputSchema")),
          Map.entry("inputSchema", Set.of("json")),
          Map.entry("toolResult", Set.of("toolUseId", "status", "content")),
          Map.entry("resultContent", Set.of("text")),
          Map.entry("assistant", Set.of("content", "toolUses", "messageId")),
          Map.entry("toolUse", Set.of("toolUseId", "name", "input")));

  /** The knobs that change what is accepted. */
  record Rules(
      boolean strictHeaders,
      boolean strictBody,
      List<String> models,
      long maxInputTokens,
      boolean descriptionLimitAs500,
      ProfileArnMode profileArnMode) {
    Rules {
      models = List.copyOf(models);
    }

    static Rules from(SimulatorOptions o, ProfileArnMode mode) {
      return new Rules(
          o.strictHeaders(),
          o.strictBody(),
          o.models(),
          o.maxInputTokens(),
          o.descriptionLimitAs500(),
          mode);
    }
  }

  /** Thrown inside the checks to stop at the first rejection. */
  private static final class Rejected extends RuntimeException {
    final HttpError error;

    Rejected(HttpError error) {
      super(null, null, false, false);
      this.error = error;
    }
  }

  private final Rules rules;

  KiroRequestValidator(Rules rules) {
    this.rules = rules;
  }

  /** Header rules (§11 item 1); {@code headers} must be case-insensitive. */
  Optional<HttpError> checkHeaders(Map<String, String> headers) {
    String contentType = headers.getOrDefault("Content-Type", "");
    if (rules.strictHeaders()) {
      boolean ok =
          contentType.equals("application/x-amz-json-1.0")
              && TARGET.equals(headers.get("x-amz-target"))
              && headers.getOrDefault("Authorization", "").startsWith("Bearer ")
              && headers.getOrDefault("User-Agent", "").contains("KiroIDE-")
              && headers.getOrDefault("x-amz-user-agent", "").contains("KiroIDE-")
              && Set.of("true", "false").contains(headers.get("x-amzn-codewhisperer-optout"))
              && headers.containsKey("x-amzn-kiro-agent-mode")
              && isUuid(headers.get("amz-sdk-invocation-id"))
              && headers.containsKey("amz-sdk-request");
      return ok ? Optional.empty() : Optional.of(HttpError.improperlyFormed());
    }
    String media = contentType.split(";", 2)[0].strip();
    boolean ok = media.equals("application/json") || media.equals("application/x-amz-json-1.0");
    return ok ? Optional.empty() : Optional.of(HttpError.improperlyFormed());
  }

  /** Body rules (§11 items 7-21), first failing rule wins. */
  Optional<HttpError> checkBody(byte[] body) {
    try {
      check(body);
      return Optional.empty();
    } catch (Rejected r) {
      return Optional.of(r.error);
    }
  }

  /** One conversation turn, unwrapped from its history entry or the current message. */
  private record Turn(boolean user, JsonNode message) {}

  private void check(byte[] body) {
    JsonNode root = Json.parse(body).orElseThrow(KiroRequestValidator::improperlyFormed);
    require(root.isObject());
    int compactBytes = Json.compactBytes(root).length;
    require(compactBytes <= MAX_BODY_BYTES);
    JsonNode state = object(root, "conversationState");
    require(text(state, "chatTriggerType").isPresent());
    JsonNode current = object(object(state, "currentMessage"), "userInputMessage");
    require(text(current, "content").isPresent());
    String modelId = text(current, "modelId").orElseThrow(KiroRequestValidator::improperlyFormed);
    require(text(current, "origin").isPresent());
    List<Turn> turns = new ArrayList<>(history(state));
    turns.add(new Turn(true, current));
    if (rules.strictBody()) {
      require(text(state, "conversationId").isPresent());
      checkKnownFields(root, state, turns);
    }
    checkProfileArn(root);
    if (!rules.models().contains(modelId)) {
      throw new Rejected(HttpError.invalidModel());
    }
    checkOrder(turns);
    checkContents(turns);
    checkImages(turns);
    Set<String> toolNames = checkToolSpecs(current);
    checkToolUsesAndResults(turns, toolNames);
    if (compactBytes / 4 > rules.maxInputTokens()) {
      throw new Rejected(HttpError.inputTooLong());
    }
  }

  private void checkProfileArn(JsonNode root) {
    JsonNode arn = root.get("profileArn");
    boolean present = arn != null && !arn.isNull();
    if (present && (!arn.isTextual() || arn.asText().isEmpty())) {
      throw improperlyFormed();
    }
    if (rules.profileArnMode() == ProfileArnMode.REQUIRED && !present) {
      throw new Rejected(HttpError.profileArnRequired());
    }
    if (rules.profileArnMode() == ProfileArnMode.FORBIDDEN && present) {
      throw new Rejected(HttpError.notAuthorized());
    }
  }

  /** User first, strictly alternating; the current (user) message comes last (rule 10). */
  private static void checkOrder(List<Turn> turns) {
    for (int i = 0; i < turns.size(); i++) {
      require(turns.get(i).user() == (i % 2 == 0));
    }
  }

  /** Rule 9: empty content only in lenient mode and only on turns that carry tool data. */
  private void checkContents(List<Turn> turns) {
    for (Turn t : turns) {
      String content =
          text(t.message(), "content").orElseThrow(KiroRequestValidator::improperlyFormed);
      if (content.isEmpty()) {
        boolean carriesTools =
            t.user()
                ? !array(context(t.message()), "toolResults").isEmpty()
                : !array(t.message(), "toolUses").isEmpty();
        require(!rules.strictBody() && carriesTools);
      }
    }
  }

  /** Rule 17. */
  private static void checkImages(List<Turn> turns) {
    for (Turn t : turns) {
      if (!t.user()) {
        continue;
      }
      require(!context(t.message()).has("images"));
      for (JsonNode image : array(t.message(), "images")) {
        require(IMAGE_FORMATS.contains(text(image, "format").orElse("")));
        String bytes =
            text(object(image, "source"), "bytes")
                .orElseThrow(KiroRequestValidator::improperlyFormed);
        try {
          Base64.getDecoder().decode(bytes);
        } catch (IllegalArgumentException e) {
          throw improperlyFormed();
        }
      }
    }
  }

  /** Rules 14 (names), 15 and 16 over the current message's tool specs. */
  private Set<String> checkToolSpecs(JsonNode current) {
    Set<String> names = new HashSet<>();
    for (JsonNode tool : array(context(current), "tools")) {
      JsonNode spec = object(tool, "toolSpecification");
      String name = text(spec, "name").orElseThrow(KiroRequestValidator::improperlyFormed);
      if (!NAME.matcher(name).matches()) {
        throw invalidToolUse();
      }
      String description = text(spec, "description").orElse("");
      require(!description.isEmpty());
      if (description.codePointCount(0, description.length()) > MAX_DESCRIPTION_CHARS) {
        throw new Rejected(
            rules.descriptionLimitAs500()
                ? HttpError.internalError()
                : HttpError.improperlyFormed());
      }
      require(!badSchema(object(object(spec, "inputSchema"), "json")));
      names.add(name);
    }
    return names;
  }

  /** Rules 11-14 over tool uses (assistant turns) and tool results (user turns). */
  private static void checkToolUsesAndResults(List<Turn> turns, Set<String> toolNames) {
    for (int i = 0; i < turns.size(); i++) {
      Turn t = turns.get(i);
      if (t.user()) {
        List<JsonNode> results = array(context(t.message()), "toolResults");
        require(results.isEmpty() || !toolNames.isEmpty());
        Set<String> answerable = i > 0 ? toolUseIds(turns.get(i - 1)) : Set.of();
        for (JsonNode r : results) {
          String id = validId(r);
          require(
              text(r, "status").filter(s -> s.equals("success") || s.equals("error")).isPresent());
          require(!array(r, "content").isEmpty());
          require(answerable.contains(id));
        }
      } else {
        Set<String> answered = i + 1 < turns.size() ? toolResultIds(turns.get(i + 1)) : Set.of();
        for (JsonNode use : array(t.message(), "toolUses")) {
          String id = validId(use);
          String name = text(use, "name").orElseThrow(KiroRequestValidator::invalidToolUse);
          if (!NAME.matcher(name).matches() || !toolNames.contains(name)) {
            throw invalidToolUse();
          }
          require(use.path("input").isObject());
          require(answered.contains(id));
        }
      }
    }
  }

  private static String validId(JsonNode node) {
    String id = text(node, "toolUseId").orElseThrow(KiroRequestValidator::invalidToolUse);
    if (!NAME.matcher(id).matches()) {
      throw invalidToolUse();
    }
    return id;
  }

  private static Set<String> toolUseIds(Turn t) {
    Set<String> ids = new HashSet<>();
    if (!t.user()) {
      array(t.message(), "toolUses").forEach(u -> ids.add(u.path("toolUseId").asText()));
    }
    return ids;
  }

  private static Set<String> toolResultIds(Turn t) {
    Set<String> ids = new HashSet<>();
    if (t.user()) {
      array(context(t.message()), "toolResults")
          .forEach(r -> ids.add(r.path("toolUseId").asText()));
    }
    return ids;
  }

  /** Walks schema keywords (not property names) looking for what Kiro rejects (rule 16). */
  static boolean badSchema(JsonNode s) {
    if (!s.isObject()) {
      return false;
    }
    if (s.has("additionalProperties")) {
      return true;
    }
    JsonNode required = s.get("required");
    if (required != null && required.isArray() && required.isEmpty()) {
      return true;
    }
    List<JsonNode> children = new ArrayList<>();
    for (String key : List.of("properties", "$defs", "definitions", "patternProperties")) {
      s.path(key).forEach(children::add);
    }
    for (String key : List.of("items", "anyOf", "oneOf", "allOf", "not", "prefixItems")) {
      JsonNode n = s.get(key);
      if (n != null && n.isArray()) {
        n.forEach(children::add);
      } else if (n != null) {
        children.add(n);
      }
    }
    return children.stream().anyMatch(KiroRequestValidator::badSchema);
  }

  /** Rule 21: every object carries only §3.1 fields. */
  private static void checkKnownFields(JsonNode root, JsonNode state, List<Turn> turns) {
    known(root, "request");
    known(state, "state");
    known(state.get("currentMessage"), "current");
    for (JsonNode entry : state.path("history")) {
      require(entry.size() == 1);
    }
    for (Turn t : turns) {
      JsonNode m = t.message();
      if (t.user()) {
        known(m, "user");
        known(m.get("userInputMessageContext"), "context");
        for (JsonNode image : array(m, "images")) {
          known(image, "image");
          known(image.path("source"), "imageSource");
        }
        for (JsonNode tool : array(context(m), "tools")) {
          known(tool, "tool");
          known(tool.path("toolSpecification"), "spec");
          known(tool.path("toolSpecification").path("inputSchema"), "inputSchema");
        }
        for (JsonNode r : array(context(m), "toolResults")) {
          known(r, "toolResult");
          array(r, "content").forEach(c -> known(c, "resultContent"));
        }
      } else {
        known(m, "assistant");
        array(m, "toolUses").forEach(u -> known(u, "toolUse"));
      }
    }
  }

  private static void known(JsonNode node, String kind) {
    if (node == null || !node.isObject()) {
      return;
    }
    Set<String> allowed = FIELDS.get(kind);
    node.fieldNames().forEachRemaining(f -> require(allowed.contains(f)));
  }

  /** History entries, each unwrapped to its user or assistant message. */
  private static List<Turn> history(JsonNode state) {
    JsonNode h = state.get("history");
    if (h == null || h.isNull()) {
      return List.of();
    }
    require(h.isArray());
    List<Turn> out = new ArrayList<>();
    for (JsonNode entry : h) {
      require(entry.isObject());
      JsonNode user = entry.get("userInputMessage");
      JsonNode assistant = entry.get("assistantResponseMessage");
      require((user == null) != (assistant == null));
      JsonNode m = user != null ? user : assistant;
      require(m.isObject());
      out.add(new Turn(user != null, m));
    }
    return out;
  }

  private static JsonNode context(JsonNode m) {
    JsonNode c = m.get("userInputMessageContext");
    if (c == null || c.isNull()) {
      return Json.object();
    }
    require(c.isObject());
    return c;
  }

  private static List<JsonNode> array(JsonNode parent, String field) {
    JsonNode n = parent.get(field);
    if (n == null || n.isNull()) {
      return List.of();
    }
    require(n.isArray());
    List<JsonNode> out = new ArrayList<>();
    n.forEach(out::add);
    return out;
  }

  private static JsonNode object(JsonNode parent, String field) {
    JsonNode n = parent.get(field);
    require(n != null && n.isObject());
    return n;
  }

  private static Optional<String> text(JsonNode parent, String field) {
    JsonNode n = parent.get(field);
    return n != null && n.isTextual() ? Optional.of(n.asText()) : Optional.empty();
  }

  private static boolean isUuid(String s) {
    try {
      return s != null && UUID.fromString(s).toString().equals(s.toLowerCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static void require(boolean condition) {
    if (!condition) {
      throw improperlyFormed();
    }
  }

  private static Rejected improperlyFormed() {
    return new Rejected(HttpError.improperlyFormed());
  }

  private static Rejected invalidToolUse() {
    return new Rejected(HttpError.invalidToolUseFormat());
  }
}
