package dev.kirogateway.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class KeyStoreTest {
  @TempDir Path dir;

  @Test
  void storesOnlyTheSaltedHashAndFindsTheKeyByItsId() throws Exception {
    Clock clock = Clock.fixed(Instant.parse("2026-11-27T12:00:00Z"), ZoneOffset.UTC);
    Path db = dir.resolve("sub/keys.sqlite3");
    String key;
    try (SqliteKeyStore store = SqliteKeyStore.open(db)) {
      key =
          KeyGuard.create(
              store,
              "alice",
              new ClientKey.Limits(
                  List.of("claude-haiku-4.5"), 10, 2, OptionalDouble.of(5), OptionalDouble.empty()),
              clock);
    }
    assertThat(key).matches("kgw-[0-9a-f]{8}-[A-Za-z0-9_-]{43}");
    String secret = key.substring(13);
    assertThat(new String(Files.readAllBytes(db), java.nio.charset.StandardCharsets.ISO_8859_1))
        .doesNotContain(secret);
    try (SqliteKeyStore store = SqliteKeyStore.open(db)) {
      ClientKey k = store.byId(key.substring(4, 12)).orElseThrow();
      assertThat(k.name()).isEqualTo("alice");
      assertThat(k.limits().models()).containsExactly("claude-haiku-4.5");
      assertThat(k.limits().rpm()).isEqualTo(10);
      assertThat(k.limits().dailyCredits()).hasValue(5);
      assertThat(k.limits().monthlyCredits()).isEmpty();
      assertThat(KeyHashing.matches(k, secret)).isTrue();
      assertThat(KeyHashing.matches(k, secret.substring(1) + "A")).isFalse();
      assertThat(k.toString()).doesNotContain(k.hash()).doesNotContain(k.salt());
    }
  }

  @Test
  void refusesADuplicateNameAndRevokesOnlyActiveKeys() {
    try (SqliteKeyStore store = SqliteKeyStore.open(dir.resolve("keys.sqlite3"))) {
      Clock clock = Clock.systemUTC();
      KeyGuard.create(store, "bob", ClientKey.Limits.none(), clock);
      assertThatThrownBy(() -> KeyGuard.create(store, "bob", ClientKey.Limits.none(), clock))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("A key named 'bob' already exists");
      assertThatThrownBy(() -> KeyGuard.create(store, "no spaces", ClientKey.Limits.none(), clock))
          .isInstanceOf(IllegalArgumentException.class);
      assertThat(store.revoke("bob", Instant.now())).isTrue();
      assertThat(store.revoke("bob", Instant.now())).isFalse();
      assertThat(store.all()).singleElement().satisfies(k -> assertThat(k.revoked()).isPresent());
    }
  }

  @Test
  void sumsUsagePerDayAndPerCalendarMonth() {
    try (SqliteKeyStore store = SqliteKeyStore.open(dir.resolve("keys.sqlite3"))) {
      LocalDate d = LocalDate.parse("2026-11-27");
      store.record("abcd0123", d, 1.5);
      store.record("abcd0123", d, 0.25);
      store.record("abcd0123", d.minusDays(1), 2);
      store.record("abcd0123", LocalDate.parse("2026-10-31"), 100);
      store.record("ffff0000", d, 9);
      KeyStore.Usage u = store.usage("abcd0123", d);
      assertThat(u.requestsToday()).isEqualTo(2);
      assertThat(u.creditsToday()).isEqualTo(1.75);
      assertThat(u.creditsThisMonth()).isEqualTo(3.75);
      assertThat(store.usage("none0000", d)).isEqualTo(new KeyStore.Usage(0, 0, 0));
    }
  }

  @Test
  void keysOfAnotherFormatAreNotParsed() {
    assertThat(KeyHashing.parse("sk-whatever")).isEmpty();
    assertThat(KeyHashing.parse("kgw-ABCDEF01-" + "a".repeat(43))).isEmpty();
    String key = KeyHashing.mint(new SecureRandom()).key();
    assertThat(KeyHashing.parse(key)).isPresent();
    assertThat(KeyHashing.parse(key + "x")).isEmpty();
  }
}
