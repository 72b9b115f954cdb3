package dev.kirogateway.responses;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kirogateway.chat.ChatException;
import dev.kirogateway.chat.ContentBlock;
import dev.kirogateway.chat.ErrorKind;
import dev.kirogateway.chat.Message;
import dev.kirogateway.chat.Reasoning;
import dev.kirogateway.chat.ReplySink;
import dev.kirogateway.chat.Role;
import dev.kirogateway.sse.ReplyScenarios;
import dev.kirogateway.sse.RequestJson;
import dev.kirogateway.store.SqliteResponseStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Conversation state over a real SQLite file: chaining, store=false, retrieve and delete. */
final class ResponsesServiceTest {
  @TempDir Path dir;
  private ResponsesService service;

  @BeforeEach
  void open() {
    Clock clock = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
    service = new ResponsesService(
        SqliteResponseStore.open(dir.resolve("r.db"), clock, 100), clock, Duration.ofDays(30),
        ResponseStreamWriterTest.counterIds());
  }

  private ResponsesTurn run(String body) {
    ResponsesTurn turn = service.begin(body.getBytes(StandardCharsets.UTF_8));
    ReplySink sink = turn.collector();
    ReplyScenarios.thinkingTextTool().forEach(sink::accept);
    return turn;
  }

  private static JsonNode json(byte[] b) {
    return RequestJson.tryParse(new String(b, StandardCharsets.UTF_8)).orElseThrow();
  }

  @Test
  void previousResponseIdReplaysInputAndOutputBeforeTheNewInput() {
    ResponsesTurn first = run("{\"model\":\"m\",\"input\":\"Weather?\",\"instructions\":\"A\"}");
    ResponsesTurn second =
        service.begin(("{\"previous_response_id\":\"" + first.id() + "\",\"input\":["
            + "{\"type\":\"function_call_output\",\"call_id\":\"tooluse_A\",\"output\":\"sun\"}],"
            + "\"reasoning\":{\"effort\":\"low\"},\"max_output_tokens\":500}")
            .getBytes(StandardCharsets.UTF_8));
    List<Message> m = second.request().messages();
    assertThat(second.model()).isEqualTo("m");
    // instructions are not carried over, as OpenAI documents
    assertThat(second.request().system()).isEmpty();
    assertThat(second.request().reasoning())
        .isEqualTo(new Reasoning.Effort("low", OptionalInt.of(500)));
    assertThat(m).extracting(Message::role)
        .containsExactly(Role.USER, Role.ASSISTANT, Role.ASSISTANT, Role.USER);
    assertThat(m.get(1)).isEqualTo(Message.text(Role.ASSISTANT, "Checking."));
    assertThat(((ContentBlock.ToolUse) m.get(2).content().get(0)).id()).isEqualTo("tooluse_A");
    assertThat(((ContentBlock.ToolResult) m.get(3).content().get(0)).toolUseId())
        .isEqualTo("tooluse_A");
  }

  @Test
  void retrieveReturnsTheSameResponseObjectAndDeleteRemovesIt() {
    ResponsesTurn t = run("{\"model\":\"m\",\"input\":\"hi\"}");
    assertThat(service.retrieve(t.id())).isEqualTo(t.body());
    JsonNode deleted = json(service.delete(t.id()));
    assertThat(deleted.toString())
        .isEqualTo("{\"id\":\"" + t.id() + "\",\"object\":\"response\",\"deleted\":true}");
    assertThatThrownBy(() -> service.retrieve(t.id()))
        .isInstanceOf(ChatException.class)
        .satisfies(e -> assertThat(((ChatException) e).kind()).isEqualTo(ErrorKind.NOT_FOUND));
  }

  @Test
  void storeFalseLeavesNothingToChainFrom() {
    ResponsesTurn t = run("{\"model\":\"m\",\"input\":\"hi\",\"store\":false}");
    assertThatThrownBy(() -> service.begin(
            ("{\"previous_response_id\":\"" + t.id() + "\",\"input\":\"more\"}")
                .getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(ChatException.class)
        .satisfies(e -> {
          ChatException c = (ChatException) e;
          assertThat(c.kind()).isEqualTo(ErrorKind.NOT_FOUND);
          assertThat(c.param()).hasValue("previous_response_id");
        });
  }

  @Test
  void requiresModelAndSomeInput() {
    assertThatThrownBy(() -> service.begin("{\"input\":\"x\"}".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(ChatException.class).hasMessageContaining("'model'");
    assertThatThrownBy(() -> service.begin("{\"model\":\"m\"}".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(ChatException.class).hasMessageContaining("'input'");
  }
}
