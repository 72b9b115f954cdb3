package dev.kirogateway.keys;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/** The embedded key store: one SQLite file, one connection, calls serialised. */
public final class SqliteKeyStore implements KeyStore {
  private final Connection db;

  private SqliteKeyStore(Connection db) {
    this.db = db;
  }

  /** Opens (creating if needed) the store at {@code file}. */
  public static SqliteKeyStore open(Path file) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
      try (Statement s = c.createStatement()) {
        s.execute("PRAGMA busy_timeout = 5000");
        s.execute(
            "CREATE TABLE IF NOT EXISTS client_keys (id TEXT PRIMARY KEY, name TEXT NOT NULL"
                + " UNIQUE, salt TEXT NOT NULL, hash TEXT NOT NULL, models TEXT NOT NULL, rpm"
                + " INTEGER NOT NULL, concurrent INTEGER NOT NULL, daily_credits REAL,"
                + " monthly_credits REAL, created TEXT NOT NULL, revoked TEXT)");
        s.execute(
            "CREATE TABLE IF NOT EXISTS key_usage (id TEXT NOT NULL, day TEXT NOT NULL,"
                + " requests INTEGER NOT NULL, credits REAL NOT NULL, PRIMARY KEY (id, day))");
      }
      return new SqliteKeyStore(c);
    } catch (SQLException | IOException e) {
      throw new IllegalStateException("Cannot open the key store " + file + ": " + e.getMessage());
    }
  }

  @Override
  public synchronized void add(ClientKey k) {
    try (PreparedStatement p =
        db.prepareStatement("INSERT INTO client_keys VALUES (?,?,?,?,?,?,?,?,?,?,NULL)")) {
      p.setString(1, k.id());
      p.setString(2, k.name());
      p.setString(3, k.salt());
      p.setString(4, k.hash());
      p.setString(5, String.join(",", k.limits().models()));
      p.setInt(6, k.limits().rpm());
      p.setInt(7, k.limits().concurrent());
      setOptional(p, 8, k.limits().dailyCredits());
      setOptional(p, 9, k.limits().monthlyCredits());
      p.setString(10, k.created().toString());
      p.executeUpdate();
    } catch (SQLException e) {
      if (e.getMessage() != null && e.getMessage().contains("UNIQUE")) {
        throw new IllegalArgumentException("A key named '" + k.name() + "' already exists");
      }
      throw failure(e);
    }
  }

  private static void setOptional(PreparedStatement p, int i, OptionalDouble v)
      throws SQLException {
    if (v.isPresent()) {
      p.setDouble(i, v.getAsDouble());
    } else {
      p.setNull(i, java.sql.Types.REAL);
    }
  }

  @Override
  public synchronized Optional<ClientKey> byId(String id) {
    List<ClientKey> found = query("SELECT * FROM client_keys WHERE id = ?", id);
    return found.stream().findFirst();
  }

  @Override
  public synchronized List<ClientKey> all() {
    return query("SELECT * FROM client_keys ORDER BY created, name");
  }

  private List<ClientKey> query(String sql, String... args) {
    try (PreparedStatement p = db.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        p.setString(i + 1, args[i]);
      }
      List<ClientKey> out = new ArrayList<>();
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) {
          out.add(row(r));
        }
      }
      return out;
    } catch (SQLException e) {
      throw failure(e);
    }
  }

  private static ClientKey row(ResultSet r) throws SQLException {
    String models = r.getString("models");
    ClientKey.Limits limits =
        new ClientKey.Limits(
            models.isEmpty() ? List.of() : Arrays.asList(models.split(",")),
            r.getInt("rpm"),
            r.getInt("concurrent"),
            optional(r, "daily_credits"),
            optional(r, "monthly_credits"));
    String revoked = r.getString("revoked");
    return new ClientKey(
        r.getString("id"),
        r.getString("name"),
        r.getString("salt"),
        r.getString("hash"),
        limits,
        Instant.parse(r.getString("created")),
        Optional.ofNullable(revoked).map(Instant::parse));
  }

  private static OptionalDouble optional(ResultSet r, String column) throws SQLException {
    double v = r.getDouble(column);
    return r.wasNull() ? OptionalDouble.empty() : OptionalDouble.of(v);
  }

  @Override
  public synchronized boolean revoke(String name, Instant at) {
    try (PreparedStatement p =
        db.prepareStatement(
            "UPDATE client_keys SET revoked = ? WHERE name = ? AND revoked IS NULL")) {
      p.setString(1, at.toString());
      p.setString(2, name);
      return p.executeUpdate() == 1;
    } catch (SQLException e) {
      throw failure(e);
    }
  }

  @Override
  public synchronized void record(String id, LocalDate day, double credits) {
    try (PreparedStatement p =
        db.prepareStatement(
            "INSERT INTO key_usage VALUES (?,?,1,?) ON CONFLICT (id, day) DO UPDATE SET"
                + " requests = requests + 1, credits = credits + excluded.credits")) {
      p.setString(1, id);
      p.setString(2, day.toString());
      p.setDouble(3, credits);
      p.executeUpdate();
    } catch (SQLException e) {
      throw failure(e);
    }
  }

  @Override
  public synchronized Usage usage(String id, LocalDate day) {
    String month = day.toString().substring(0, 7);
    try (PreparedStatement p =
        db.prepareStatement(
            "SELECT COALESCE(SUM(CASE WHEN day = ? THEN requests END), 0),"
                + " COALESCE(SUM(CASE WHEN day = ? THEN credits END), 0), COALESCE(SUM(credits), 0)"
                + " FROM key_usage WHERE id = ? AND substr(day, 1, 7) = ?")) {
      p.setString(1, day.toString());
      p.setString(2, day.toString());
      p.setString(3, id);
      p.setString(4, month);
      try (ResultSet r = p.executeQuery()) {
        r.next();
        return new Usage(r.getLong(1), r.getDouble(2), r.getDouble(3));
      }
    } catch (SQLException e) {
      throw failure(e);
    }
  }

  private static IllegalStateException failure(SQLException e) {
    return new IllegalStateException("Key store error (SQLite code " + e.getErrorCode() + ")");
  }

  @Override
  public synchronized void close() {
    try {
      db.close();
    } catch (SQLException ignored) {
      // closing anyway
    }
  }
}
