package dev.kirogateway.credentials;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteOpenMode;

/** The kiro-cli SQLite database (§9.2): tables {@code auth_kv} and {@code state}. */
record SqliteSource(Path path, boolean readOnly) implements CredentialSource {
  private static final Logger LOG = LoggerFactory.getLogger(SqliteSource.class);

  static final List<String> TOKEN_KEYS =
      List.of("kirocli:social:token", "kirocli:odic:token", "codewhisperer:odic:token");
  static final List<String> REGISTRATION_KEYS =
      List.of("kirocli:odic:device-registration", "codewhisperer:odic:device-registration");
  static final String EXTERNAL_IDP_KEY = "kirocli:external-idp:token";
  static final int BUSY_TIMEOUT_MS = 5000;

  @Override
  public TokenSnapshot read() {
    if (!Files.isRegularFile(path)) {
      throw new CredentialsException("kiro-cli database " + path + " does not exist; run "
          + "`kiro-cli login` or point KIRO_CLI_DB_FILE at the right file");
    }
    try (Connection c = open(true)) {
      return read(c);
    } catch (SQLException e) {
      throw new CredentialsException("cannot read kiro-cli database " + path + " ("
          + sqlReason(e) + "); check the file and its permissions", e);
    }
  }

  private TokenSnapshot read(Connection c) throws SQLException {
    String key = null;
    Optional<String> raw = Optional.empty();
    for (String k : TOKEN_KEYS) {
      raw = authValue(c, k);
      if (raw.isPresent()) {
        key = k;
        break;
      }
    }
    if (key == null) {
      if (authValue(c, EXTERNAL_IDP_KEY).isPresent()) {
        throw new CredentialsException("kiro-cli database " + path + " holds an external "
            + "identity provider login (" + EXTERNAL_IDP_KEY + "), which kiro-gateway does not "
            + "support yet; log in with Builder ID, IAM Identity Center or a social login");
      }
      throw new CredentialsException("kiro-cli database " + path + " holds no login token; "
          + "run `kiro-cli login`");
    }
    return parse(c, key, raw.get());
  }

  private TokenSnapshot parse(Connection c, String key, String rawToken) throws SQLException {
    ObjectNode token = StoredJson.object(rawToken, "auth_kv key " + key);
    String refresh = StoredJson.text(token, "refresh_token").orElseThrow(() ->
        new CredentialsException("auth_kv key " + key + " in " + path
            + " has no refresh_token; run `kiro-cli login`"));
    Optional<ObjectNode> registration = key.equals(TOKEN_KEYS.get(0))
        ? Optional.empty() : registration(c, key);
    Optional<String> arn = StoredJson.text(token, "profile_arn")
        .or(() -> stateJson(c, "api.codewhisperer.profile")
            .flatMap(p -> StoredJson.text(p, "arn")));
    Optional<String> region = StoredJson.text(token, "region")
        .or(() -> registration.flatMap(r -> StoredJson.text(r, "region")))
        .or(() -> stateText(c, "auth.idc.region"));
    return new TokenSnapshot(key, StoredJson.text(token, "access_token"), refresh,
        StoredJson.instant(token, "expires_at"), arn, region,
        registration.flatMap(r -> StoredJson.text(r, "client_id")),
        registration.flatMap(r -> StoredJson.text(r, "client_secret")),
        StoredJson.text(token, "start_url").or(() -> stateText(c, "auth.idc.start-url")),
        StoredJson.text(token, "provider"));
  }

  private Optional<ObjectNode> registration(Connection c, String tokenKey) throws SQLException {
    // Prefer the registration of the same generation as the token (kirocli vs codewhisperer).
    String preferred = tokenKey.startsWith("kirocli") ? REGISTRATION_KEYS.get(0)
        : REGISTRATION_KEYS.get(1);
    Optional<String> raw = authValue(c, preferred);
    for (String k : REGISTRATION_KEYS) {
      raw = raw.isPresent() ? raw : authValue(c, k);
    }
    if (raw.isEmpty()) {
      LOG.warn("kiro-cli database {}: OIDC login without device registration; the refresh will"
          + " use the Kiro desktop flow and probably fail; run `kiro-cli login`", path);
    }
    return raw.map(r -> StoredJson.object(r, "device registration in " + path));
  }

  @Override
  public void writeBack(TokenSnapshot updated, RefreshResult result) {
    try (Connection c = open(false)) {
      c.setAutoCommit(false); // BEGIN IMMEDIATE: take the write lock before reading the row
      try {
        if (merge(c, updated, result)) {
          c.commit();
          LOG.debug("wrote refreshed token back to {} ({})", path, updated.entry());
        } else {
          c.rollback();
          LOG.warn("kiro-cli database {}: key {} disappeared; not recreating it", path,
              updated.entry());
        }
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new CredentialsException("could not write the refreshed token to " + path + " ("
          + sqlReason(e) + "); the new token is kept in memory", e);
    }
  }

  private boolean merge(Connection c, TokenSnapshot updated, RefreshResult result)
      throws SQLException {
    Optional<String> current = authValue(c, updated.entry());
    if (current.isEmpty()) {
      return false;
    }
    ObjectNode token = StoredJson.object(current.get(), "auth_kv key " + updated.entry());
    token.put("access_token", updated.accessToken().orElseThrow());
    token.put("expires_at", StoredJson.format(updated.expiresAt().orElseThrow()));
    result.refreshToken().ifPresent(r -> token.put("refresh_token", r));
    if (updated.entry().equals(TOKEN_KEYS.get(0))) {
      result.profileArn().ifPresent(a -> token.put("profile_arn", a));
    }
    try (PreparedStatement ps = c.prepareStatement("UPDATE auth_kv SET value = ? WHERE key = ?")) {
      ps.setString(1, token.toString());
      ps.setString(2, updated.entry());
      return ps.executeUpdate() == 1;
    }
  }

  private Connection open(boolean forReading) throws SQLException {
    SQLiteConfig config = new SQLiteConfig();
    config.setBusyTimeout(BUSY_TIMEOUT_MS);
    config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
    config.resetOpenMode(SQLiteOpenMode.CREATE); // never create a database kiro-cli did not
    if (forReading && readOnly) {
      config.setReadOnly(true);
    }
    return DriverManager.getConnection("jdbc:sqlite:" + path, config.toProperties());
  }

  private static Optional<String> authValue(Connection c, String key) throws SQLException {
    return value(c, "SELECT value FROM auth_kv WHERE key = ?", key);
  }

  private static Optional<String> value(Connection c, String sql, String key)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, key);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        // BLOB or TEXT depending on the kiro-cli version: read bytes, decode UTF-8.
        byte[] bytes = rs.getBytes(1);
        return bytes == null || bytes.length == 0 ? Optional.empty()
            : Optional.of(new String(bytes, StandardCharsets.UTF_8));
      }
    }
  }

  /** A {@code state} value; missing table or key = absent (older databases have neither). */
  private Optional<String> stateRaw(Connection c, String key) {
    try {
      return value(c, "SELECT value FROM state WHERE key = ?", key);
    } catch (SQLException e) {
      LOG.debug("kiro-cli database {}: no state entry {} ({})", path, key, sqlReason(e));
      return Optional.empty();
    }
  }

  private Optional<ObjectNode> stateJson(Connection c, String key) {
    return stateRaw(c, key).flatMap(raw -> {
      try {
        return Optional.of(StoredJson.object(raw, "state key " + key));
      } catch (CredentialsException e) {
        LOG.warn("kiro-cli database {}: ignoring unreadable state key {}", path, key);
        return Optional.empty();
      }
    });
  }

  /** State values are JSON-encoded; a plain string may also appear. */
  private Optional<String> stateText(Connection c, String key) {
    return stateRaw(c, key).map(raw -> {
      try {
        JsonNode node = RefreshHttp.JSON.readTree(raw);
        return node != null && node.isTextual() ? node.asText() : raw.strip();
      } catch (java.io.IOException e) {
        return raw.strip();
      }
    }).filter(s -> !s.isEmpty());
  }

  static String sqlReason(SQLException e) {
    // sqlite-jdbc messages name the error code (e.g. SQLITE_BUSY) and never carry bound values.
    String m = e.getMessage();
    return m == null ? e.getClass().getSimpleName() : m.replaceAll("\\s+", " ").strip();
  }

  @Override
  public boolean rereadable() {
    return true;
  }

  @Override
  public String kind() {
    return "kiro-cli SQLite database";
  }

  @Override
  public Optional<String> location() {
    return Optional.of(path.toString());
  }

  @Override
  public String reloginHint() {
    return "run `kiro-cli login`";
  }
}
