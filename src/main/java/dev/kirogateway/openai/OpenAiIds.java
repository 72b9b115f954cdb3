package dev.kirogateway.openai;

import java.security.SecureRandom;
import java.util.HexFormat;

/** Response ids in OpenAI's shape. */
public final class OpenAiIds {
  private static final SecureRandom RANDOM = new SecureRandom();

  private OpenAiIds() {}

  /** {@code chatcmpl-} followed by 24 random hex digits. */
  public static String completionId() {
    byte[] b = new byte[12];
    RANDOM.nextBytes(b);
    return "chatcmpl-" + HexFormat.of().formatHex(b);
  }
}
