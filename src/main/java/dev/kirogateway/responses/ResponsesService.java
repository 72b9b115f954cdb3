package dev.kirogateway.responses;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kirogateway.chat.ChatException;
import dev.kirogateway.chat.ChatRequest;
import dev.kirogateway.chat.ErrorKind;
import dev.kirogateway.chat.Message;
import dev.kirogateway.chat.Reasoning;
import dev.kirogateway.sse.RequestJson;
import dev.kirogateway.store.ResponseStore;
import dev.kirogateway.store.StoreException;
import dev.kirogateway.store.StoredResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Responses API's state: turns a request body into a {@link ResponsesTurn} (rebuilding the
 * conversation from {@code previous_response_id}), stores finished responses when {@code store} is
 * true, and serves {@code GET}/{@code DELETE /v1/responses/{id}}. Thread-safe.
 */
public final class ResponsesService {
  private static final Logger LOG = LoggerFactory.getLogger(ResponsesService.class);

  private final ResponseStore store;
  private final Clock clock;
  private final Duration retention;
  private final ResponseIds ids;

  /**
   * @param retention how long stored responses live ({@code RESPONSES_RETENTION_DAYS})
   * @param ids the id source; {@link ResponseIds#random()} in production
   */
  public ResponsesService(ResponseStore store, Clock clock, Duration retention, ResponseIds ids) {
    this.store = Objects.requireNonNull(store, "store");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.retention = Objects.requireNonNull(retention, "retention");
    this.ids = Objects.requireNonNull(ids, "ids");
  }

  /**
   * Parses {@code body} and prepares the call.
   *
   * @throws ChatException {@code INVALID_REQUEST} for a malformed body, {@code NOT_FOUND} for an
   *     unknown {@code previous_response_id}
   */
  public ResponsesTurn begin(byte[] body) {
    ResponsesRequest req = ResponsesParser.parse(body);
    ArrayNode conversation = RequestJson.mapper().createArrayNode();
    String model = req.model();
    if (!req.previousResponseId().isEmpty()) {
      StoredResponse prev = previous(req.previousResponseId());
      conversation.addAll(array(prev.inputItems()));
      conversation.addAll(array(prev.outputItems()));
      if (model.isEmpty()) {
        model = prev.model();
      }
    }
    conversation.addAll(req.input());
    if (model.isBlank()) {
      throw ChatException.invalid("'model' is required and must be a non-empty string.", "model");
    }
    List<Message> messages = InputItems.toMessages(conversation, "input");
    if (messages.isEmpty()) {
      throw ChatException.invalid(
          "'input' must contain at least one message (a string or an array of items).", "input");
    }
    Reasoning reasoning =
        req.effort().isEmpty()
            ? new Reasoning.Default()
            : new Reasoning.Effort(req.effort(), req.maxOutputTokens());
    ChatRequest chat = new ChatRequest(model, req.instructions(), messages, req.tools(), reasoning);
    ResponseShell shell =
        new ResponseShell(ids.response(), clock.instant().getEpochSecond(), model, req);
    return new ResponsesTurn(chat, shell, ids, f -> save(shell, conversation, f));
  }

  /** The stored response object (UTF-8 JSON). */
  public byte[] retrieve(String id) {
    return read(id).orElseThrow(() -> notFound(id)).response().getBytes(StandardCharsets.UTF_8);
  }

  /** Deletes a stored response; the body is OpenAI's deletion object. */
  public byte[] delete(String id) {
    boolean deleted;
    try {
      deleted = store.delete(id);
    } catch (StoreException e) {
      throw storeFailed(e);
    }
    if (!deleted) {
      throw notFound(id);
    }
    ObjectNode o = RequestJson.mapper().createObjectNode();
    o.put("id", id);
    o.put("object", "response");
    o.put("deleted", true);
    return o.toString().getBytes(StandardCharsets.UTF_8);
  }

  private StoredResponse previous(String id) {
    return read(id).orElseThrow(() -> new ChatException(
        ErrorKind.NOT_FOUND,
        "Previous response with id '" + id + "' not found (it was never stored, was deleted or"
            + " expired).",
        "previous_response_id",
        null,
        null));
  }

  private Optional<StoredResponse> read(String id) {
    try {
      return store.get(id);
    } catch (StoreException e) {
      throw storeFailed(e);
    }
  }

  private void save(ResponseShell shell, ArrayNode conversation, ResponseStreamWriter.Finished f) {
    ResponsesRequest req = shell.request();
    if (!req.store()) {
      return;
    }
    Instant created = Instant.ofEpochSecond(shell.createdAt());
    try {
      store.put(new StoredResponse(
          shell.id(),
          created,
          clock.instant().plus(retention),
          shell.model(),
          req.instructions(),
          RequestJson.mapper().writeValueAsString(conversation),
          f.outputItemsJson(),
          f.responseJson()));
    } catch (StoreException | JsonProcessingException e) {
      // the answer is still good; only a later previous_response_id or GET will miss it
      LOG.warn("Could not store response {}: {}", shell.id(), e.getMessage());
    }
  }

  private static ArrayNode array(String json) {
    JsonNode n = RequestJson.tryParse(json).orElse(null);
    if (n instanceof ArrayNode a) {
      return a;
    }
    throw new ChatException(ErrorKind.INTERNAL, "A stored response is damaged; start a new"
        + " conversation without previous_response_id.");
  }

  private static ChatException notFound(String id) {
    return new ChatException(ErrorKind.NOT_FOUND, "Response with id '" + id + "' not found.");
  }

  private static ChatException storeFailed(StoreException e) {
    LOG.error("Response store failure: {}", e.getMessage(), e);
    return new ChatException(
        ErrorKind.INTERNAL, "The gateway's response store failed; its log has the details.");
  }
}
