package dev.kirogateway.sim;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How a {@link KiroSimulator} behaves. Start from {@link #defaults()} (tests: strict auth, no
 * latency, whole frames) or {@link #demo()} and adjust with the {@code with…} methods.
 *
 * @param port TCP port on 127.0.0.1; 0 picks a free one
 * @param strictHeaders require every §2.2 header and an exact content type (§11 item 1)
 * @param strictBody reject empty content and unknown fields (§11 items 9, 21)
 * @param latency delays applied to every reply
 * @param chunking how reply bytes are cut into writes
 * @param models accepted {@code modelId}s (§10.3); others get {@code INVALID_MODEL_ID}
 * @param maxInputTokens estimated input (body bytes / 4) above this → {@code
 *     CONTENT_LENGTH_EXCEEDS_THRESHOLD}
 * @param descriptionLimitAs500 an over-long tool description answers 500 instead of 400
 * @param requireAuth false accepts any bearer token (demo)
 * @param seed seed for random byte splits
 * @param profileArnMode initial profileArn policy
 * @param refreshMode initial refresh-token policy
 * @param expiresIn {@code expiresIn} returned by the refresh endpoints
 * @param profileArn the ARN returned by desktop refresh and ListAvailableProfiles
 * @param initialResponse start every normal stream with an {@code initial-response} event
 * @param clock time source for access-token expiry
 */
public record SimulatorOptions(
    int port,
    boolean strictHeaders,
    boolean strictBody,
    Latency latency,
    Chunking chunking,
    List<String> models,
    long maxInputTokens,
    boolean descriptionLimitAs500,
    boolean requireAuth,
    long seed,
    ProfileArnMode profileArnMode,
    RefreshMode refreshMode,
    Duration expiresIn,
    String profileArn,
    boolean initialResponse,
    Clock clock) {

  /** The §10.3 model ids. */
  public static final List<String> DEFAULT_MODELS =
      List.of(
          "auto",
          "claude-opus-4.7",
          "claude-opus-4.6",
          "claude-sonnet-4.6",
          "claude-opus-4.5",
          "claude-sonnet-4.5",
          "claude-sonnet-4",
          "claude-haiku-4.5",
          "deepseek-3.2",
          "minimax-m2.5",
          "minimax-m2.1",
          "glm-5",
          "qwen3-coder-next");

  /** The ARN the simulator hands out unless told otherwise. */
  public static final String DEFAULT_PROFILE_ARN =
      "arn:aws:codewhisperer:us-east-1:123456789012:profile/SIMULATOR";

  public SimulatorOptions {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be 0-65535, was " + port);
    }
    Objects.requireNonNull(latency, "latency");
    Objects.requireNonNull(chunking, "chunking");
    models = List.copyOf(models);
    if (maxInputTokens <= 0) {
      throw new IllegalArgumentException("maxInputTokens must be positive");
    }
    Objects.requireNonNull(profileArnMode, "profileArnMode");
    Objects.requireNonNull(refreshMode, "refreshMode");
    Objects.requireNonNull(expiresIn, "expiresIn");
    Objects.requireNonNull(profileArn, "profileArn");
    Objects.requireNonNull(clock, "clock");
  }

  /** Test defaults: ephemeral port, lenient headers and body, auth required, no latency. */
  public static SimulatorOptions defaults() {
    return new SimulatorOptions(
        0,
        false,
        false,
        Latency.NONE,
        Chunking.WHOLE_FRAMES,
        DEFAULT_MODELS,
        200_000,
        false,
        true,
        42L,
        ProfileArnMode.ANY,
        RefreshMode.KEEP,
        Duration.ofHours(1),
        DEFAULT_PROFILE_ARN,
        false,
        Clock.systemUTC());
  }

  /** Demo defaults: any bearer accepted, small realistic delays, random byte splits. */
  public static SimulatorOptions demo() {
    return defaults()
        .withRequireAuth(false)
        .withLatency(
            new Latency(Duration.ofMillis(80), Duration.ofMillis(250), Duration.ofMillis(15), 0))
        .withChunking(Chunking.RANDOM_SPLITS)
        .withInitialResponse(true)
        .withSeed(System.nanoTime());
  }

  public SimulatorOptions withPort(int v) {
    return new SimulatorOptions(
        v,
        strictHeaders,
        strictBody,
        latency,
        chunking,
        models,
        maxInputTokens,
        descriptionLimitAs500,
        requireAuth,
        seed,
        profileArnMode,
        refreshMode,
        expiresIn,
        profileArn,
        initialResponse,
        clock);
  }

  public SimulatorOptions withStrictHeaders(boolean v) {
    return new SimulatorOptions(
        port,
        v,
        strictBody,
        latency,
        chunking,
        models,
        maxInputTokens,
        descriptionLimitAs500,
        requireAuth,
        seed,
        profileArnMode,
        refreshMode,
        expiresIn,
        profileArn,
        initialResponse,
        clock);
  }

  public SimulatorOptions withStrictBody(boolean v) {
    return new SimulatorOptions(
        port,
        strictHeaders,
        v,
        latency,
        chunking,
        models,
        maxInputTokens,
        descriptionLimitAs500,
        requireAuth,
        seed,
        profileArnMode,
        refreshMode,
        expiresIn,
        profileArn,
        initialResponse,
        clock);
  }

  public SimulatorOptions withLatency(Latency v) {
    return new SimulatorOptions(
        port,
        strictHeaders,
        strictBody,
        v,
        chunking,
        models,
        maxInputTokens,
        descriptionLimitAs500,
        requireAuth,
        seed,
        profileArnMode,
        refreshMode,
        expiresIn,
        profileArn,
        initialResponse,
        clock);
  }

  public SimulatorOptions withChunking(Chunking v) {
    return new SimulatorOptions(
        port,
        strictHeaders,
        strictBody,
        latency,
        v,
        models,
        maxInputTokens,
        descriptionLimitAs500,
        requireAuth,
        seed,
        profileArnMode,
        refreshMode,
        expiresIn,
        profileArn,
        initialResponse,
        clock);
  }

  public SimulatorOptions withModels(List<String> v) {
    return new SimulatorOptions(
        port,
        strictHeaders,
        strictBody,
        latency,
        chunking,
        v,
        maxInputTokens,
        descriptionLimitAs500,
        requireAuth,
        seed,
        profileArnMode,
        refreshMode,
        expiresIn,
        profileArn,
        initialResponse,
        clock);
  }

  public SimulatorOptions withMaxInputTokens(long v) {
    return new SimulatorOptions(
        port,
        strictHeaders,
        strictBody,
        latency,
        chunking,
        models,
        v,
        descriptionLimitAs500,
        requireAuth,
        seed,
        profileArnMode,
        refreshMode,
        expiresIn,
        profileArn,
        initialResponse,
        clock);
  }

  public SimulatorOptions withDescriptionLimitAs500(boolean v) {
    return new SimulatorOptions(
        port,
        strictHeaders,
        strictBody,
        latency,
        chunking,
        models,
        maxInputTokens,
        v,
        requireAuth,
        seed,
        profileArnMode,
        refreshMode,
        expiresIn,
        profileArn,
        initialResponse,
        clock);
  }

  public SimulatorOptions withRequireAuth(boolean v) {
    return new SimulatorOptions(
        port,
        strictHeaders,
        strictBody,
        latency,
        chunking,
        models,
        maxInputTokens,
        descriptionLimitAs500,
        v,
        seed,
        profileArnMode,
        refreshMode,
        expiresIn,
        profileArn,
        initialResponse,
        clock);
  }

  public SimulatorOptions withSeed(long v) {
    return new SimulatorOptions(
        port,
        strictHeaders,
        strictBody,
        latency,
        chunking,
        models,
        maxInputTokens,
        descriptionLimitAs500,
        requireAuth,
        v,
        profileArnMode,
        refreshMode,
        expiresIn,
        profileArn,
        initialResponse,
        clock);
  }

  public SimulatorOptions withProfileArnMode(ProfileArnMode v) {
    return new SimulatorOptions(
        port,
        strictHeaders,
        strictBody,
        latency,
        chunking,
        models,
        maxInputTokens,
        descriptionLimitAs500,
        requireAuth,
        seed,
        v,
        refreshMode,
        expiresIn,
        profileArn,
        initialResponse,
        clock);
  }

  public SimulatorOptions withRefreshMode(RefreshMode v) {
    return new SimulatorOptions(
        port,
        strictHeaders,
        strictBody,
        latency,
        chunking,
        models,
        maxInputTokens,
        descriptionLimitAs500,
        requireAuth,
        seed,
        profileArnMode,
        v,
        expiresIn,
        profileArn,
        initialResponse,
        clock);
  }

  public SimulatorOptions withExpiresIn(Duration v) {
    return new SimulatorOptions(
        port,
        strictHeaders,
        strictBody,
        latency,
        chunking,
        models,
        maxInputTokens,
        descriptionLimitAs500,
        requireAuth,
        seed,
        profileArnMode,
        refreshMode,
        v,
        profileArn,
        initialResponse,
        clock);
  }

  public SimulatorOptions withProfileArn(String v) {
    return new SimulatorOptions(
        port,
        strictHeaders,
        strictBody,
        latency,
        chunking,
        models,
        maxInputTokens,
        descriptionLimitAs500,
        requireAuth,
        seed,
        profileArnMode,
        refreshMode,
        expiresIn,
        v,
        initialResponse,
        clock);
  }

  public SimulatorOptions withInitialResponse(boolean v) {
    return new SimulatorOptions(
        port,
        strictHeaders,
        strictBody,
        latency,
        chunking,
        models,
        maxInputTokens,
        descriptionLimitAs500,
        requireAuth,
        seed,
        profileArnMode,
        refreshMode,
        expiresIn,
        profileArn,
        v,
        clock);
  }

  public SimulatorOptions withClock(Clock v) {
    return new SimulatorOptions(
        port,
        strictHeaders,
        strictBody,
        latency,
        chunking,
        models,
        maxInputTokens,
        descriptionLimitAs500,
        requireAuth,
        seed,
        profileArnMode,
        refreshMode,
        expiresIn,
        profileArn,
        initialResponse,
        v);
  }

  /**
   * Reply timing: delay before the response headers, between headers and the first body byte,
   * between frames, and a text speed ({@code tokensPerSecond} over payload bytes / 4; 0 = instant).
   */
  public record Latency(
      Duration beforeHeaders, Duration firstByte, Duration betweenFrames, double tokensPerSecond) {
    /** No delays at all. */
    public static final Latency NONE = new Latency(Duration.ZERO, Duration.ZERO, Duration.ZERO, 0);

    public Latency {
      Objects.requireNonNull(beforeHeaders, "beforeHeaders");
      Objects.requireNonNull(firstByte, "firstByte");
      Objects.requireNonNull(betweenFrames, "betweenFrames");
      if (tokensPerSecond < 0 || Double.isNaN(tokensPerSecond)) {
        throw new IllegalArgumentException("tokensPerSecond must be >= 0");
      }
    }

    /** Time to stream a frame whose payload has {@code payloadBytes} bytes. */
    Duration frameDelay(int payloadBytes) {
      if (tokensPerSecond == 0) {
        return betweenFrames;
      }
      long nanos = (long) (payloadBytes / 4.0 / tokensPerSecond * 1e9);
      return betweenFrames.plusNanos(nanos);
    }
  }

  /** How reply bytes are cut into network writes (each write is flushed). */
  public enum Chunking {
    /** One write per frame. */
    WHOLE_FRAMES,
    /** Each frame cut at random points (seeded), so cuts fall inside preludes, headers, CRCs. */
    RANDOM_SPLITS,
    /** One byte per write. */
    ONE_BYTE
  }
}
