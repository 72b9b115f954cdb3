package dev.kirogateway.credentials;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kirogateway.config.Settings;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class KiroIdentityTest {

  @Test
  void fingerprintIsSha256OfHostUserAndSuffix() {
    assertThat(KiroIdentity.fingerprint("box", "ann"))
        .isEqualTo(KiroIdentity.sha256Hex("box-ann-kiro-gateway")).hasSize(64)
        .matches("[0-9a-f]{64}");
    assertThat(KiroIdentity.sha256Hex("abc")).isEqualTo(
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  }

  @Test
  void unknownHostOrUserFallsBackToDefaultSeed() {
    assertThat(KiroIdentity.fingerprint("", "ann"))
        .isEqualTo(KiroIdentity.sha256Hex("default-kiro-gateway"));
    assertThat(KiroIdentity.fingerprint("box", null))
        .isEqualTo(KiroIdentity.sha256Hex("default-kiro-gateway"));
  }

  @Test
  void headerValuesUseConfiguredVersions() {
    KiroIdentity id = new KiroIdentity("1.0.34", "0.12.155", "f00");

    assertThat(id.userAgent()).isEqualTo("aws-sdk-js/1.0.34 ua/2.1 os/win32#10.0.19044 lang/js "
        + "md/nodejs#22.21.1 api/codewhispererstreaming#1.0.34 m/E KiroIDE-0.12.155-f00");
    assertThat(id.amzUserAgent()).isEqualTo("aws-sdk-js/1.0.34 KiroIDE-0.12.155-f00");
    assertThat(id.refreshUserAgent()).isEqualTo("KiroIDE-0.12.155-f00");
  }

  @Test
  void defaultsComeFromSettings() {
    KiroIdentity id = KiroIdentity.of(CredentialsSettings.from(Settings.of(Map.of())));

    assertThat(id.sdkVersion()).isEqualTo("1.0.27");
    assertThat(id.ideVersion()).isEqualTo("0.7.45");
    assertThat(id.fingerprint()).matches("[0-9a-f]{64}").isEqualTo(
        KiroIdentity.of(CredentialsSettings.defaults()).fingerprint());
  }
}
