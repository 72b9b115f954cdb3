package dev.kirogateway.credentials;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jetty.client.HttpClient;

/** Finds the configured (or default) credential source and builds the {@link TokenProvider}. */
public final class Credentials {
  private Credentials() {}

  /**
   * Opens the first usable source of §9.1: KIRO_CLI_DB_FILE, KIRO_CREDS_FILE, REFRESH_TOKEN, then
   * the default kiro-cli and Kiro IDE locations for {@code osName}.
   *
   * @param http a started Jetty client (the caller owns its lifecycle and proxy settings)
   * @throws CredentialsException nothing usable; the message lists the options
   */
  public static RefreshingTokenProvider open(CredentialsSettings settings, HttpClient http,
      Clock clock, Map<String, String> env, String osName, Path home) {
    Located found = locate(settings, env, osName, home);
    KiroIdentity identity = KiroIdentity.of(settings);
    RefreshHttp refreshHttp = new RefreshHttp(http, settings.refreshTimeout());
    Refresher desktop = new DesktopRefresher(refreshHttp, settings.desktopAuthBaseUrl(), identity);
    Refresher oidc = new OidcRefresher(refreshHttp, settings.oidcBaseUrl(),
        settings.region().orElse(Accounts.DEFAULT_REGION), identity);
    return new RefreshingTokenProvider(found.source(), found.snapshot(), desktop, oidc, clock,
        settings);
  }

  /** A source and its first read. */
  record Located(CredentialSource source, TokenSnapshot snapshot) {}

  static Located locate(CredentialsSettings s, Map<String, String> env, String osName,
      Path home) {
    String homeText = home.toString();
    if (s.cliDbFile().isPresent()) {
      return explicit(new SqliteSource(Path.of(DefaultPaths.expandTilde(s.cliDbFile().get(),
          homeText)), s.readOnly()), "KIRO_CLI_DB_FILE");
    }
    if (s.credsFile().isPresent()) {
      return explicit(new JsonFileSource(Path.of(DefaultPaths.expandTilde(s.credsFile().get(),
          homeText)), s.readOnly()), "KIRO_CREDS_FILE");
    }
    if (s.refreshToken().isPresent()) {
      EnvSource env1 = new EnvSource(s.refreshToken().get(), s.profileArn());
      return new Located(env1, env1.read());
    }
    DefaultPaths defaults = DefaultPaths.detect(osName, homeText, env);
    List<String> notes = new ArrayList<>();
    for (String candidate : defaults.sqlite()) {
      Optional<Located> hit = tryDefault(new SqliteSource(Path.of(candidate), s.readOnly()),
          notes);
      if (hit.isPresent()) {
        return hit.get();
      }
    }
    for (String candidate : defaults.json()) {
      Optional<Located> hit = tryDefault(new JsonFileSource(Path.of(candidate), s.readOnly()),
          notes);
      if (hit.isPresent()) {
        return hit.get();
      }
    }
    throw new CredentialsException(nothingFound(defaults, notes));
  }

  private static Located explicit(CredentialSource source, String key) {
    if (!Files.isRegularFile(Path.of(source.location().orElseThrow()))) {
      throw new CredentialsException(key + " points to " + source.location().get()
          + ", which does not exist; fix the path or " + source.reloginHint());
    }
    return new Located(source, source.read());
  }

  private static Optional<Located> tryDefault(CredentialSource source, List<String> notes) {
    if (!Files.isRegularFile(Path.of(source.location().orElseThrow()))) {
      return Optional.empty();
    }
    try {
      return Optional.of(new Located(source, source.read()));
    } catch (CredentialsException e) {
      notes.add(e.getMessage());
      return Optional.empty();
    }
  }

  static String nothingFound(DefaultPaths defaults, List<String> notes) {
    StringBuilder sb = new StringBuilder("No usable Kiro credentials found. Use one of:\n")
        .append("  1. kiro-cli: run `kiro-cli login` (looked for ")
        .append(String.join(", ", defaults.sqlite()))
        .append("), or set KIRO_CLI_DB_FILE to its data.sqlite3\n")
        .append("  2. Kiro IDE: sign in (looked for ").append(String.join(", ", defaults.json()))
        .append("), or set KIRO_CREDS_FILE to a Kiro IDE / AWS SSO cache JSON file\n")
        .append("  3. set REFRESH_TOKEN to a Kiro refresh token (optionally PROFILE_ARN)");
    for (String note : notes) {
      sb.append("\nFound but not usable: ").append(note);
    }
    return sb.toString();
  }
}
