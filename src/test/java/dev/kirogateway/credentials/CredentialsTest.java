package dev.kirogateway.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class CredentialsTest {
  @TempDir Path home;

  private static CredentialsSettings settings(Map<String, String> m) {
    return CredentialsSettings.from(dev.kirogateway.config.Settings.of(m));
  }

  private KiroCliDb defaultDb() throws Exception {
    Path p = home.resolve(".local/share/kiro-cli/data.sqlite3");
    Files.createDirectories(p.getParent());
    return new KiroCliDb(p);
  }

  @Test
  void nothingConfiguredOrFoundListsTheOptions() {
    assertThatThrownBy(() -> Credentials.locate(settings(Map.of()), Map.of(), "Linux", home))
        .isInstanceOf(CredentialsException.class)
        .hasMessageContaining("kiro-cli login")
        .hasMessageContaining("KIRO_CLI_DB_FILE")
        .hasMessageContaining("KIRO_CREDS_FILE")
        .hasMessageContaining("REFRESH_TOKEN")
        .hasMessageContaining(home + "/.local/share/kiro-cli/data.sqlite3");
  }

  @Test
  void findsDefaultKiroCliDatabase() throws Exception {
    defaultDb().auth("kirocli:social:token",
        KiroCliDb.socialToken("a", "r", "2026-01-01T00:00:00Z"));

    Credentials.Located l = Credentials.locate(settings(Map.of()), Map.of(), "Linux", home);

    assertThat(l.source()).isInstanceOf(SqliteSource.class);
  }

  @Test
  void loggedOutDatabaseFallsThroughToKiroIdeFile() throws Exception {
    defaultDb();
    Path json = home.resolve(".aws/sso/cache/kiro-auth-token.json");
    Files.createDirectories(json.getParent());
    Files.writeString(json, "{\"accessToken\":\"a\",\"refreshToken\":\"r\"}");

    Credentials.Located l = Credentials.locate(settings(Map.of()), Map.of(), "Linux", home);

    assertThat(l.source()).isInstanceOf(JsonFileSource.class);
  }

  @Test
  void explicitSettingsWinInSpecOrder() throws Exception {
    KiroCliDb db = new KiroCliDb(home.resolve("x.sqlite3"));
    db.auth("kirocli:social:token", KiroCliDb.socialToken("a", "r", "2026-01-01T00:00:00Z"));
    Path json = home.resolve("t.json");
    Files.writeString(json, "{\"accessToken\":\"a\",\"refreshToken\":\"r\"}");

    assertThat(Credentials.locate(settings(Map.of("KIRO_CLI_DB_FILE", "~/x.sqlite3",
        "KIRO_CREDS_FILE", json.toString(), "REFRESH_TOKEN", "r")), Map.of(), "Linux", home)
        .source()).isInstanceOf(SqliteSource.class);
    assertThat(Credentials.locate(settings(Map.of("KIRO_CREDS_FILE", json.toString(),
        "REFRESH_TOKEN", "r")), Map.of(), "Linux", home).source())
        .isInstanceOf(JsonFileSource.class);
    assertThat(Credentials.locate(settings(Map.of("REFRESH_TOKEN", "r")), Map.of(), "Linux",
        home).source()).isInstanceOf(EnvSource.class);
  }

  @Test
  void explicitPathThatDoesNotExistIsNamed() {
    assertThatThrownBy(() -> Credentials.locate(settings(Map.of("KIRO_CREDS_FILE",
        "/nope/t.json")), Map.of(), "Linux", home))
        .hasMessageContaining("KIRO_CREDS_FILE points to /nope/t.json");
  }
}
