package dev.kirogateway.credentials;

import static dev.kirogateway.credentials.Fixture.START;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class CredentialsDoctorTest {
  @TempDir Path home;
  private Fixture fx;

  @BeforeEach
  void setUp() throws Exception {
    fx = new Fixture();
  }

  @AfterEach
  void tearDown() throws Exception {
    fx.close();
  }

  private CredentialsDoctor.Report run(Map<String, String> extra, boolean refresh) {
    return CredentialsDoctor.run(fx.settings(extra), fx.http, fx.clock, Map.of(), "Linux", home,
        refresh);
  }

  private KiroCliDb defaultDb() throws Exception {
    Path p = home.resolve(".local/share/kiro-cli/data.sqlite3");
    Files.createDirectories(p.getParent());
    return new KiroCliDb(p);
  }

  @Test
  void noSourceFailsAndListsOptions() {
    CredentialsDoctor.Report r = run(Map.of(), true);

    assertThat(r.ok()).isFalse();
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.text()).startsWith("Credentials: FAILED")
        .contains("kiro-cli login", "KIRO_CREDS_FILE", "REFRESH_TOKEN");
  }

  @Test
  void sqliteSocialLoginWithWorkingRefresh() throws Exception {
    defaultDb().auth("kirocli:social:token", KiroCliDb.socialToken("aoaSTORED-SECRET",
        Fixture.INITIAL_DESKTOP_REFRESH, START.plus(Duration.ofMinutes(42)).toString()));

    CredentialsDoctor.Report r = run(Map.of(), true);

    assertThat(r.ok()).isTrue();
    assertThat(r.exitCode()).isZero();
    assertThat(r.text())
        .contains("kiro-cli SQLite database (" + home + "/.local/share/kiro-cli/data.sqlite3)")
        .contains("login:        SOCIAL")
        .contains("SSO region:   us-east-1")
        .contains("profile ARN:  " + FakeAuthServer.SOCIAL_ARN)
        .contains("expires:      in 42 min (2026-05-08T00:42:00Z)")
        .contains("refresh:      OK")
        .doesNotContain("SECRET");
    assertThat(fx.server.desktopCalls).hasValue(1);
  }

  @Test
  void oidcBuilderIdShowsFixedArnAndRegions() throws Exception {
    defaultDb().auth("kirocli:odic:token", KiroCliDb.oidcToken("aoaSTORED-SECRET",
            Fixture.INITIAL_OIDC_REFRESH, START.plus(Duration.ofHours(1)).toString(),
            "https://view.awsapps.com/start"))
        .auth("kirocli:odic:device-registration", KiroCliDb.registration());

    CredentialsDoctor.Report r = run(Map.of(), false);

    assertThat(r.ok()).isTrue();
    assertThat(r.text()).contains("login:        BUILDER_ID (refresh flow AWS_SSO_OIDC)")
        .contains("SSO region:   eu-west-1").contains("API region:   us-east-1")
        .contains(Accounts.BUILDER_ID_PROFILE_ARN + " (mode auto)")
        .contains("refresh:      not tried")
        .doesNotContain("SECRET").doesNotContain(FakeAuthServer.CLIENT_ID);
  }

  @Test
  void expiredTokenWithFailingRefreshIsAFailure() throws Exception {
    defaultDb().auth("kirocli:social:token", KiroCliDb.socialToken("aoaSTORED-SECRET",
        "aorREVOKED-SECRET", START.minus(Duration.ofHours(3)).toString()));

    CredentialsDoctor.Report r = run(Map.of(), true);

    assertThat(r.ok()).isFalse();
    assertThat(r.text()).contains("expires:      expired 3 h ago")
        .contains("refresh:      FAILED: Kiro token refresh failed: Kiro desktop refresh "
            + "answered HTTP 401")
        .contains("run `kiro-cli login`")
        .doesNotContain("SECRET");
  }
}
