package dev.kirogateway.kiro;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kirogateway.chat.ChatException;
import dev.kirogateway.chat.ChatRequest;
import dev.kirogateway.chat.ErrorKind;
import dev.kirogateway.chat.Reasoning;
import dev.kirogateway.model.ModelResolver;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Pattern;
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
    KiroBody body = new KiroBody(settings, modelId, ids.get().toString(), profileArn, tools, system, budget);
    byte[] bytes = body.serialise(turns);
    if (limit && bytes.length > settings.maxPayloadBytes()) {
      bytes = fit(body, turns, bytes.length);
    }
    return new KiroRequest(bytes, modelId, tools.upstreamToOriginal(), budget > 0,
        counter.estimateTexts(body.texts()) + body.imageTokens(), body.conversationId());
  }

  // R17: history images first, then the oldest turn pairs, until the body fits.
  private byte[] fit(KiroBody body, List<Turn> turns, int originalSize) {
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

}
