package dev.kirogateway.kiro;

import dev.kirogateway.config.ConfigException;
import dev.kirogateway.config.Settings;
import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * How the gateway calls Kiro (KIRO-UPSTREAM.md §2, §8.3, §8.6).
 *
 * @param baseUrl chat host with a {@code {region}} placeholder ({@code KIRO_API_BASE_URL})
 * @param path operation path ({@code KIRO_API_PATH}; {@code /} works too)
 * @param fallbackBaseUrls hosts tried after a connection failure or 404 on the primary
 * @param contentType request content type ({@code KIRO_CONTENT_TYPE})
 * @param agentMode {@code x-amzn-kiro-agent-mode} value
 * @param optOut {@code x-amzn-codewhisperer-optout} value
 * @param maxRetries retries after the first attempt on 429/5xx/connection errors
 * @param maxRetryWait total time spent waiting between retries of one request
 * @param connectTimeout TCP + TLS connect timeout
 * @param firstTokenTimeout from sending to the first content event
 * @param firstTokenAttempts attempts in total when the first token does not come in time
 * @param readTimeout longest silence between body bytes ({@code STREAMING_READ_TIMEOUT})
 * @param truncationRecovery tell the model on the next turn that its reply was cut off
 * @param profileArnFallback on "profileArn is required" / "not authorized", retry once with the
 *     other ARN variant and remember what worked (KIRO_PROFILE_ARN_MODE=auto)
 */
public record KiroSettings(
    String baseUrl,
    String path,
    List<String> fallbackBaseUrls,
    String contentType,
    String agentMode,
    String optOut,
    int maxRetries,
    Duration maxRetryWait,
    Duration connectTimeout,
    Duration firstTokenTimeout,
    int firstTokenAttempts,
    Duration readTimeout,
    boolean truncationRecovery,
    boolean profileArnFallback) {

  public static KiroSettings from(Settings s) {
    KiroSettings k =
        new KiroSettings(
            s.string("KIRO_API_BASE_URL", "https://runtime.{region}.kiro.dev"),
            s.string("KIRO_API_PATH", "/generateAssistantResponse"),
            s.list("KIRO_API_FALLBACK_BASE_URLS"),
            s.string("KIRO_CONTENT_TYPE", "application/x-amz-json-1.0"),
            s.string("KIRO_AGENT_MODE", "vibe"),
            s.oneOf("KIRO_OPTOUT", "true", List.of("true", "false")),
            s.integer("HTTP_MAX_RETRIES", 3, 0, 10),
            s.seconds("HTTP_MAX_RETRY_WAIT", Duration.ofSeconds(30)),
            s.positiveSeconds("CONNECT_TIMEOUT", Duration.ofSeconds(30)),
            s.positiveSeconds("FIRST_TOKEN_TIMEOUT", Duration.ofSeconds(60)),
            s.integer("FIRST_TOKEN_MAX_RETRIES", 3, 1, 10),
            s.positiveSeconds("STREAMING_READ_TIMEOUT", Duration.ofSeconds(300)),
            s.bool("TRUNCATION_RECOVERY", true),
            s.oneOf("KIRO_PROFILE_ARN_MODE", "auto", List.of("auto", "always", "never")).equals("auto"));
    k.url("us-east-1");
    for (String f : k.fallbackBaseUrls) {
      check("KIRO_API_FALLBACK_BASE_URLS", f);
    }
    return k;
  }

  /** The chat URL for {@code region}. */
  URI url(String region) {
    return check("KIRO_API_BASE_URL", baseUrl.replace("{region}", region) + path);
  }

  List<URI> fallbackUrls(String region) {
    return fallbackBaseUrls.stream().map(b -> check("KIRO_API_FALLBACK_BASE_URLS", b.replace("{region}", region) + path)).toList();
  }

  /** Plain http is only for loopback (tests, the simulator); anything else must be https. */
  static URI check(String key, String url) {
    URI uri;
    try {
      uri = URI.create(url);
    } catch (IllegalArgumentException e) {
      throw new ConfigException("Invalid URL for " + key + ": '" + url + "'");
    }
    String host = uri.getHost();
    boolean loopback =
        host != null
            && (host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]") || host.equals("::1"));
    if (host == null
        || !("https".equals(uri.getScheme()) || ("http".equals(uri.getScheme()) && loopback))) {
      throw new ConfigException(
          "Invalid URL for " + key + ": '" + url + "' (expected https://host..., or http:// on loopback)");
    }
    return uri;
  }
}
