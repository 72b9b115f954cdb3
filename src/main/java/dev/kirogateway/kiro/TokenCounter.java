package dev.kirogateway.kiro;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import java.util.Collection;

/**
 * Local token estimates (KIRO-UPSTREAM.md §7.6): cl100k_base counts, scaled by 1.15 for Claude's
 * tokenizer, plus a size-based figure per image. Thread-safe; the encoding loads on first use.
 */
public final class TokenCounter {
  /** Calibration of cl100k_base counts to Claude's tokenizer (as the Python original). */
  static final double CLAUDE_FACTOR = 1.15;
  /** Tokens charged for an image whose size cannot be read from its header. */
  static final int UNKNOWN_IMAGE_TOKENS = 1600;

  /** The plain cl100k_base token count; special-token text counts as ordinary text. */
  public int count(String text) {
    return text.isEmpty() ? 0 : encoding().countTokensOrdinary(text);
  }

  /** The §7.6 estimate for texts: the sum of their counts × 1.15, rounded up. */
  public int estimateTexts(Collection<String> texts) {
    long sum = 0;
    for (String t : texts) {
      sum += count(t);
    }
    return (int) Math.min(Integer.MAX_VALUE, (long) Math.ceil(sum * CLAUDE_FACTOR));
  }

  /** Tokens for one decoded image: width × height / 750 (rounded up), or 1600 when unreadable. */
  public static int imageTokens(byte[] image) {
    long[] size = ImageSize.read(image);
    if (size == null || size[0] <= 0 || size[1] <= 0) {
      return UNKNOWN_IMAGE_TOKENS;
    }
    long tokens = (size[0] * size[1] + 749) / 750;
    return (int) Math.min(Integer.MAX_VALUE, tokens);
  }

  private static Encoding encoding() {
    return Cl100k.ENCODING;
  }

  /** Loaded once per process on first use (~0.4 s, ~MBs of ranks); the encoding is immutable. */
  private static final class Cl100k {
    static final Encoding ENCODING =
        Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.CL100K_BASE);
  }

  /** Reads width and height from PNG, GIF, JPEG and WebP headers; null when unknown. */
  static final class ImageSize {
    private ImageSize() {}

    static long[] read(byte[] b) {
      try {
        if (startsWith(b, 0, 0x89, 'P', 'N', 'G') && b.length >= 24) {
          return new long[] {be32(b, 16), be32(b, 20)};
        }
        if (startsWith(b, 0, 'G', 'I', 'F') && b.length >= 10) {
          return new long[] {le16(b, 6), le16(b, 8)};
        }
        if (startsWith(b, 0, 0xFF, 0xD8)) {
          return jpeg(b);
        }
        if (startsWith(b, 0, 'R', 'I', 'F', 'F') && startsWith(b, 8, 'W', 'E', 'B', 'P')) {
          return webp(b);
        }
      } catch (ArrayIndexOutOfBoundsException truncated) {
        return null;
      }
      return null;
    }

    private static long[] jpeg(byte[] b) {
      int i = 2;
      while (i + 9 < b.length) {
        if ((b[i] & 0xFF) != 0xFF) {
          return null;
        }
        int marker = b[i + 1] & 0xFF;
        if (marker == 0xFF) {
          i++; // fill byte
          continue;
        }
        boolean sof = marker >= 0xC0 && marker <= 0xCF
            && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
        if (sof) {
          return new long[] {be16(b, i + 7), be16(b, i + 5)};
        }
        i += 2 + be16(b, i + 2);
      }
      return null;
    }

    private static long[] webp(byte[] b) {
      if (startsWith(b, 12, 'V', 'P', '8', ' ')) {
        return new long[] {le16(b, 26) & 0x3FFF, le16(b, 28) & 0x3FFF};
      }
      if (startsWith(b, 12, 'V', 'P', '8', 'L')) {
        long bits = (b[21] & 0xFFL) | (b[22] & 0xFFL) << 8 | (b[23] & 0xFFL) << 16
            | (b[24] & 0xFFL) << 24;
        return new long[] {(bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1};
      }
      if (startsWith(b, 12, 'V', 'P', '8', 'X')) {
        return new long[] {le24(b, 24) + 1, le24(b, 27) + 1};
      }
      return null;
    }

    private static boolean startsWith(byte[] b, int at, int... expected) {
      if (b.length < at + expected.length) {
        return false;
      }
      for (int k = 0; k < expected.length; k++) {
        if ((b[at + k] & 0xFF) != expected[k]) {
          return false;
        }
      }
      return true;
    }

    private static long be32(byte[] b, int i) {
      return (b[i] & 0xFFL) << 24 | (b[i + 1] & 0xFFL) << 16 | (b[i + 2] & 0xFFL) << 8
          | (b[i + 3] & 0xFFL);
    }

    private static int be16(byte[] b, int i) {
      return (b[i] & 0xFF) << 8 | (b[i + 1] & 0xFF);
    }

    private static int le16(byte[] b, int i) {
      return (b[i] & 0xFF) | (b[i + 1] & 0xFF) << 8;
    }

    private static long le24(byte[] b, int i) {
      return (b[i] & 0xFFL) | (b[i + 1] & 0xFFL) << 8 | (b[i + 2] & 0xFFL) << 16;
    }
  }
}
