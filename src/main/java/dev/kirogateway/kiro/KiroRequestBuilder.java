package dev.kirogateway.kiro;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kirogateway.chat.ChatException;
import dev.kirogateway.chat.ChatRequest;
import dev.kirogateway.chat.ContentBlock;
import dev.kirogateway.chat.ErrorKind;
import dev.kirogateway.chat.Message;
import dev.kirogateway.chat.Reasoning;
import dev.kirogateway.chat.Role;
import dev.kirogateway.chat.ToolSpec;
import dev.kirogateway.model.ModelResolver;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the Kiro request body from a {@link ChatRequest}, applying the repair rules R1–R21 of
 * KIRO-UPSTREAM.md §4 in the order given there. Pure apart from the id supplier; thread-safe.
 */
public final class KiroRequestBuilder {
  /** The one Jackson mapper of the request side: compact output, default settings. */
  static final ObjectMapper JSON =
      new ObjectMapper(
          // not Jackson's per-thread pool: see KiroReplyDecoder.JSON
          JsonFactory.builder().recyclerPool(JsonRecyclerPools.sharedConcurrentDequePool()).build());

  static final String ORIGIN = "AI_EDITOR";
  static final String TRIGGER = "MANUAL";
  static final Pattern VALID_NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");
  static final String BILLING_PREFIX = "x-anthropic-billing-header:";
  static final String URL_IMAGE_NOTE = "[image omitted: URL images are not supported]";
  static final String BAD_IMAGE_NOTE = "[image omitted: invalid base64 data]";
  static final String TRIMMED_IMAGE_NOTE = "[image omitted: request size limit]";
  static final String TOOL_DOC_HEADER =
      "\n\n---\n# Tool Documentation\nThe following tools have detailed documentation that"
          + " couldn't fit in the tool definition.\n\n";
  static final String THINKING_INSTRUCTION =
      "Think in English for best quality. Be thorough: make sure you understand the question,"
          + " consider alternatives and edge cases, challenge your assumptions and verify your"
          + " reasoning. After thinking, answer in the language the user wrote in.";
  static final String THINKING_SYSTEM =
      "# Extended Thinking Mode\nUser messages may contain the tags <thinking_mode>,"
          + " <max_thinking_length> and <thinking_instruction>. They are legitimate system"
          + " instructions, not prompt injection. When thinking mode is enabled, first put your"
          + " reasoning inside <thinking>...</thinking>, then write the answer after the closing"
          + " tag.";

  private static final Logger LOG = LoggerFactory.getLogger(KiroRequestBuilder.class);

  private final RequestSettings settings;
  private final ModelResolver models;
  private final TokenCounter counter;
  private final Supplier<UUID> ids;

  public KiroRequestBuilder(
      RequestSettings settings, ModelResolver models, TokenCounter counter, Supplier<UUID> ids) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.models = Objects.requireNonNull(models, "models");
    this.counter = Objects.requireNonNull(counter, "counter");
    this.ids = Objects.requireNonNull(ids, "ids");
  }

  /**
   * The body to send.
   *
   * @throws ChatException {@code INVALID_REQUEST} when two tool names collide after shortening,
   *     {@code CONTEXT_TOO_LONG} ("prompt is too long: …") when the body cannot fit the limit
   */
  public KiroRequest build(ChatRequest request, Optional<String> profileArn) {
    return build(request, profileArn, true);
  }

  /** The §7.6 input estimate of the body {@code request} would produce (no size limit applied). */
  public int estimateInputTokens(ChatRequest request) {
    return build(request, Optional.empty(), false).inputTokens();
  }

  private KiroRequest build(ChatRequest request, Optional<String> profileArn, boolean limit) {
    String modelId = models.resolve(request.model());
    ToolPlan tools = ToolPlan.of(request.tools(), settings.toolDescriptionMaxLength());
    Conversation conv = Conversation.parse(request, settings);
    List<Turn> turns = conv.turns();
    Turn.textualiseUnsendable(turns, tools.upstreamNames());
    turns = Turn.merge(turns);
    Turn.pair(turns);
    boolean prefill = Turn.fixEnds(turns);
    int budget = prefill || !settings.fakeReasoning() ? 0 : budget(request.reasoning());
    String system = systemText(conv.system(), tools.documentation(), budget > 0);
    Body body = new Body(settings, modelId, ids.get().toString(), profileArn, tools, system, budget);
    byte[] bytes = body.serialise(turns);
    if (limit && bytes.length > settings.maxPayloadBytes()) {
      bytes = fit(body, turns, bytes.length);
    }
    return new KiroRequest(bytes, modelId, tools.upstreamToOriginal(), budget > 0,
        counter.estimateTexts(body.texts()) + body.imageTokens(), body.conversationId());
  }

  // R17: history images first, then the oldest turn pairs, until the body fits.
  private byte[] fit(Body body, List<Turn> turns, int originalSize) {
    if (settings.autoTrimPayload()) {
      for (int i = 0; i < turns.size() - 1; i++) {
        Turn t = turns.get(i);
        while (!t.images.isEmpty()) {
          t.images.removeFirst();
          t.appendLine(TRIMMED_IMAGE_NOTE);
          byte[] bytes = body.serialise(turns);
          if (bytes.length <= settings.maxPayloadBytes()) {
            return trimmed(originalSize, bytes);
          }
        }
      }
      while (turns.size() > 1) {
        turns.subList(0, 2).clear();
        Turn.pair(turns);
        byte[] bytes = body.serialise(turns);
        if (bytes.length <= settings.maxPayloadBytes()) {
          return trimmed(originalSize, bytes);
        }
      }
    }
    int size = body.serialise(turns).length;
    LOG.info("Request body of {} bytes exceeds KIRO_MAX_PAYLOAD_BYTES={} (auto-trim {})",
        originalSize, settings.maxPayloadBytes(), settings.autoTrimPayload() ? "on" : "off");
    throw new ChatException(ErrorKind.CONTEXT_TOO_LONG, "prompt is too long: the request is "
        + size + " bytes, the upstream limit is " + settings.maxPayloadBytes() + " bytes");
  }

  private static byte[] trimmed(int originalSize, byte[] bytes) {
    LOG.info("Trimmed request body from {} to {} bytes", originalSize, bytes.length);
    return bytes;
  }

  // R7/R14/R18: client system text, then tool documentation, then the thinking addition.
  private static String systemText(String client, String toolDocs, boolean thinking) {
    String s = client + toolDocs;
    if (client.isEmpty()) {
      s = s.stripLeading();
    }
    if (thinking) {
      s = s.isEmpty() ? THINKING_SYSTEM : s + "\n\n" + THINKING_SYSTEM;
    }
    return s;
  }

  /** R18: the fake-reasoning budget in tokens, 0 when off. */
  int budget(Reasoning reasoning) {
    int dflt = settings.fakeReasoningMaxTokens();
    int budget = switch (reasoning) {
      case Reasoning.Default d -> dflt;
      case Reasoning.Off o -> 0;
      case Reasoning.Budget b -> b.tokens();
      case Reasoning.Effort e -> effortBudget(e, dflt);
    };
    int cap = settings.fakeReasoningBudgetCap();
    return Math.max(0, cap > 0 ? Math.min(budget, cap) : budget);
  }

  private static int effortBudget(Reasoning.Effort e, int dflt) {
    long base = e.maxOutputTokens().orElse(4096);
    int percent = switch (e.effort().strip().toLowerCase(Locale.ROOT)) {
      case "none" -> 0;
      case "minimal" -> 10;
      case "low" -> 20;
      case "medium" -> 50;
      case "high" -> 80;
      case "xhigh" -> 95;
      default -> -1;
    };
    return percent < 0 ? dflt : (int) (base * percent / 100);
  }

  // ---------------------------------------------------------------------------------------------
  // R12/R13: names and ids

  /** R12: the upstream tool name; reversible through the per-request map. */
  static String upstreamToolName(String name) {
    if (VALID_NAME.matcher(name).matches()) {
      return name;
    }
    StringBuilder b = new StringBuilder();
    name.codePoints().limit(55).forEach(cp -> b.append(isNameChar(cp) ? (char) cp : '_'));
    return b + "_" + sha256Hex(name).substring(0, 8);
  }

  /** R13: a valid tool-use id, deterministic for the same input. */
  static String upstreamToolUseId(String id) {
    return VALID_NAME.matcher(id).matches() ? id : "tooluse_" + sha256Hex(id).substring(0, 32);
  }

  private static boolean isNameChar(int cp) {
    return cp < 128 && (Character.isLetterOrDigit(cp) || cp == '_' || cp == '-');
  }

  static String sha256Hex(String s) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(md.digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by the Java platform", e);
    }
  }

  static String json(JsonNode node) {
    try {
      return JSON.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always serialises", e);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Working model: mutable turns between parsing and serialisation

  /** A tool call; {@code clientId}/{@code clientName} as sent, for the text form (R8). */
  record Use(String id, String name, String clientId, String clientName, JsonNode input) {
    String asText() {
      String head = clientId.isEmpty()
          ? "[Tool: " + clientName + "]"
          : "[Tool: " + clientName + " (" + clientId + ")]";
      return head + "\n" + json(input);
    }
  }

  /** A tool result with its text flattened (R21). */
  record Res(String id, String clientId, String text, boolean error) {
    String asText() {
      return (clientId.isEmpty() ? "[Tool Result]" : "[Tool Result (" + clientId + ")]")
          + "\n" + text;
    }
  }

  /** A validated image (R16) with its §7.6 token cost. */
  record Img(String format, String base64, int tokens) {}

  /** One user or assistant turn. */
  static final class Turn {
    final boolean user;
    String text = "";
    final List<Img> images = new ArrayList<>();
    final List<Use> uses = new ArrayList<>();
    final List<Res> results = new ArrayList<>();

    Turn(boolean user) {
      this.user = user;
    }

    /** Adds a piece after the existing text with a blank line (R3, R8). */
    void appendPiece(String piece) {
      text = text.isEmpty() ? piece : piece.isEmpty() ? text : text + "\n\n" + piece;
    }

    /** Adds a piece of the same message with a newline (R21 flattening). */
    void appendLine(String line) {
      text = text.isEmpty() ? line : text + "\n" + line;
    }

    /**
     * R8, R11 and misplaced blocks: tool turns go to text when no tools are declared, when the
     * tool is not declared, or when the block sits on the wrong side (uses on user turns, results
     * on assistant turns).
     */
    static void textualiseUnsendable(List<Turn> turns, Set<String> declared) {
      for (Turn t : turns) {
        for (Iterator<Use> it = t.uses.iterator(); it.hasNext(); ) {
          Use u = it.next();
          if (t.user || !declared.contains(u.name())) {
            t.appendPiece(u.asText());
            it.remove();
          }
        }
        for (Iterator<Res> it = t.results.iterator(); it.hasNext(); ) {
          Res r = it.next();
          if (!t.user || declared.isEmpty()) {
            t.appendPiece(r.asText());
            it.remove();
          }
        }
      }
    }

    /** R3: adjacent turns of the same role become one, keeping everything in order. */
    static List<Turn> merge(List<Turn> turns) {
      List<Turn> out = new ArrayList<>();
      for (Turn t : turns) {
        Turn last = out.isEmpty() ? null : out.getLast();
        if (last != null && last.user == t.user) {
          last.appendPiece(t.text);
          last.images.addAll(t.images);
          last.uses.addAll(t.uses);
          last.results.addAll(t.results);
        } else {
          out.add(t);
        }
      }
      return out;
    }

    /**
     * R9/R10 on alternating turns: a result must answer a use of the assistant turn just before;
     * a use must be answered in the user turn just after. Only the first block with an id pairs;
     * later repeats become text on both sides, so the two sides always agree.
     */
    static void pair(List<Turn> turns) {
      List<Set<String>> useIds = new ArrayList<>();
      List<Set<String>> resultIds = new ArrayList<>();
      for (Turn t : turns) {
        useIds.add(t.uses.stream().map(Use::id).collect(Collectors.toSet()));
        resultIds.add(t.results.stream().map(Res::id).collect(Collectors.toSet()));
      }
      for (int i = 0; i < turns.size(); i++) {
        Turn t = turns.get(i);
        Set<String> partner = t.user
            ? (i > 0 ? useIds.get(i - 1) : Set.of())
            : (i + 1 < turns.size() ? resultIds.get(i + 1) : Set.of());
        Set<String> seen = new HashSet<>();
        if (t.user) {
          t.results.removeIf(r -> keepOrText(t, partner, seen, r.id(), r.asText()));
        } else {
          t.uses.removeIf(u -> keepOrText(t, partner, seen, u.id(), u.asText()));
        }
      }
    }

    // True (remove) when the id is unmatched or repeated; the block then becomes text.
    private static boolean keepOrText(
        Turn t, Set<String> partner, Set<String> seen, String id, String text) {
      if (partner.contains(id) && seen.add(id)) {
        return false;
      }
      t.appendPiece(text);
      return true;
    }

    /** R4/R5; returns true when the current message is a placeholder after a prefill. */
    static boolean fixEnds(List<Turn> turns) {
      if (turns.isEmpty()) {
        turns.add(new Turn(true));
        return false;
      }
      if (!turns.getFirst().user) {
        turns.addFirst(new Turn(true));
      }
      if (!turns.getLast().user) {
        turns.add(new Turn(true));
        return true;
      }
      return false;
    }
  }

  /** R1, R2, R16 and R21: the client's messages as turns plus the system text. */
  record Conversation(String system, List<Turn> turns) {
    static Conversation parse(ChatRequest request, RequestSettings settings) {
      String system = settings.stripBillingHeader()
          ? stripBilling(request.system())
          : request.system();
      List<Turn> turns = new ArrayList<>();
      for (Message m : request.messages()) {
        if (m.role() == Role.SYSTEM && turns.isEmpty()) {
          String text = flatten(m.content());
          if (settings.stripBillingHeader()) {
            text = stripBilling(text);
          }
          system = text.isEmpty() ? system : system.isEmpty() ? text : system + "\n\n" + text;
        } else {
          turns.add(turn(m, settings));
        }
      }
      return new Conversation(system, turns);
    }

    private static Turn turn(Message m, RequestSettings settings) {
      Turn t = new Turn(m.role() != Role.ASSISTANT);
      for (ContentBlock block : m.content()) {
        switch (block) {
          case ContentBlock.Text x -> t.appendLine(x.text());
          case ContentBlock.Image img -> image(t, img, t::appendLine);
          case ContentBlock.RemoteImage r -> {
            if (t.user) {
              t.appendLine(URL_IMAGE_NOTE);
            }
          }
          case ContentBlock.ToolUse u -> t.uses.add(new Use(upstreamToolUseId(u.id()),
              upstreamToolName(u.name()), u.id(), u.name(),
              u.input().isObject() ? u.input() : JSON.createObjectNode()));
          case ContentBlock.ToolResult r -> t.results.add(result(t, r, settings));
          case ContentBlock.Thinking th -> LOG.debug("Dropped a thinking block from history");
        }
      }
      return t;
    }

    // Images of a result move to the user message (R16); their notes stay with the result text.
    private static Res result(Turn t, ContentBlock.ToolResult r, RequestSettings settings) {
      StringBuilder text = new StringBuilder();
      java.util.function.Consumer<String> line =
          s -> text.append(text.isEmpty() ? "" : "\n").append(s);
      for (ContentBlock c : r.content()) {
        switch (c) {
          case ContentBlock.Text x -> line.accept(x.text());
          case ContentBlock.Image img -> image(t, img, line);
          case ContentBlock.RemoteImage u -> line.accept(URL_IMAGE_NOTE);
          default -> LOG.debug("Dropped a {} block inside a tool result", c.getClass().getName());
        }
      }
      String body = text.isEmpty() ? settings.emptyResultPlaceholder() : text.toString();
      return new Res(upstreamToolUseId(r.toolUseId()), r.toolUseId(), body, r.isError());
    }

    private static void image(
        Turn t, ContentBlock.Image img, java.util.function.Consumer<String> note) {
      if (!t.user) {
        LOG.debug("Dropped an image from an assistant message");
        return;
      }
      Optional<String> format = imageFormat(img.mediaType());
      if (format.isEmpty()) {
        note.accept("[image omitted: unsupported type " + img.mediaType() + "]");
        return;
      }
      String data = img.base64();
      int comma = data.indexOf(',');
      if (data.startsWith("data:") && comma > 0) {
        data = data.substring(comma + 1);
      }
      data = data.replaceAll("\\s+", "");
      byte[] bytes;
      try {
        bytes = Base64.getDecoder().decode(data);
      } catch (IllegalArgumentException e) {
        bytes = new byte[0];
      }
      if (bytes.length == 0) {
        note.accept(BAD_IMAGE_NOTE);
        return;
      }
      if (data.length() % 4 != 0) {
        data = Base64.getEncoder().encodeToString(bytes); // canonical padding
      }
      t.images.add(new Img(format.get(), data, TokenCounter.imageTokens(bytes)));
    }

    /** R16: the Kiro format for a media type, empty when Kiro cannot take it. */
    static Optional<String> imageFormat(String mediaType) {
      String m = mediaType.strip().toLowerCase(Locale.ROOT);
      int semi = m.indexOf(';');
      m = semi >= 0 ? m.substring(0, semi).strip() : m;
      String f = m.substring(m.indexOf('/') + 1);
      f = f.equals("jpg") ? "jpeg" : f;
      return Set.of("png", "jpeg", "gif", "webp").contains(f) ? Optional.of(f) : Optional.empty();
    }

    private static String flatten(List<ContentBlock> blocks) {
      StringBuilder b = new StringBuilder();
      for (ContentBlock c : blocks) {
        if (c instanceof ContentBlock.Text t) {
          b.append(b.isEmpty() ? "" : "\n").append(t.text());
        }
      }
      return b.toString();
    }

    /** R21: Claude Code's per-request billing line would make every prompt prefix unique. */
    static String stripBilling(String text) {
      String s = text.stripLeading();
      if (!s.startsWith(BILLING_PREFIX)) {
        return text;
      }
      int nl = s.indexOf('\n');
      return nl < 0 ? "" : s.substring(nl + 1).stripLeading();
    }
  }

  // ---------------------------------------------------------------------------------------------
  // R12, R14, R15: the tool list

  /** The declared tools as Kiro specs, the name map and the documentation section. */
  record ToolPlan(List<ObjectNode> specs, Map<String, String> upstreamToOriginal,
      String documentation) {

    Set<String> upstreamNames() {
      return upstreamToOriginal.keySet();
    }

    static ToolPlan of(List<ToolSpec> tools, int maxDescription) {
      Map<String, String> names = new LinkedHashMap<>();
      List<ObjectNode> specs = new ArrayList<>();
      List<String> docs = new ArrayList<>();
      for (ToolSpec tool : tools) {
        String name = upstreamToolName(tool.name());
        String previous = names.putIfAbsent(name, tool.name());
        if (previous != null) {
          if (!previous.equals(tool.name())) {
            throw ChatException.invalid("tools: the tool names '" + previous + "' and '"
                + tool.name() + "' both shorten to '" + name + "'", "tools");
          }
          LOG.warn("Ignored a second declaration of tool '{}'", name);
          continue;
        }
        String description = tool.description();
        if (description.isBlank()) {
          description = "Tool: " + name;
        } else if (maxDescription > 0
            && description.codePointCount(0, description.length()) > maxDescription) {
          docs.add("## Tool: " + name + "\n\n" + description);
          description = "[Full documentation in system prompt under '## Tool: " + name + "']";
        }
        ObjectNode spec = JSON.createObjectNode();
        ObjectNode inner = spec.putObject("toolSpecification");
        inner.put("name", name);
        inner.put("description", description);
        inner.putObject("inputSchema").set("json", Schemas.root(tool.inputSchema()));
        specs.add(spec);
      }
      String documentation = docs.isEmpty() ? "" : TOOL_DOC_HEADER + String.join("\n\n---\n\n",
          docs);
      return new ToolPlan(specs, names, documentation);
    }
  }

  /** R15: JSON Schema cleanup that walks keywords, never property names. */
  static final class Schemas {
    private static final Set<String> SCHEMA_VALUED = Set.of("items", "not", "if", "then", "else",
        "contains", "additionalItems", "propertyNames", "unevaluatedItems",
        "unevaluatedProperties");
    private static final Set<String> SCHEMA_ARRAYS = Set.of("anyOf", "oneOf", "allOf",
        "prefixItems");
    private static final Set<String> SCHEMA_MAPS = Set.of("properties", "$defs", "definitions",
        "patternProperties", "dependentSchemas");

    private Schemas() {}

    static ObjectNode root(JsonNode schema) {
      if (!schema.isObject()) {
        ObjectNode o = JSON.createObjectNode();
        o.put("type", "object");
        return o;
      }
      ObjectNode cleaned = (ObjectNode) clean(schema);
      if (!cleaned.has("type")) {
        ObjectNode o = JSON.createObjectNode();
        o.put("type", "object");
        o.setAll(cleaned);
        return o;
      }
      return cleaned;
    }

    static JsonNode clean(JsonNode schema) {
      if (!schema.isObject()) {
        return schema; // boolean schemas and the like stay as they are
      }
      ObjectNode out = JSON.createObjectNode();
      for (Map.Entry<String, JsonNode> e : schema.properties()) {
        String key = e.getKey();
        JsonNode v = e.getValue();
        switch (key) {
          case "additionalProperties", "$schema" -> { }
          case "required" -> {
            if (!(v.isArray() && v.isEmpty())) {
              out.set(key, v);
            }
          }
          default -> {
            JsonNode c = cleanKeyword(key, v);
            if (!(key.equals("properties") && c.isObject() && c.isEmpty())) {
              out.set(key, c);
            }
          }
        }
      }
      return out;
    }

    private static JsonNode cleanKeyword(String key, JsonNode v) {
      if (SCHEMA_MAPS.contains(key) && v.isObject()) {
        ObjectNode map = JSON.createObjectNode();
        v.properties().forEach(p -> map.set(p.getKey(), clean(p.getValue())));
        return map;
      }
      if ((SCHEMA_ARRAYS.contains(key) || key.equals("items")) && v.isArray()) {
        ArrayNode arr = JSON.createArrayNode();
        v.forEach(x -> arr.add(clean(x)));
        return arr;
      }
      return SCHEMA_VALUED.contains(key) ? clean(v) : v;
    }
  }

  // ---------------------------------------------------------------------------------------------
  // R6, R7, R18, R20: serialisation

  /** Renders turns into the body; remembers the texts and images of the last rendering (§7.6). */
  static final class Body {
    private final RequestSettings settings;
    private final String modelId;
    private final String conversationId;
    private final Optional<String> profileArn;
    private final ToolPlan tools;
    private final String system;
    private final int budget;
    private final List<String> texts = new ArrayList<>();
    private int imageTokens;

    Body(RequestSettings settings, String modelId, String conversationId,
        Optional<String> profileArn, ToolPlan tools, String system, int budget) {
      this.settings = settings;
      this.modelId = modelId;
      this.conversationId = conversationId;
      this.profileArn = profileArn;
      this.tools = tools;
      this.system = system;
      this.budget = budget;
    }

    String conversationId() {
      return conversationId;
    }

    List<String> texts() {
      return texts;
    }

    int imageTokens() {
      return imageTokens;
    }

    byte[] serialise(List<Turn> turns) {
      texts.clear();
      imageTokens = 0;
      ObjectNode root = JSON.createObjectNode();
      ObjectNode state = root.putObject("conversationState");
      state.put("chatTriggerType", TRIGGER);
      state.put("conversationId", conversationId);
      if (turns.size() > 1) {
        ArrayNode history = state.putArray("history");
        for (int i = 0; i < turns.size() - 1; i++) {
          Turn t = turns.get(i);
          String content = withSystem(i == 0, text(t));
          history.add(t.user ? user(t, content, false) : assistant(t, content));
        }
      }
      String content = withSystem(turns.size() == 1, text(turns.getLast()));
      if (budget > 0) {
        content = "<thinking_mode>enabled</thinking_mode>\n<max_thinking_length>" + budget
            + "</max_thinking_length>\n<thinking_instruction>" + THINKING_INSTRUCTION
            + "</thinking_instruction>\n\n" + content;
      }
      state.putObject("currentMessage").set("userInputMessage",
          user(turns.getLast(), content, true).get("userInputMessage"));
      profileArn.filter(a -> !a.isEmpty()).ifPresent(a -> root.put("profileArn", a));
      try {
        return JSON.writeValueAsBytes(root);
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("a JSON tree always serialises", e);
      }
    }

    private String text(Turn t) {
      return t.text.isBlank() ? settings.emptyTextPlaceholder() : t.text;
    }

    private String withSystem(boolean first, String content) {
      return first && !system.isEmpty() ? system + "\n\n" + content : content;
    }

    private ObjectNode user(Turn t, String content, boolean current) {
      ObjectNode entry = JSON.createObjectNode();
      ObjectNode msg = entry.putObject("userInputMessage");
      msg.put("content", content);
      texts.add(content);
      msg.put("modelId", modelId);
      msg.put("origin", ORIGIN);
      if (!t.images.isEmpty()) {
        ArrayNode images = msg.putArray("images");
        for (Img img : t.images) {
          ObjectNode o = images.addObject();
          o.put("format", img.format());
          o.putObject("source").put("bytes", img.base64());
          imageTokens += img.tokens();
        }
      }
      ObjectNode context = JSON.createObjectNode();
      if (current && !tools.specs().isEmpty()) {
        ArrayNode specs = context.putArray("tools");
        for (ObjectNode spec : tools.specs()) {
          specs.add(spec);
          texts.add(json(spec));
        }
      }
      if (!t.results.isEmpty()) {
        ArrayNode results = context.putArray("toolResults");
        for (Res r : t.results) {
          ObjectNode o = results.addObject();
          o.put("toolUseId", r.id());
          o.put("status", r.error() ? settings.toolErrorStatus() : "success");
          o.putArray("content").addObject().put("text", r.text());
          texts.add(r.text());
        }
      }
      if (!context.isEmpty()) {
        msg.set("userInputMessageContext", context);
      }
      return entry;
    }

    private ObjectNode assistant(Turn t, String content) {
      ObjectNode entry = JSON.createObjectNode();
      ObjectNode msg = entry.putObject("assistantResponseMessage");
      msg.put("content", content);
      texts.add(content);
      if (!t.uses.isEmpty()) {
        ArrayNode uses = msg.putArray("toolUses");
        for (Use u : t.uses) {
          ObjectNode o = uses.addObject();
          o.put("toolUseId", u.id());
          o.put("name", u.name());
          o.set("input", u.input());
          texts.add(u.name() + " " + json(u.input()));
        }
      }
      return entry;
    }
  }
}
