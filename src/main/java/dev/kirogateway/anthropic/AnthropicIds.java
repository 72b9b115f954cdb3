package dev.kirogateway.anthropic;

import java.security.SecureRandom;

/** Response ids in Anthropic's shape. */
public final class AnthropicIds {
  private static final String ALPHABET =
      "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  private static final SecureRandom RANDOM = new SecureRandom();

  private AnthropicIds() {}

  /** {@code msg_} followed by 24 random base62 characters. */
  public static String messageId() {
    StringBuilder sb = new StringBuilder("msg_");
    for (int i = 0; i < 24; i++) {
      sb.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
    }
    return sb.toString();
  }
}
