package dev.kirogateway.kiro;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kirogateway.config.ConfigException;
import dev.kirogateway.config.Settings;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

final class ProxySettingsTest {
  private static Optional<ProxySettings> from(Map<String, String> env) {
    return ProxySettings.from(Settings.of(env));
  }

  @Test
  void unsetMeansNoProxy() {
    assertThat(from(Map.of())).isEmpty();
  }

  @Test
  void readsSchemeHostPortAndPercentEncodedCredentials() {
    ProxySettings p = from(Map.of("VPN_PROXY_URL", "socks5://me:p%40ss%3Aw+rd@proxy.lan:1081"))
        .orElseThrow();
    assertThat(p.scheme()).isEqualTo("socks5");
    assertThat(p.host()).isEqualTo("proxy.lan");
    assertThat(p.port()).isEqualTo(1081);
    assertThat(p.user()).contains("me");
    assertThat(p.password()).contains("p@ss:w+rd");
  }

  @Test
  void defaultsThePortPerScheme() {
    assertThat(from(Map.of("VPN_PROXY_URL", "http://proxy")).orElseThrow().port()).isEqualTo(80);
    assertThat(from(Map.of("VPN_PROXY_URL", "https://proxy")).orElseThrow().port()).isEqualTo(443);
    assertThat(from(Map.of("VPN_PROXY_URL", "socks5h://proxy")).orElseThrow())
        .satisfies(p -> assertThat(p.scheme()).isEqualTo("socks5"))
        .satisfies(p -> assertThat(p.port()).isEqualTo(1080));
  }

  @Test
  void toStringNeverShowsThePassword() {
    ProxySettings p = from(Map.of("VPN_PROXY_URL", "http://me:s3cret@proxy:3128")).orElseThrow();
    assertThat(p.toString()).isEqualTo("http://proxy:3128 (with credentials)").doesNotContain("s3cret");
  }

  @Test
  void rejectsUnknownSchemesWithoutEchoingThePassword() {
    assertThatThrownBy(() -> from(Map.of("VPN_PROXY_URL", "ftp://me:s3cret@proxy:21")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("VPN_PROXY_URL")
        .hasMessageContaining("http, https or socks5")
        .hasMessageNotContaining("s3cret");
  }

  @Test
  void rejectsUrlsWithoutHostOrWithAPath() {
    assertThatThrownBy(() -> from(Map.of("VPN_PROXY_URL", "proxy:3128")))
        .isInstanceOf(ConfigException.class);
    assertThatThrownBy(() -> from(Map.of("VPN_PROXY_URL", "http://proxy:3128/path")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("no path");
  }

  @Test
  void readsTheBypassList() {
    ProxySettings p =
        from(Map.of("VPN_PROXY_URL", "http://proxy:3128", "VPN_PROXY_NO_PROXY", "a.example, .corp"))
            .orElseThrow();
    assertThat(p.noProxy().entries()).containsExactly("a.example", ".corp");
  }
}
