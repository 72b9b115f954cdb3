package dev.kirogateway.credentials;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

final class DefaultPathsTest {

  @Test
  void linuxLooksInKiroCliThenAmazonQ() {
    DefaultPaths p = DefaultPaths.detect("Linux", "/home/ann", Map.of());

    assertThat(p.sqlite()).containsExactly("/home/ann/.local/share/kiro-cli/data.sqlite3",
        "/home/ann/.local/share/amazon-q/data.sqlite3");
    assertThat(p.json()).containsExactly("/home/ann/.aws/sso/cache/kiro-auth-token.json");
  }

  @Test
  void linuxHonoursXdgDataHome() {
    DefaultPaths p = DefaultPaths.detect("Linux", "/home/ann", Map.of("XDG_DATA_HOME", "/data"));

    assertThat(p.sqlite()).startsWith("/data/kiro-cli/data.sqlite3")
        .contains("/home/ann/.local/share/kiro-cli/data.sqlite3");
  }

  @Test
  void macUsesApplicationSupport() {
    DefaultPaths p = DefaultPaths.detect("Mac OS X", "/Users/ann", Map.of());

    assertThat(p.sqlite()).first()
        .isEqualTo("/Users/ann/Library/Application Support/kiro-cli/data.sqlite3");
    assertThat(p.json()).containsExactly("/Users/ann/.aws/sso/cache/kiro-auth-token.json");
  }

  @Test
  void windowsUsesLocalAppDataAndUserProfile() {
    DefaultPaths p = DefaultPaths.detect("Windows 11", "C:\\Users\\ann",
        Map.of("LOCALAPPDATA", "D:\\Local", "USERPROFILE", "C:\\Users\\ann"));

    assertThat(p.sqlite()).containsExactly("D:\\Local\\Kiro-Cli\\data.sqlite3");
    assertThat(p.json()).containsExactly("C:\\Users\\ann\\.aws\\sso\\cache\\kiro-auth-token.json");
  }

  @Test
  void windowsWithoutLocalAppDataFallsBackUnderHome() {
    DefaultPaths p = DefaultPaths.detect("Windows 10", "C:\\Users\\bob\\", Map.of());

    assertThat(p.sqlite())
        .containsExactly("C:\\Users\\bob\\AppData\\Local\\Kiro-Cli\\data.sqlite3");
  }

  @Test
  void expandsLeadingTilde() {
    assertThat(DefaultPaths.expandTilde("~/.aws/x.json", "/home/ann"))
        .isEqualTo("/home/ann/.aws/x.json");
    assertThat(DefaultPaths.expandTilde("/abs/~/x", "/home/ann")).isEqualTo("/abs/~/x");
  }
}
