package dev.kirogateway.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

final class PropertiesTest {

  @Test
  void runsEveryTryAndPassesWhenTheCheckHolds() {
    List<Long> seen = new ArrayList<>();
    Properties.run("fine", 25, 42, r -> seen.add(r.nextLong()));
    assertThat(seen).hasSize(25).doesNotHaveDuplicates();
  }

  @Test
  void reportsTheNameTryIndexAndExactSeedWithTheCauseAndAReplayHint() {
    IllegalStateException boom = new IllegalStateException("boom");
    int[] calls = {0};
    assertThatThrownBy(() -> Properties.run("neverSeven", 50, 42, r -> {
      if (calls[0]++ == 7) {
        throw boom;
      }
    }))
        .isInstanceOf(AssertionError.class)
        .hasCause(boom)
        .hasMessageContaining("property neverSeven failed on try 7 of 50 with seed "
            + Properties.seedOf(42, 7))
        .hasMessageContaining("-Dproperties.seed=" + Properties.seedOf(42, 7)
            + " -Dproperties.tries=1");
    assertThat(calls[0]).as("stops at the first failure").isEqualTo(8);
  }

  @Test
  void theReportedSeedReplaysTheFailingInputAsTryZero() {
    List<String> inputs = new ArrayList<>();
    AssertionError failure = null;
    try {
      Properties.run("noEmoji", 1000, 5, r -> {
        String s = Properties.text(r, 10);
        inputs.add(s);
        assertThat(s).doesNotContain("\uD83D");
      });
    } catch (AssertionError e) {
      failure = e;
    }
    assertThat(failure).isNotNull();
    long seed =
        Long.parseLong(failure.getMessage().replaceAll("(?s).* with seed (-?\\d+);.*", "$1"));
    List<String> replayed = new ArrayList<>();
    assertThatThrownBy(() -> Properties.run("noEmoji", 1, seed, r -> {
      String s = Properties.text(r, 10);
      replayed.add(s);
      assertThat(s).doesNotContain("\uD83D");
    })).hasMessageContaining("failed on try 0 of 1 with seed " + seed);
    assertThat(replayed).containsExactly(inputs.getLast());
  }

  @Test
  void theSameBaseSeedGivesTheSameInputs() {
    List<String> first = new ArrayList<>();
    List<String> second = new ArrayList<>();
    Properties.run("a", 20, Properties.DEFAULT_SEED, r -> first.add(Properties.text(r, 20)));
    Properties.run("b", 20, Properties.DEFAULT_SEED, r -> second.add(Properties.text(r, 20)));
    assertThat(first).isEqualTo(second);
  }

  @Test
  void textIsWholeCodePointsIncludingMultiByteUtf8() {
    Random r = new Random(1);
    boolean astral = false;
    for (int i = 0; i < 200; i++) {
      String s = Properties.text(r, 30);
      assertThat(s.chars().filter(c -> Character.isSurrogate((char) c)).count())
          .isEqualTo(2L * s.codePoints().filter(Character::isSupplementaryCodePoint).count());
      astral |= s.codePoints().anyMatch(Character::isSupplementaryCodePoint);
    }
    assertThat(astral).isTrue();
  }

  @Test
  void chunksCoverTheBytesInOrder() {
    Random r = new Random(2);
    byte[] bytes = Properties.bytes(new Random(3), 500);
    java.io.ByteArrayOutputStream joined = new java.io.ByteArrayOutputStream();
    for (byte[] c : Properties.chunks(r, bytes, 7)) {
      assertThat(c.length).isBetween(1, 7);
      joined.writeBytes(c);
    }
    assertThat(joined.toByteArray()).isEqualTo(bytes);
  }

  @Test
  void listsAndWeightsStayInTheirBounds() {
    Random r = new Random(4);
    for (int i = 0; i < 200; i++) {
      assertThat(Properties.listOf(r, 2, 5, x -> 0)).hasSizeBetween(2, 5);
      assertThat(Properties.weighted(r, 0, 3, 0, 1)).isIn(1, 3);
    }
  }
}
