package dev.kirogateway.responses;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Objects;
import java.util.function.Supplier;

/** Ids in OpenAI's shapes ({@code resp_}, {@code msg_}, {@code fc_}, {@code rs_} + a suffix). */
public final class ResponseIds {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Supplier<String> suffix;

  /** @param suffix the part after the prefix; tests pass a counter for fixed ids */
  public ResponseIds(Supplier<String> suffix) {
    this.suffix = Objects.requireNonNull(suffix, "suffix");
  }

  /** 48 random hex digits per id, as OpenAI's. */
  public static ResponseIds random() {
    return new ResponseIds(() -> {
      byte[] b = new byte[24];
      RANDOM.nextBytes(b);
      return HexFormat.of().formatHex(b);
    });
  }

  String response() {
    return "resp_" + suffix.get();
  }

  String message() {
    return "msg_" + suffix.get();
  }

  String functionCall() {
    return "fc_" + suffix.get();
  }

  String reasoning() {
    return "rs_" + suffix.get();
  }
}
