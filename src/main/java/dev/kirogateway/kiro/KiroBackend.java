package dev.kirogateway.kiro;

import dev.kirogateway.chat.ChatException;
import dev.kirogateway.chat.ChatRequest;
import dev.kirogateway.chat.ErrorKind;
import dev.kirogateway.chat.ReplySink;
import dev.kirogateway.credentials.CredentialsException;
import dev.kirogateway.credentials.KiroCredentials;
import dev.kirogateway.credentials.ProfileArnMode;
import dev.kirogateway.credentials.TokenProvider;
import dev.kirogateway.debug.Capture;
import dev.kirogateway.debug.CapturingBackend;
import dev.kirogateway.metrics.Metrics;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLException;
import org.eclipse.jetty.client.BytesRequestContent;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.InputStreamResponseListener;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.http.HttpMethod;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Talks to Kiro's generateAssistantResponse: builds the body, sends it with the §2.2 headers,
 * retries what §8.3 allows while nothing has reached the client, refreshes the token on 403, guards
 * the first token and idle reads, and streams the decoded reply into the client's sink.
 */
public final class KiroBackend implements CapturingBackend {
  private static final Logger LOG = LoggerFactory.getLogger(KiroBackend.class);
  private static final String TARGET = "AmazonCodeWhispererStreamingService.GenerateAssistantResponse";
  private static final Duration MAX_RETRY_AFTER = Duration.ofSeconds(60);
  private static final int MAX_ERROR_BODY = 64 * 1024;

  private final KiroSettings settings;
  private final KiroRequestBuilder builder;
  private final TokenProvider tokens;
  private final HttpClient http;
  private final ReplySettings replySettings;
  private final TokenCounter counter;
  private final byte[] signatureKey;
  private final String userAgent;
  private final String amzUserAgent;
  private final ScheduledExecutorService timer;
  private final Sleeper sleeper;
  private final Clock clock;
  private final Metrics metrics;
  private final TruncationMemory truncations = new TruncationMemory();
  /** The ARN variant that worked after a fallback; null until one was needed (§9.7). */
  private final AtomicReference<Optional<String>> learnedArn = new AtomicReference<>();

  public KiroBackend(
      KiroSettings settings,
      KiroRequestBuilder builder,
      TokenProvider tokens,
      HttpClient http,
      ReplySettings replySettings,
      TokenCounter counter,
      byte[] signatureKey,
      String userAgent,
      String amzUserAgent,
      ScheduledExecutorService timer,
      Sleeper sleeper,
      Clock clock,
      Metrics metrics) {
    this.settings = settings;
    this.builder = builder;
    this.tokens = tokens;
    this.http = http;
    this.replySettings = replySettings;
    this.counter = counter;
    this.signatureKey = signatureKey.clone();
    this.userAgent = userAgent;
    this.amzUserAgent = amzUserAgent;
    this.timer = timer;
    this.sleeper = sleeper;
    this.clock = clock;
    this.metrics = metrics;
  }

  @Override
  public int countTokens(ChatRequest request) {
    return builder.estimateInputTokens(request);
  }

  @Override
  public void chat(ChatRequest clientRequest, ReplySink clientSink, Capture capture) {
    ChatRequest request = clientRequest;
    ReplySink sink = clientSink;
    if (settings.truncationRecovery()) {
      request = truncations.annotate(clientRequest);
      sink = truncations.watch(clientSink);
    }
    String invocationId = UUID.randomUUID().toString();
    KiroCredentials creds = credentials(null);
    Optional<String> arn = arnFor(creds);
    KiroRequest body = builder.build(request, arn);
    boolean refreshed = false;
    boolean arnSwitched = false;
    int retries = 0;
    int firstTokenAttempts = 0;
    int hostIndex = 0;
    Duration waited = Duration.ZERO;
    for (int attempt = 1; ; attempt++) {
      List<URI> urls = urls(creds.apiRegion());
      URI url = urls.get(Math.min(hostIndex, urls.size() - 1));
      Attempt result = attempt(url, body, creds, invocationId, attempt, sink, capture);
      if (result == null) {
        if (arnSwitched) {
          learnedArn.set(arn);
          LOG.info("Kiro accepted the request {} a profile ARN; using that from now on", arn.isPresent() ? "with" : "without");
        }
        return;
      }
      UpstreamFailure failure = result.failure;
      log(result, url, attempt);
      metrics.upstreamError(failure.error().kind());
      if (result.started) {
        throw failure.error();
      }
      if (result.status == 403 && !refreshed) {
        refreshed = true;
        creds = credentials(creds);
        arn = arnFor(creds);
        body = builder.build(request, arn);
        metrics.retry("token_refresh");
        continue;
      }
      if (settings.profileArnFallback()
          && !arnSwitched
          && (failure.profileArnRequired() || (result.status == 403 && failure.notAuthorized()))) {
        Optional<String> other = otherArn(failure, arn, creds);
        if (!other.equals(arn)) {
          arnSwitched = true;
          arn = other;
          body = builder.build(request, arn);
          metrics.retry("profile_arn");
          continue;
        }
      }
      if ((result.connectFailure || result.status == 404) && hostIndex + 1 < urls.size()) {
        hostIndex++;
        metrics.retry("fallback_host");
        continue;
      }
      if (result.firstTokenTimeout) {
        if (++firstTokenAttempts < settings.firstTokenAttempts()) {
          metrics.retry("first_token_timeout");
          continue;
        }
        throw failure.error();
      }
      if (!failure.retryable() || retries >= settings.maxRetries()) {
        throw failure.error();
      }
      Duration delay = failure.retryAfter().orElse(backoff(retries));
      if (failure.retryAfter().isPresent() && failure.retryAfter().get().compareTo(MAX_RETRY_AFTER) > 0) {
        throw failure.error();
      }
      if (waited.plus(delay).compareTo(settings.maxRetryWait()) > 0) {
        throw failure.error();
      }
      waited = waited.plus(delay);
      retries++;
      hostIndex = 0;
      metrics.retry("backoff");
      pause(delay);
      creds = credentials(null); // every attempt gets a current token (§8.3)
      if (!arnSwitched && !arnFor(creds).equals(arn)) {
        arn = arnFor(creds);
        body = builder.build(request, arn);
      }
    }
  }

  /**
   * The ARN variant to try after Kiro refused the one sent (§9.7): "profileArn is required" asks
   * for one (the stored ARN, or the fixed Builder ID ARN if the stored one was just refused);
   * "not authorized" flips between sending the ARN and not sending it.
   */
  private static Optional<String> otherArn(
      UpstreamFailure failure, Optional<String> sent, KiroCredentials creds) {
    String fallback = creds.profileArn().orElse(ProfileArnMode.BUILDER_ID_PROFILE_ARN);
    if (failure.profileArnRequired()) {
      return Optional.of(sent.isPresent() ? ProfileArnMode.BUILDER_ID_PROFILE_ARN : fallback);
    }
    return sent.isPresent() ? Optional.empty() : Optional.of(fallback);
  }

  private Optional<String> arnFor(KiroCredentials creds) {
    Optional<String> learned = learnedArn.get();
    return learned != null ? learned : creds.profileArn();
  }

  /** 1 s, 2 s, 4 s … plus up to 10 % jitter (§8.3). */
  private static Duration backoff(int retriesSoFar) {
    long base = 1000L << Math.min(retriesSoFar, 10);
    return Duration.ofMillis(base + ThreadLocalRandom.current().nextLong(base / 10 + 1));
  }

  private void pause(Duration delay) {
    try {
      sleeper.sleep(delay);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw clientGone();
    }
  }

  /** What the HTTP layer treats as "the client went away" (see {@link ReplySink}). */
  private static UncheckedIOException clientGone() {
    return new UncheckedIOException(new InterruptedIOException("the client went away"));
  }

  private List<URI> urls(String region) {
    List<URI> all = new java.util.ArrayList<>();
    all.add(settings.url(region));
    all.addAll(settings.fallbackUrls(region));
    return all;
  }

  private KiroCredentials credentials(KiroCredentials stale) {
    try {
      return stale == null ? tokens.current() : tokens.forceRefresh(stale);
    } catch (CredentialsException e) {
      metrics.upstreamError(ErrorKind.UPSTREAM_AUTH);
      throw new ChatException(
          ErrorKind.UPSTREAM_AUTH,
          "The gateway could not get a Kiro access token: " + e.getMessage(),
          null,
          null,
          null);
    }
  }

  /** The outcome of one failed attempt ({@code null} from {@link #attempt} means success). */
  private static final class Attempt {
    UpstreamFailure failure;
    int status;
    boolean started;
    boolean connectFailure;
    boolean firstTokenTimeout;
  }

  private Attempt attempt(
      URI url,
      KiroRequest body,
      KiroCredentials creds,
      String invocationId,
      int attempt,
      ReplySink sink,
      Capture capture) {
    Request request =
        http.newRequest(url)
            .method(HttpMethod.POST)
            .headers(
                h -> {
                  h.put("Authorization", "Bearer " + creds.accessToken());
                  h.put("x-amz-target", TARGET);
                  h.put("User-Agent", userAgent);
                  h.put("x-amz-user-agent", amzUserAgent);
                  h.put("x-amzn-codewhisperer-optout", settings.optOut());
                  h.put("x-amzn-kiro-agent-mode", settings.agentMode());
                  h.put("amz-sdk-invocation-id", invocationId);
                  h.put("amz-sdk-request", "attempt=" + attempt + "; max=" + (settings.maxRetries() + 1));
                })
            .body(new BytesRequestContent(settings.contentType(), body.body()))
            .idleTimeout(settings.readTimeout().toMillis(), TimeUnit.MILLISECONDS);
    InputStreamResponseListener listener = new InputStreamResponseListener();
    KiroReplyDecoder decoder = new KiroReplyDecoder(
            ReplyOptions.of(
                replySettings,
                body.thinkingInjected(),
                body.toolNames(),
                body.inputTokens(),
                text -> counter.estimateTexts(List.of(text)),
                signatureKey),
            sink);
    AtomicBoolean firstTokenExpired = new AtomicBoolean();
    ScheduledFuture<?> watchdog =
        timer.schedule(
            () -> {
              if (!decoder.started()) {
                firstTokenExpired.set(true);
                request.abort(new TimeoutException("no first token in time"));
              }
            },
            settings.firstTokenTimeout().toMillis(),
            TimeUnit.MILLISECONDS);
    boolean completed = false;
    String requestId = null;
    try {
      capture.upstreamRequest(attempt, url, headers(request), body.body());
      request.send(listener);
      Response response;
      try {
        response = listener.get(settings.firstTokenTimeout().toMillis() + 1000, TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        firstTokenExpired.set(true);
        return transportFailure(e, decoder, true, body);
      } catch (ExecutionException e) {
        return transportFailure(e.getCause(), decoder, firstTokenExpired.get(), body);
      }
      requestId = response.getHeaders().get("x-amzn-RequestId");
      capture.upstreamStatus(attempt, response.getStatus());
      if (response.getStatus() != 200) {
        byte[] errorBody;
        try {
          errorBody = readBounded(listener.getInputStream());
          capture.upstreamBytes(attempt, errorBody, 0, errorBody.length);
        } catch (IOException e) {
          return transportFailure(e, decoder, false, body);
        }
        Attempt a = new Attempt();
        a.status = response.getStatus();
        a.failure =
            UpstreamErrors.http(
                a.status,
                errorBody,
                response.getHeaders().get("x-amzn-ErrorType"),
                requestId,
                response.getHeaders().get("Retry-After"),
                clock.instant());
        completed = true;
        return a;
      }
      try (InputStream in = listener.getInputStream()) {
        // held for the whole stream (thousands may be open): frames are ~0.1-1 KiB, so 4 KiB is
        // plenty per read (docs/BENCHMARKS.md, slow streams)
        byte[] buf = new byte[4096];
        int n;
        while ((n = in.read(buf)) >= 0) {
          capture.upstreamBytes(attempt, buf, 0, n);
          decoder.feed(buf, 0, n);
        }
      } catch (IOException e) {
        return transportFailure(e, decoder, firstTokenExpired.get(), body);
      }
      decoder.finish();
      completed = true;
      return null;
    } catch (KiroStreamException e) {
      Attempt a = new Attempt();
      a.started = decoder.started();
      a.failure = UpstreamErrors.stream(e, requestId);
      return a;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw clientGone();
    } catch (UncheckedIOException clientGone) {
      throw clientGone;
    } finally {
      watchdog.cancel(false);
      if (!completed) {
        request.abort(new IOException("request finished early"));
      }
    }
  }

  private Attempt transportFailure(Throwable cause, KiroReplyDecoder decoder, boolean firstTokenExpired, KiroRequest body) {
    if (Thread.currentThread().isInterrupted()
        || cause instanceof InterruptedIOException
        || rootCause(cause) instanceof InterruptedException) {
      // the HTTP layer interrupts us when the client left: stop, never retry
      throw clientGone();
    }
    Attempt a = new Attempt();
    a.started = decoder.started();
    Throwable root = rootCause(cause);
    if (firstTokenExpired && !a.started) {
      a.firstTokenTimeout = true;
      a.failure =
          UpstreamErrors.failure(
              ErrorKind.UPSTREAM_TIMEOUT,
              "Kiro did not start answering within FIRST_TOKEN_TIMEOUT (" + seconds(settings.firstTokenTimeout()) + ")",
              "(upstream: no first token)",
              true,
              Optional.empty());
    } else if (root instanceof TimeoutException || root instanceof java.net.SocketTimeoutException) {
      a.failure =
          UpstreamErrors.failure(
              ErrorKind.UPSTREAM_TIMEOUT,
              "Kiro stopped sending data for longer than STREAMING_READ_TIMEOUT (" + seconds(settings.readTimeout()) + ")",
              "(upstream: read timeout)",
              true,
              Optional.empty());
    } else if (UpstreamErrors.proxyRefusal(root).isPresent()) {
      // a proxy that refuses us will refuse the retry too
      a.failure =
          UpstreamErrors.failure(
              ErrorKind.UPSTREAM_UNREACHABLE,
              "The gateway cannot reach Kiro through the outbound proxy (VPN_PROXY_URL)",
              "(proxy: " + UpstreamErrors.proxyRefusal(root).get() + ")",
              false,
              Optional.empty());
    } else if (root instanceof ConnectException || root instanceof UnknownHostException
        || root instanceof UnresolvedAddressException || root instanceof SSLException) {
      a.connectFailure = true;
      a.failure =
          UpstreamErrors.failure(
              ErrorKind.UPSTREAM_UNREACHABLE,
              "The gateway cannot reach Kiro",
              "(upstream: " + describe(root) + ")",
              true,
              Optional.empty());
    } else {
      a.failure =
          UpstreamErrors.failure(
              ErrorKind.UPSTREAM_ERROR,
              "The connection to Kiro broke",
              "(upstream: " + describe(root) + ")",
              true,
              Optional.empty());
    }
    return a;
  }

  private static String seconds(Duration d) {
    long ms = d.toMillis();
    return ms % 1000 == 0 ? ms / 1000 + " s" : ms + " ms";
  }

  /** A short cause in words; never the exception text, which for Jetty holds connection dumps. */
  private static String describe(Throwable t) {
    return switch (t) {
      case UnknownHostException u -> "unknown host";
      case UnresolvedAddressException u -> "unknown host";
      case ConnectException c -> "connection refused";
      case SSLException s -> "TLS failure";
      case java.io.EOFException e -> "connection closed by Kiro";
      case java.net.SocketException e -> "connection reset";
      default -> "connection error (" + t.getClass().getSimpleName() + ")";
    };
  }

  private static Throwable rootCause(Throwable t) {
    Throwable c = t;
    while (c.getCause() != null && c.getCause() != c) {
      c = c.getCause();
    }
    return c;
  }

  /** The headers as sent, for a debug capture (which redacts Authorization). */
  private static java.util.Map<String, String> headers(Request request) {
    java.util.Map<String, String> out = new java.util.LinkedHashMap<>();
    request.getHeaders().forEach(f -> out.put(f.getName(), f.getValue()));
    return out;
  }

  private static byte[] readBounded(InputStream in) throws IOException {
    try (in) {
      return in.readNBytes(MAX_ERROR_BODY);
    }
  }

  private void log(Attempt a, URI url, int attempt) {
    LOG.warn(
        "Kiro attempt {} to {} failed{}: {}",
        attempt,
        url.getHost(),
        a.status > 0 ? " with HTTP " + a.status : "",
        a.failure.error().getMessage());
  }
}
