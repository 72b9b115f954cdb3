package dev.kirogateway.credentials;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kirogateway.config.Settings;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

final class AccountsTest {
  private static final String IDC_ARN = "arn:aws:codewhisperer:eu-central-1:1:profile/IDC";

  private static CredentialsSettings settings(String... kv) {
    Map<String, String> m = new HashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return CredentialsSettings.from(Settings.of(m));
  }

  private static TokenSnapshot snap(boolean oidc, String startUrl, Optional<String> arn,
      Optional<String> region) {
    return new TokenSnapshot("k", Optional.of("a"), "r", Optional.empty(), arn, region,
        oidc ? Optional.of("id") : Optional.empty(), oidc ? Optional.of("s") : Optional.empty(),
        Optional.ofNullable(startUrl), Optional.empty());
  }

  @Test
  void detectsLoginTypes() {
    assertThat(snap(false, null, Optional.empty(), Optional.empty()).loginType())
        .isEqualTo(LoginType.SOCIAL);
    assertThat(snap(true, "https://view.awsapps.com/start/", Optional.empty(), Optional.empty())
        .loginType()).isEqualTo(LoginType.BUILDER_ID);
    assertThat(snap(true, "https://d-1.awsapps.com/start", Optional.empty(), Optional.empty())
        .loginType()).isEqualTo(LoginType.IDC);
  }

  @Test
  void profileArnModes() {
    TokenSnapshot builder = snap(true, TokenSnapshot.BUILDER_ID_START_URL, Optional.empty(),
        Optional.empty());
    TokenSnapshot idc = snap(true, "https://d-1.awsapps.com/start", Optional.of(IDC_ARN),
        Optional.empty());
    TokenSnapshot socialNoArn = snap(false, null, Optional.empty(), Optional.empty());

    assertThat(Accounts.effectiveArn(settings(), builder))
        .contains(Accounts.BUILDER_ID_PROFILE_ARN);
    assertThat(Accounts.effectiveArn(settings(), idc)).contains(IDC_ARN);
    assertThat(Accounts.effectiveArn(settings(), socialNoArn)).isEmpty();
    assertThat(Accounts.effectiveArn(settings("KIRO_PROFILE_ARN_MODE", "never"), idc)).isEmpty();
    assertThat(Accounts.effectiveArn(settings("KIRO_PROFILE_ARN_MODE", "ALWAYS"), socialNoArn))
        .contains(Accounts.BUILDER_ID_PROFILE_ARN);
    assertThat(Accounts.effectiveArn(settings("PROFILE_ARN", "arn:x:y:us-east-1:2:p"), idc))
        .contains("arn:x:y:us-east-1:2:p");
  }

  @Test
  void apiRegionIsSeparateFromSsoRegion() {
    TokenSnapshot idc = snap(true, "https://d-1.awsapps.com/start", Optional.of(IDC_ARN),
        Optional.of("eu-west-1"));

    assertThat(Accounts.ssoRegion(settings(), idc)).isEqualTo("eu-west-1");
    assertThat(Accounts.requestedApiRegion(settings(), idc)).isEqualTo("eu-central-1");
    assertThat(Accounts.requestedApiRegion(settings("KIRO_API_REGION", "us-east-1"), idc))
        .isEqualTo("us-east-1");
    assertThat(Accounts.apiRegion("eu-west-1")).isEqualTo("us-east-1");
    assertThat(Accounts.ssoRegion(settings("KIRO_REGION", "ap-south-1"),
        snap(false, null, Optional.empty(), Optional.empty()))).isEqualTo("ap-south-1");
    assertThat(Accounts.arnRegion("not-an-arn")).isEmpty();
  }

  @Test
  void settingsToStringRedactsRefreshToken() {
    assertThat(settings("REFRESH_TOKEN", "aorSECRET").toString()).doesNotContain("aorSECRET")
        .contains("refreshToken=<redacted>");
  }
}
