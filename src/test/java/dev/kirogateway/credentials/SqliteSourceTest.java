package dev.kirogateway.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class SqliteSourceTest {
  @TempDir Path dir;
  private KiroCliDb db;
  private SqliteSource source;

  @BeforeEach
  void setUp() throws Exception {
    db = new KiroCliDb(dir.resolve("data.sqlite3"));
    source = new SqliteSource(db.path, false);
  }

  @Test
  void readsSocialLoginWithProfileArn() throws Exception {
    db.auth("kirocli:social:token",
        KiroCliDb.socialToken("aoaA", "aorR", "2026-05-08T02:44:55.8835694Z"));

    TokenSnapshot s = source.read();

    assertThat(s.entry()).isEqualTo("kirocli:social:token");
    assertThat(s.accessToken()).contains("aoaA");
    assertThat(s.refreshToken()).isEqualTo("aorR");
    assertThat(s.expiresAt()).contains(Instant.parse("2026-05-08T02:44:55.883569400Z"));
    assertThat(s.loginType()).isEqualTo(LoginType.SOCIAL);
    assertThat(s.profileArn()).contains(FakeAuthServer.SOCIAL_ARN);
  }

  @Test
  void readsIdcLoginWithRegistrationAndProfileFromStateBlob() throws Exception {
    db.auth("kirocli:odic:token", KiroCliDb.oidcToken("aoaA", "aorR",
        "2026-05-08T02:44:55+00:00", "https://d-123.awsapps.com/start"));
    db.auth("kirocli:odic:device-registration", KiroCliDb.registration());
    db.state("api.codewhisperer.profile", "{\"arn\":\"arn:aws:codewhisperer:eu-central-1:1:"
        + "profile/IDC\",\"profile_name\":\"QDefaultProfile\"}");

    TokenSnapshot s = source.read();

    assertThat(s.loginType()).isEqualTo(LoginType.IDC);
    assertThat(s.clientId()).contains(FakeAuthServer.CLIENT_ID);
    assertThat(s.ssoRegion()).contains("eu-west-1");
    assertThat(s.profileArn()).contains("arn:aws:codewhisperer:eu-central-1:1:profile/IDC");
    assertThat(s.expiresAt()).contains(Instant.parse("2026-05-08T02:44:55Z"));
  }

  @Test
  void readsLegacyAmazonQKeysAndStartUrlFromState() throws Exception {
    db.auth("codewhisperer:odic:token", "{\"access_token\":\"aoaA\",\"refresh_token\":\"aorR\","
        + "\"expires_at\":\"2026-05-08T02:44:55Z\"}");
    db.auth("codewhisperer:odic:device-registration", KiroCliDb.registration());
    db.state("auth.idc.start-url", "\"https://view.awsapps.com/start\"");

    TokenSnapshot s = source.read();

    assertThat(s.entry()).isEqualTo("codewhisperer:odic:token");
    assertThat(s.loginType()).isEqualTo(LoginType.BUILDER_ID);
    assertThat(s.ssoRegion()).contains("eu-west-1"); // from the device registration
  }

  @Test
  void externalIdpLoginIsReportedAsUnsupported() throws Exception {
    db.auth("kirocli:external-idp:token", "{\"access_token\":\"x\"}");

    assertThatThrownBy(source::read).isInstanceOf(CredentialsException.class)
        .hasMessageContaining("external identity provider").hasMessageContaining("not support");
  }

  @Test
  void emptyDatabaseAsksForLogin() {
    assertThatThrownBy(source::read).hasMessageContaining("run `kiro-cli login`");
  }

  @Test
  void missingDatabaseIsNotCreated() {
    SqliteSource missing = new SqliteSource(dir.resolve("nope.sqlite3"), false);

    assertThatThrownBy(missing::read).hasMessageContaining("does not exist");
    assertThat(dir.resolve("nope.sqlite3")).doesNotExist();
  }

  @Test
  void unreadableFileGivesClearError() throws Exception {
    Path junk = dir.resolve("junk.sqlite3");
    Files.writeString(junk, "this is not a database, just text that is long enough......");

    assertThatThrownBy(() -> new SqliteSource(junk, false).read())
        .isInstanceOf(CredentialsException.class).hasMessageContaining("cannot read kiro-cli");
  }

  @Test
  void writeBackMergesIntoRowKeepingUnknownFields() throws Exception {
    db.auth("kirocli:social:token", KiroCliDb.socialToken("aoaOLD", "aorOLD",
        "2026-05-08T00:00:00Z"));
    TokenSnapshot read = source.read();
    RefreshResult r = new RefreshResult("aoaNEW", Optional.of("aorNEW"), Duration.ofHours(1),
        Optional.of("arn:aws:codewhisperer:us-east-1:9:profile/NEW"));

    source.writeBack(read.refreshed(r, Instant.parse("2026-05-08T00:00:00.123456789Z")), r);

    var row = db.authJson("kirocli:social:token");
    assertThat(row.path("access_token").asText()).isEqualTo("aoaNEW");
    assertThat(row.path("refresh_token").asText()).isEqualTo("aorNEW");
    assertThat(row.path("expires_at").asText()).isEqualTo("2026-05-08T01:00:00.123Z");
    assertThat(row.path("profile_arn").asText()).endsWith("profile/NEW");
    assertThat(row.path("unknown_field").path("keep").asBoolean()).isTrue();
    assertThat(db.authRows()).isEqualTo(1);
  }

  @Test
  void writeBackNeverRecreatesADeletedKey() throws Exception {
    db.auth("kirocli:social:token", KiroCliDb.socialToken("aoaOLD", "aorOLD",
        "2026-05-08T00:00:00Z"));
    TokenSnapshot read = source.read();
    try (Connection c = db.connect(); Statement st = c.createStatement()) {
      st.execute("DELETE FROM auth_kv"); // kiro-cli logout
    }
    RefreshResult r = new RefreshResult("aoaNEW", Optional.empty(), Duration.ofHours(1),
        Optional.empty());

    source.writeBack(read.refreshed(r, Instant.EPOCH), r);

    assertThat(db.authRows()).isZero();
  }

  @Test
  void writeBackWaitsForConcurrentKiroCliWriterAndKeepsItsChange() throws Exception {
    db.auth("kirocli:odic:token", KiroCliDb.oidcToken("aoaOLD", "aorOLD",
        "2026-05-08T00:00:00Z", "https://view.awsapps.com/start"));
    db.auth("kirocli:odic:device-registration", KiroCliDb.registration());
    TokenSnapshot read = source.read();
    RefreshResult r = new RefreshResult("aoaNEW", Optional.of("aorNEW"), Duration.ofHours(1),
        Optional.empty());

    try (Connection kiroCli = db.connect()) {
      kiroCli.setAutoCommit(false);
      try (Statement st = kiroCli.createStatement()) {
        // kiro-cli holds the write lock and adds a field to the very row we are about to update
        st.executeUpdate("UPDATE auth_kv SET value = json_set(value, '$.cli_field', 'kept') "
            + "WHERE key = 'kirocli:odic:token'");
      }
      CompletableFuture<Void> ours = CompletableFuture.runAsync(
          () -> source.writeBack(read.refreshed(r, Instant.EPOCH), r));
      assertThatThrownBy(() -> ours.get(300, TimeUnit.MILLISECONDS))
          .isInstanceOf(TimeoutException.class); // blocked by the lock, not failed
      kiroCli.commit();
      ours.get(5, TimeUnit.SECONDS);
    }

    // read back through a second, independent connection
    var row = db.authJson("kirocli:odic:token");
    assertThat(row.path("access_token").asText()).isEqualTo("aoaNEW");
    assertThat(row.path("refresh_token").asText()).isEqualTo("aorNEW");
    assertThat(row.path("cli_field").asText()).isEqualTo("kept");
    assertThat(row.path("scopes").isArray()).isTrue();
    assertThat(db.integrity()).isEqualTo("ok");
  }
}
