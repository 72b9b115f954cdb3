package dev.kirogateway.credentials;

import static dev.kirogateway.credentials.Fixture.START;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** Runs full refresh cycles, failures included, with everything logged, and scans the log. */
final class SecretLoggingTest {
  @TempDir Path home;

  @Test
  void noTokenOrSecretReachesAnyLogLevel() throws Exception {
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    // Jetty's own DEBUG wire logging prints raw buffers (bodies included); the gateway's
    // logback config must keep org.eclipse.jetty at INFO, which this test mirrors. Everything
    // else, ours and sqlite-jdbc included, is captured at TRACE.
    Logger jetty = (Logger) LoggerFactory.getLogger("org.eclipse.jetty");
    Level rootBefore = root.getLevel();
    Level jettyBefore = jetty.getLevel();
    ListAppender<ILoggingEvent> captured = new ListAppender<>();
    captured.start();
    root.addAppender(captured);
    root.setLevel(Level.TRACE);
    jetty.setLevel(Level.INFO);
    List<String> errors = new ArrayList<>();
    try (Fixture fx = new Fixture()) {
      Path dbPath = home.resolve(".local/share/kiro-cli/data.sqlite3");
      Files.createDirectories(dbPath.getParent());
      KiroCliDb db = new KiroCliDb(dbPath)
          .auth("kirocli:odic:token", KiroCliDb.oidcToken("aoaSTORED-SECRET",
              Fixture.INITIAL_OIDC_REFRESH, START.plusSeconds(30).toString(),
              "https://view.awsapps.com/start"))
          .auth("kirocli:odic:device-registration", KiroCliDb.registration());
      RefreshingTokenProvider p = fx.open(Map.of(), home);

      KiroCredentials first = p.current(); // refresh + write-back
      errors.add(first.toString());
      fx.server.failWithStatus = 500;
      fx.clock.advance(Duration.ofMinutes(55));
      p.current(); // failure, fallback to the valid token
      fx.clock.advance(Duration.ofMinutes(10));
      assertThatThrownBy(p::current).satisfies(e -> errors.add(e.getMessage()));
      fx.server.failWithStatus = 0;
      fx.server.oidcRefreshToken = "aorSERVER-ONLY-SECRET"; // ours is now stale: invalid_grant
      assertThatThrownBy(() -> p.forceRefresh(first)).satisfies(e -> errors.add(e.getMessage()));
      errors.add(p.status().toString());
      errors.add(CredentialsDoctor.report(p, fx.clock, true).text());
      errors.add(db.toString());
    } finally {
      root.detachAppender(captured);
      root.setLevel(rootBefore);
      jetty.setLevel(jettyBefore);
    }

    List<String> secrets = List.of("aoaSTORED-SECRET", Fixture.INITIAL_OIDC_REFRESH,
        "aoaOIDC-issued-1-SECRET", "aorOIDC-rotated-1-SECRET", "aorSERVER-ONLY-SECRET",
        FakeAuthServer.CLIENT_SECRET, FakeAuthServer.CLIENT_ID, "SECRET");
    StringBuilder all = new StringBuilder();
    for (ILoggingEvent e : captured.list) {
      all.append(e.getLevel()).append(' ').append(e.getLoggerName()).append(' ')
          .append(e.getFormattedMessage()).append('\n');
      if (e.getThrowableProxy() != null) {
        all.append(ThrowableProxyUtil.asString(e.getThrowableProxy())).append('\n');
      }
    }
    errors.forEach(s -> all.append(s).append('\n'));
    assertThat(captured.list).hasSizeGreaterThan(5);
    assertThat(all.toString()).contains("refreshed", "HTTP 500", "invalid_grant");
    assertThat(all.toString()).doesNotContain(secrets);
  }
}
