package dev.kirogateway.kiro;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

final class TokenCounterTest {
  private final TokenCounter counter = KiroRequestFixtures.COUNTER;

  @Test
  void countsCl100kTokens() {
    assertThat(counter.count("")).isZero();
    assertThat(counter.count("hello world")).isEqualTo(2);
    // special-token text is ordinary text here, never an exception
    assertThat(counter.count("<|endoftext|>")).isGreaterThan(1);
  }

  @Test
  void estimateScalesBy115AndRoundsUp() {
    assertThat(counter.estimateTexts(List.of("hello world"))).isEqualTo(3); // ceil(2 * 1.15)
    assertThat(counter.estimateTexts(List.of("hello world", "hello world"))).isEqualTo(5);
    assertThat(counter.estimateTexts(List.of())).isZero();
  }

  @Test
  void readsPngSize() {
    byte[] png = Base64.getDecoder().decode(KiroRequestFixtures.PNG);
    assertThat(TokenCounter.ImageSize.read(png)).containsExactly(1, 1);
    assertThat(TokenCounter.imageTokens(png)).isEqualTo(1);
  }

  @Test
  void readsGifJpegAndWebpSizes() {
    byte[] gif = {'G', 'I', 'F', '8', '9', 'a', (byte) 0x20, 0x03, (byte) 0x58, 0x02};
    assertThat(TokenCounter.ImageSize.read(gif)).containsExactly(800, 600);
    assertThat(TokenCounter.imageTokens(gif)).isEqualTo(640);

    byte[] jpeg = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0x00, 0x04, 0x00, 0x00,
        (byte) 0xFF, (byte) 0xC0, 0x00, 0x11, 0x08, 0x01, (byte) 0xE0, 0x02, (byte) 0x80, 0x03,
        0, 0, 0};
    assertThat(TokenCounter.ImageSize.read(jpeg)).containsExactly(640, 480);

    ByteBuffer webp = ByteBuffer.allocate(30).order(ByteOrder.LITTLE_ENDIAN);
    webp.put("RIFF".getBytes()).putInt(22).put("WEBPVP8X".getBytes()).putInt(10).putInt(0);
    webp.put((byte) 0xFF).put((byte) 0x03).put((byte) 0).put((byte) 0x7F).put((byte) 0x02)
        .put((byte) 0);
    assertThat(TokenCounter.ImageSize.read(webp.array())).containsExactly(1024, 640);
  }

  @Test
  void unreadableImagesCost1600() {
    assertThat(TokenCounter.imageTokens(new byte[] {1, 2, 3})).isEqualTo(1600);
    assertThat(TokenCounter.imageTokens(new byte[] {(byte) 0x89, 'P', 'N', 'G'})).isEqualTo(1600);
    assertThat(TokenCounter.imageTokens(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF}))
        .isEqualTo(1600);
  }

  @Test
  void isSafeUnderConcurrentFirstUse() throws Exception {
    TokenCounter fresh = new TokenCounter();
    List<Thread> threads = new java.util.ArrayList<>();
    int[] results = new int[8];
    for (int i = 0; i < 8; i++) {
      int k = i;
      threads.add(Thread.ofVirtual().start(() -> results[k] = fresh.count("hello world")));
    }
    for (Thread t : threads) {
      t.join();
    }
    assertThat(results).containsOnly(2);
  }
}
