package dev.kirogateway.kiro;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

final class NoProxyTest {
  @Test
  void emptyListBypassesNothing() {
    assertThat(new NoProxy(List.of()).bypasses("runtime.us-east-1.kiro.dev", 443)).isFalse();
  }

  @Test
  void exactHostsMatchCaseInsensitively() {
    NoProxy n = new NoProxy(List.of("LocalHost", "10.0.0.5"));
    assertThat(n.bypasses("localhost", 80)).isTrue();
    assertThat(n.bypasses("10.0.0.5", 443)).isTrue();
    assertThat(n.bypasses("10.0.0.50", 443)).isFalse();
  }

  @Test
  void hostAndPortMatchOnlyThatPort() {
    NoProxy n = new NoProxy(List.of("10.0.0.5:8443"));
    assertThat(n.bypasses("10.0.0.5", 8443)).isTrue();
    assertThat(n.bypasses("10.0.0.5", 443)).isFalse();
  }

  @Test
  void domainSuffixesMatchSubdomainsAndTheDomainItself() {
    for (String entry : List.of(".kiro.dev", "*.kiro.dev")) {
      NoProxy n = new NoProxy(List.of(entry));
      assertThat(n.bypasses("runtime.us-east-1.kiro.dev", 443)).as(entry).isTrue();
      assertThat(n.bypasses("kiro.dev", 443)).as(entry).isTrue();
      assertThat(n.bypasses("notkiro.dev", 443)).as(entry).isFalse();
    }
  }

  @Test
  void starBypassesEverything() {
    assertThat(new NoProxy(List.of("*")).bypasses("oidc.us-east-1.amazonaws.com", 443)).isTrue();
  }

  @Test
  void bracketedIpv6LiteralsMatchWithAndWithoutPort() {
    assertThat(new NoProxy(List.of("[::1]")).bypasses("[::1]", 80)).isTrue();
    assertThat(new NoProxy(List.of("::1")).bypasses("::1", 80)).isTrue();
    assertThat(new NoProxy(List.of("[::1]:8080")).bypasses("::1", 8080)).isTrue();
    assertThat(new NoProxy(List.of("[::1]:8080")).bypasses("::1", 80)).isFalse();
  }
}
