package dev.kirogateway.store;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;

/**
 * A {@link ResponseStore} in one embedded SQLite file. WAL journaling and a busy timeout let
 * several threads (and processes) read and write at once; each operation opens its own short
 * connection, so there is no shared connection to guard. Expired rows and rows beyond {@code
 * maxStored} (oldest first) are purged on every write.
 */
public final class SqliteResponseStore implements ResponseStore {
  private static final Logger LOG = LoggerFactory.getLogger(SqliteResponseStore.class);
  private static final int BUSY_TIMEOUT_MS = 10_000;
  private static final String COLUMNS =
      "id, created_at, expires_at, model, instructions, input_items, output_items, response";

  private final Path file;
  private final Clock clock;
  private final int maxStored;
  private final String url;

  private SqliteResponseStore(Path file, Clock clock, int maxStored) {
    this.file = file;
    this.clock = Objects.requireNonNull(clock, "clock");
    this.maxStored = maxStored;
    this.url = "jdbc:sqlite:" + file.toAbsolutePath();
  }

  /** Opens (creating folder, file and table when missing) the store in {@code file}. */
  public static SqliteResponseStore open(Path file, Clock clock, int maxStored) {
    if (maxStored < 1) {
      throw new IllegalArgumentException("maxStored must be >= 1");
    }
    createFolder(file.toAbsolutePath().getParent());
    SqliteResponseStore store = new SqliteResponseStore(file, clock, maxStored);
    store.createSchema();
    return store;
  }

  /** Opens the store in the data folder named by {@code settings}. */
  public static SqliteResponseStore open(StoreSettings settings, Clock clock) {
    return open(settings.responsesDb(), clock, settings.maxStored());
  }

  public Path file() {
    return file;
  }

  @Override
  public void put(StoredResponse r) {
    long now = clock.millis();
    inTransaction("store response " + r.id(), c -> {
      try (PreparedStatement purge =
          c.prepareStatement("DELETE FROM responses WHERE expires_at <= ?")) {
        purge.setLong(1, now);
        purge.executeUpdate();
      }
      try (PreparedStatement ins =
          c.prepareStatement(
              "INSERT OR REPLACE INTO responses (" + COLUMNS + ") VALUES (?,?,?,?,?,?,?,?)")) {
        ins.setString(1, r.id());
        ins.setLong(2, r.createdAt().toEpochMilli());
        ins.setLong(3, r.expiresAt().toEpochMilli());
        ins.setString(4, r.model());
        ins.setString(5, r.instructions());
        ins.setString(6, r.inputItems());
        ins.setString(7, r.outputItems());
        ins.setString(8, r.response());
        ins.executeUpdate();
      }
      try (PreparedStatement cap =
          c.prepareStatement(
              "DELETE FROM responses WHERE id IN (SELECT id FROM responses"
                  + " ORDER BY created_at DESC, rowid DESC LIMIT -1 OFFSET ?)")) {
        cap.setInt(1, maxStored);
        int dropped = cap.executeUpdate();
        if (dropped > 0) {
          LOG.debug("Dropped {} oldest stored response(s) (RESPONSES_MAX_STORED={})",
              dropped, maxStored);
        }
      }
      return null;
    });
  }

  @Override
  public Optional<StoredResponse> get(String id) {
    long now = clock.millis();
    return withConnection("read response", c -> {
      try (PreparedStatement q =
          c.prepareStatement(
              "SELECT " + COLUMNS + " FROM responses WHERE id = ? AND expires_at > ?")) {
        q.setString(1, id);
        q.setLong(2, now);
        try (ResultSet rs = q.executeQuery()) {
          return rs.next() ? Optional.of(row(rs)) : Optional.<StoredResponse>empty();
        }
      }
    });
  }

  @Override
  public boolean delete(String id) {
    long now = clock.millis();
    return withConnection("delete response", c -> {
      try (PreparedStatement d =
          c.prepareStatement("DELETE FROM responses WHERE id = ? AND expires_at > ?")) {
        d.setString(1, id);
        d.setLong(2, now);
        return d.executeUpdate() > 0;
      }
    });
  }

  /** Number of rows in the table, expired ones included (for tests and diagnostics). */
  public int rowCount() {
    return withConnection("count responses", c -> {
      try (Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM responses")) {
        rs.next();
        return rs.getInt(1);
      }
    });
  }

  @Override
  public void close() {
    // connections are per operation; nothing stays open
  }

  private static StoredResponse row(ResultSet rs) throws SQLException {
    return new StoredResponse(
        rs.getString(1),
        Instant.ofEpochMilli(rs.getLong(2)),
        Instant.ofEpochMilli(rs.getLong(3)),
        rs.getString(4),
        rs.getString(5),
        rs.getString(6),
        rs.getString(7),
        rs.getString(8));
  }

  private void createSchema() {
    withConnection("create the responses table", c -> {
      try (Statement s = c.createStatement()) {
        // WAL is a property of the file: set once, every later connection uses it
        s.execute("PRAGMA journal_mode=WAL");
        s.execute(
            "CREATE TABLE IF NOT EXISTS responses (id TEXT PRIMARY KEY,"
                + " created_at INTEGER NOT NULL, expires_at INTEGER NOT NULL,"
                + " model TEXT NOT NULL, instructions TEXT NOT NULL,"
                + " input_items TEXT NOT NULL, output_items TEXT NOT NULL,"
                + " response TEXT NOT NULL)");
        s.execute("CREATE INDEX IF NOT EXISTS responses_expires ON responses(expires_at)");
        s.execute("CREATE INDEX IF NOT EXISTS responses_created ON responses(created_at)");
      }
      return null;
    });
  }

  @FunctionalInterface
  private interface Work<T> {
    T run(Connection c) throws SQLException;
  }

  private Connection connect() throws SQLException {
    SQLiteConfig config = new SQLiteConfig();
    config.setBusyTimeout(BUSY_TIMEOUT_MS);
    config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
    // take the write lock at BEGIN, so concurrent writers queue on the busy timeout instead of
    // failing with a lock upgrade deadlock
    config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
    return DriverManager.getConnection(url, config.toProperties());
  }

  private <T> T withConnection(String what, Work<T> work) {
    try (Connection c = connect()) {
      return work.run(c);
    } catch (SQLException e) {
      throw failure(what, e);
    }
  }

  private <T> T inTransaction(String what, Work<T> work) {
    try (Connection c = connect()) {
      c.setAutoCommit(false);
      try {
        T result = work.run(c);
        c.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw failure(what, e);
    }
  }

  private StoreException failure(String what, SQLException e) {
    // sqlite-jdbc messages name the error code (e.g. SQLITE_BUSY) and never carry bound values
    return new StoreException(
        "Could not " + what + " in " + file + ": " + e.getMessage(), e);
  }

  private static void createFolder(Path dir) {
    if (dir == null || Files.isDirectory(dir)) {
      return;
    }
    try {
      Files.createDirectories(dir);
      if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
        // stored conversations are private to the user running the gateway
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
      }
    } catch (IOException e) {
      throw new StoreException("Could not create the data folder " + dir + " (DATA_DIR)", e);
    }
  }
}
