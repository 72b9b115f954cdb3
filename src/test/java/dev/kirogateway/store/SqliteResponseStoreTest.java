package dev.kirogateway.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kirogateway.config.Settings;
import dev.kirogateway.testing.MutableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class SqliteResponseStoreTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  @TempDir Path dir;
  private final MutableClock clock = new MutableClock(T0);

  private static StoredResponse response(String id, Instant created, Duration life) {
    return new StoredResponse(
        id, created, created.plus(life), "claude-sonnet-4-5", "Be brief.",
        "[{\"type\":\"message\",\"role\":\"user\",\"content\":\"hi\"}]",
        "[{\"type\":\"message\",\"id\":\"msg_1\"}]", "{\"id\":\"" + id + "\"}");
  }

  @Test
  void storesReadsAndDeletesInARealFileCreatingTheFolder() {
    Path file = dir.resolve("nested/data/responses.db");
    SqliteResponseStore store = SqliteResponseStore.open(file, clock, 100);
    StoredResponse r = response("resp_1", T0, Duration.ofDays(30));
    store.put(r);
    assertThat(Files.isRegularFile(file)).isTrue();
    // a second store on the same file sees the row: it really is on disk
    assertThat(SqliteResponseStore.open(file, clock, 100).get("resp_1")).contains(r);
    assertThat(store.get("resp_unknown")).isEmpty();
    assertThat(store.delete("resp_1")).isTrue();
    assertThat(store.delete("resp_1")).isFalse();
    assertThat(store.get("resp_1")).isEmpty();
  }

  @Test
  void expiredResponsesAreInvisibleAndPurgedOnTheNextWrite() {
    SqliteResponseStore store = SqliteResponseStore.open(dir.resolve("r.db"), clock, 100);
    store.put(response("resp_old", T0, Duration.ofDays(1)));
    store.put(response("resp_new", T0, Duration.ofDays(30)));
    clock.advance(Duration.ofDays(2));
    assertThat(store.get("resp_old")).isEmpty();
    assertThat(store.delete("resp_old")).isFalse();
    assertThat(store.rowCount()).isEqualTo(2);
    store.put(response("resp_newer", clock.instant(), Duration.ofDays(30)));
    assertThat(store.rowCount()).isEqualTo(2);
    assertThat(store.get("resp_new")).isPresent();
  }

  @Test
  void keepsOnlyTheNewestMaxStoredResponses() {
    SqliteResponseStore store = SqliteResponseStore.open(dir.resolve("r.db"), clock, 3);
    for (int i = 0; i < 5; i++) {
      store.put(response("resp_" + i, T0.plusSeconds(i), Duration.ofDays(30)));
    }
    assertThat(store.rowCount()).isEqualTo(3);
    assertThat(store.get("resp_0")).isEmpty();
    assertThat(store.get("resp_1")).isEmpty();
    assertThat(store.get("resp_4")).isPresent();
  }

  @Test
  void concurrentWritersFromSeveralStoresAllLand() throws Exception {
    Path file = dir.resolve("r.db");
    List<SqliteResponseStore> stores =
        List.of(
            SqliteResponseStore.open(file, clock, 10_000),
            SqliteResponseStore.open(file, clock, 10_000));
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> jobs = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        int thread = t;
        jobs.add(pool.submit(() -> {
          for (int i = 0; i < 25; i++) {
            SqliteResponseStore s = stores.get((thread + i) % 2);
            String id = "resp_" + thread + "_" + i;
            s.put(response(id, T0, Duration.ofDays(1)));
            assertThat(s.get(id)).isPresent();
          }
        }));
      }
      for (Future<?> f : jobs) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(stores.get(0).rowCount()).isEqualTo(200);
  }

  @Test
  void settingsDefaultToHomeDataFolderAndReadOverrides() {
    StoreSettings d = StoreSettings.from(Settings.of(Map.of()));
    assertThat(d.dataDir()).isEqualTo(Path.of(System.getProperty("user.home"), ".kiro-gateway"));
    assertThat(d.retention()).isEqualTo(Duration.ofDays(30));
    assertThat(d.maxStored()).isEqualTo(10_000);
    StoreSettings s = StoreSettings.from(Settings.of(Map.of(
        "DATA_DIR", dir.toString(), "RESPONSES_RETENTION_DAYS", "7",
        "RESPONSES_MAX_STORED", "50")));
    assertThat(s.responsesDb()).isEqualTo(dir.resolve("responses.db"));
    assertThat(s.retention()).isEqualTo(Duration.ofDays(7));
    assertThat(s.maxStored()).isEqualTo(50);
  }

  @Test
  void toStringKeepsConversationContentOut() {
    assertThat(response("resp_1", T0, Duration.ofDays(1)).toString())
        .contains("resp_1").doesNotContain("hi").doesNotContain("Be brief");
  }
}
