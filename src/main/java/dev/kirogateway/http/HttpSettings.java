package dev.kirogateway.http;

import dev.kirogateway.config.ConfigException;
import dev.kirogateway.config.Settings;
import java.time.Duration;
import java.util.Optional;

/**
 * Server settings.
 *
 * @param host bind address ({@code SERVER_HOST}, loopback by default)
 * @param port listen port ({@code SERVER_PORT}, 8000; 0 picks a free one)
 * @param apiKey the gateway key clients must present ({@code PROXY_API_KEY})
 * @param maxBodyBytes largest accepted request body ({@code MAX_REQUEST_BODY_BYTES})
 * @param pingInterval Anthropic keep-alive ping interval while a stream is idle
 * @param drainTimeout how long SIGTERM waits for in-flight streams ({@code SHUTDOWN_DRAIN_TIMEOUT})
 * @param alwaysIncludeUsage send the OpenAI usage chunk even unasked ({@code
 *     OPENAI_ALWAYS_INCLUDE_USAGE}; OpenCode needs it)
 * @param retryNonStreamingOnStreamFailure retry a non-streaming request once when Kiro's stream
 *     fails part-way ({@code NONSTREAM_RETRY_ON_STREAM_FAILURE}; nothing was sent yet, but the
 *     retry costs credits again)
 */
public record HttpSettings(
    String host,
    int port,
    String apiKey,
    long maxBodyBytes,
    Duration pingInterval,
    Duration drainTimeout,
    boolean alwaysIncludeUsage,
    boolean retryNonStreamingOnStreamFailure) {

  public static HttpSettings from(Settings s) {
    Optional<String> key = s.optional("PROXY_API_KEY");
    if (key.isEmpty()) {
      throw new ConfigException(
          "PROXY_API_KEY is not set: choose a password that clients must send as "
              + "'Authorization: Bearer KEY' or 'x-api-key: KEY' (or start with --demo).");
    }
    return new HttpSettings(
        s.string("SERVER_HOST", "127.0.0.1"),
        s.integer("SERVER_PORT", 8000, 0, 65535),
        key.get(),
        s.longValue("MAX_REQUEST_BODY_BYTES", 32L * 1024 * 1024, 1024, 1L << 31),
        s.positiveSeconds("ANTHROPIC_PING_INTERVAL", Duration.ofSeconds(15)),
        s.seconds("SHUTDOWN_DRAIN_TIMEOUT", Duration.ofSeconds(30)),
        s.bool("OPENAI_ALWAYS_INCLUDE_USAGE", false),
        s.bool("NONSTREAM_RETRY_ON_STREAM_FAILURE", true));
  }
}
