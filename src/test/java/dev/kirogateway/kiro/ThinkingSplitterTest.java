package dev.kirogateway.kiro;

import static dev.kirogateway.testing.Properties.between;
import static dev.kirogateway.testing.Properties.check;
import static dev.kirogateway.testing.Properties.listOf;
import static dev.kirogateway.testing.Properties.oneOf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kirogateway.kiro.ThinkingSplitter.Piece;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

final class ThinkingSplitterTest {

  /** Feeds the chunks and renders what each one emitted; the last entry is the end of stream. */
  private static List<List<String>> trace(String... chunks) {
    ThinkingSplitter s = new ThinkingSplitter(64);
    List<List<String>> out = new ArrayList<>();
    for (String c : chunks) {
      out.add(render(s.feed(c)));
    }
    out.add(render(s.flush()));
    return out;
  }

  private static List<String> render(List<Piece> pieces) {
    return pieces.stream()
        .map(
            p ->
                switch (p) {
                  case Piece.Thinking t -> "thinking:" + t.text();
                  case Piece.Text t -> "text:" + t.text();
                  case Piece.ThinkingEnd e -> e.closed() ? "end" : "end-unclosed";
                })
        .toList();
  }

  @Test
  void splitsThinkingAcrossChunksAndDropsWhitespaceAfterTheCloseTag() {
    assertThat(trace("<thinking>Let me", " think.</thinking>\n\nHello", " world"))
        .containsExactly(
            List.of("thinking:Let me"),
            List.of("thinking: think.", "end", "text:Hello"),
            List.of("text: world"),
            List.of());
  }

  @Test
  void waitsOnPartialOpenTagAndHoldsBackPartialCloseTag() {
    assertThat(trace("<th", "ink", "ing>abc</thi", "nking>rest"))
        .containsExactly(
            List.of(), List.of(), List.of("thinking:abc"), List.of("end", "text:rest"), List.of());
  }

  @Test
  void emitsLeadingWhitespaceWithTheTextThatFollowsIt() {
    assertThat(trace("  \n", "Answer"))
        .containsExactly(List.of(), List.of("text:  \nAnswer"), List.of());
  }

  @Test
  void emitsAnOpenTagLookalikeAsText() {
    assertThat(trace("<", "div>")).containsExactly(List.of(), List.of("text:<div>"), List.of());
  }

  @Test
  void recognisesTagsOnlyAtTheStart() {
    assertThat(trace("Text <thinking>x</thinking>"))
        .containsExactly(List.of("text:Text <thinking>x</thinking>"), List.of());
  }

  @Test
  void dropsWhitespaceChunksAfterTheCloseTag() {
    assertThat(trace("<thinking>x</thinking>", "\n\n", "Answer"))
        .containsExactly(
            List.of("thinking:x", "end"), List.of(), List.of("text:Answer"), List.of());
  }

  @Test
  void flushesAnUnclosedBlockAsThinkingAtTheEnd() {
    assertThat(trace("<thinking>abc</thi"))
        .containsExactly(List.of("thinking:abc"), List.of("thinking:</thi", "end-unclosed"));
  }

  @Test
  void acceptsTheOtherOpenTags() {
    assertThat(trace("<think>a</think>b"))
        .containsExactly(List.of("thinking:a", "end", "text:b"), List.of());
    assertThat(trace("<reasoning>a</reasoning>b"))
        .containsExactly(List.of("thinking:a", "end", "text:b"), List.of());
    assertThat(trace("\n<thought>a", "</thought>b"))
        .containsExactly(List.of("thinking:a"), List.of("end", "text:b"), List.of());
  }

  @Test
  void doesNotCloseAThinkBlockWithAnotherTagsCloseTag() {
    assertThat(trace("<think>a</thinking>b</think>c"))
        .containsExactly(List.of("thinking:a</thinking>b", "end", "text:c"), List.of());
  }

  @Test
  void flushesPendingWhitespaceAsTextAtTheEnd() {
    assertThat(trace(" \n")).containsExactly(List.of(), List.of("text: \n"));
    assertThat(trace("<thi")).containsExactly(List.of(), List.of("text:<thi"));
  }

  @Test
  void givesUpWaitingAfterTooMuchLeadingWhitespace() {
    String spaces = " ".repeat(65);
    assertThat(trace(spaces, "<thinking>x</thinking>"))
        .containsExactly(List.of("text:" + spaces), List.of("text:<thinking>x</thinking>"), List.of());
    assertThat(trace(" ".repeat(64) + "<thinking>x</thinking>").get(0))
        .containsExactly("thinking:x", "end");
  }

  @Test
  void emitsAnEmptyBlockAsAnEndWithoutThinking() {
    assertThat(trace("<thinking></thinking>Hi"))
        .containsExactly(List.of("end", "text:Hi"), List.of());
  }

  @Test
  void passesEverythingThroughAfterAFlush() {
    ThinkingSplitter s = new ThinkingSplitter(64);
    assertThat(render(s.feed("<thin"))).isEmpty();
    assertThat(render(s.flush())).containsExactly("text:<thin");
    assertThat(render(s.feed("<thinking>x"))).containsExactly("text:<thinking>x");
  }

  @Test
  void computesTheHeldSuffix() {
    assertThat(ThinkingSplitter.heldSuffix("abc</thin", "</thinking>")).isEqualTo(6);
    assertThat(ThinkingSplitter.heldSuffix("abc<", "</thinking>")).isEqualTo(1);
    assertThat(ThinkingSplitter.heldSuffix("abc", "</thinking>")).isZero();
    assertThat(ThinkingSplitter.heldSuffix("</thinking", "</thinking>")).isEqualTo(10);
  }

  // ---- properties

  @Test
  void outputIsTheInputMinusTagsWhateverTheChunking() {
    check("outputIsTheInputMinusTagsWhateverTheChunking", 500, r -> splitsLikeTheReference(
        replies(r), listOf(r, 1, 6, x -> between(x, 1, 12))));
  }

  private static void splitsLikeTheReference(String input, List<Integer> sizes) {
    Split expected = reference(input, 64);
    assertThat(split(input, sizes)).isEqualTo(expected);
    assertThat(split(input, List.of(input.length() + 1))).isEqualTo(expected);
  }

  record Split(String thinking, String text) {}

  private static Split split(String input, List<Integer> sizes) {
    ThinkingSplitter s = new ThinkingSplitter(64);
    StringBuilder thinking = new StringBuilder();
    StringBuilder text = new StringBuilder();
    List<Piece> pieces = new ArrayList<>();
    int i = 0;
    for (int r = 0; i < input.length(); r++) {
      int end = Math.min(input.length(), i + sizes.get(r % sizes.size()));
      if (end < input.length() && Character.isHighSurrogate(input.charAt(end - 1))) {
        end++; // the decoder only ever sees whole code points
      }
      pieces.addAll(s.feed(input.substring(i, end)));
      i = end;
    }
    pieces.addAll(s.flush());
    boolean ended = false;
    for (Piece p : pieces) {
      switch (p) {
        case Piece.Thinking t -> {
          assertThat(ended).as("thinking after the block ended").isFalse();
          assertThat(text).as("thinking after text").isEmpty();
          thinking.append(t.text());
        }
        case Piece.Text t -> text.append(t.text());
        case Piece.ThinkingEnd e -> {
          assertThat(ended).as("two block ends").isFalse();
          ended = true;
        }
      }
    }
    return new Split(thinking.toString(), text.toString());
  }

  /** An independent whole-string statement of the rules. */
  private static Split reference(String input, int limit) {
    int ws = 0;
    while (ws < input.length() && Character.isWhitespace(input.charAt(ws))) {
      ws++;
    }
    if (ws > limit) {
      return new Split("", input);
    }
    String t = input.substring(ws);
    for (String open : ThinkingSplitter.OPEN_TAGS) {
      if (t.startsWith(open)) {
        String close = "</" + open.substring(1);
        String body = t.substring(open.length());
        int i = body.indexOf(close);
        if (i < 0) {
          return new Split(body, "");
        }
        return new Split(body.substring(0, i), body.substring(i + close.length()).stripLeading());
      }
    }
    return new Split("", input);
  }

  private static final List<String> ATOMS = List.of(
      "<thinking>", "</thinking>", "<think>", "</think>", "<reasoning>", "</reasoning>",
      "<thought>", "</thought>", "<", "</", "</thi", "<th", " ", "\n", "\t", "a", "b c",
      "é", "日本", "😀", ">", "x".repeat(20), " ".repeat(30));

  private static String replies(Random r) {
    return String.join("", listOf(r, 0, 12, x -> oneOf(x, ATOMS)));
  }
}
