package dev.kirogateway.credentials;

import dev.kirogateway.config.Settings;
import dev.kirogateway.testing.MutableClock;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.eclipse.jetty.client.HttpClient;

/** Shared wiring: fake auth server, started Jetty client, movable clock, settings. */
final class Fixture implements AutoCloseable {
  static final Instant START = Instant.parse("2026-05-08T00:00:00Z");
  static final String INITIAL_DESKTOP_REFRESH = "aorDESKTOP-initial-SECRET";
  static final String INITIAL_OIDC_REFRESH = "aorOIDC-initial-SECRET";

  final FakeAuthServer server;
  final HttpClient http = new HttpClient();
  final MutableClock clock = new MutableClock(START);

  Fixture() throws Exception {
    server = new FakeAuthServer(INITIAL_DESKTOP_REFRESH, INITIAL_OIDC_REFRESH);
    http.start();
  }

  CredentialsSettings settings(Map<String, String> extra) {
    Map<String, String> m = new HashMap<>();
    m.put("KIRO_DESKTOP_AUTH_BASE_URL", server.baseUrl() + "/desktop/{region}");
    m.put("KIRO_OIDC_BASE_URL", server.baseUrl() + "/oidc/{region}");
    m.putAll(extra);
    return CredentialsSettings.from(Settings.of(m));
  }

  RefreshingTokenProvider open(Map<String, String> extra, Path home) {
    return Credentials.open(settings(extra), http, clock, Map.of(), "Linux", home);
  }

  static String iso(Instant i) {
    return i.toString();
  }

  @Override
  public void close() throws Exception {
    http.stop();
    server.close();
  }
}
