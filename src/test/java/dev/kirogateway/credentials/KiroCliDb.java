package dev.kirogateway.credentials;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** A real SQLite file in kiro-cli's schema, written and read through its own connections. */
final class KiroCliDb {
  private static final ObjectMapper JSON = new ObjectMapper();
  final Path path;

  KiroCliDb(Path path) throws SQLException {
    this.path = path;
    try (Connection c = connect(); Statement st = c.createStatement()) {
      st.execute("CREATE TABLE auth_kv (key TEXT PRIMARY KEY, value TEXT)");
      st.execute("CREATE TABLE state (key TEXT PRIMARY KEY, value BLOB)");
    }
  }

  Connection connect() throws SQLException {
    return DriverManager.getConnection("jdbc:sqlite:" + path);
  }

  KiroCliDb auth(String key, String json) throws SQLException {
    try (Connection c = connect(); PreparedStatement ps = c.prepareStatement(
        "INSERT OR REPLACE INTO auth_kv (key, value) VALUES (?, ?)")) {
      ps.setString(1, key);
      ps.setString(2, json);
      ps.executeUpdate();
    }
    return this;
  }

  /** State values are stored as BLOBs, like newer kiro-cli versions do. */
  KiroCliDb state(String key, String json) throws SQLException {
    try (Connection c = connect(); PreparedStatement ps = c.prepareStatement(
        "INSERT OR REPLACE INTO state (key, value) VALUES (?, ?)")) {
      ps.setString(1, key);
      ps.setBytes(2, json.getBytes(StandardCharsets.UTF_8));
      ps.executeUpdate();
    }
    return this;
  }

  ObjectNode authJson(String key) throws Exception {
    try (Connection c = connect(); PreparedStatement ps = c.prepareStatement(
        "SELECT value FROM auth_kv WHERE key = ?")) {
      ps.setString(1, key);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? (ObjectNode) JSON.readTree(rs.getString(1)) : null;
      }
    }
  }

  int authRows() throws SQLException {
    try (Connection c = connect(); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT count(*) FROM auth_kv")) {
      rs.next();
      return rs.getInt(1);
    }
  }

  String integrity() throws SQLException {
    try (Connection c = connect(); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("PRAGMA integrity_check")) {
      rs.next();
      return rs.getString(1);
    }
  }

  static String socialToken(String access, String refresh, String expiresAt) {
    return "{\"access_token\":\"" + access + "\",\"refresh_token\":\"" + refresh
        + "\",\"expires_at\":\"" + expiresAt + "\",\"provider\":\"google\","
        + "\"profile_arn\":\"arn:aws:codewhisperer:us-east-1:123456789012:profile/SOCIAL\","
        + "\"unknown_field\":{\"keep\":true}}";
  }

  static String oidcToken(String access, String refresh, String expiresAt, String startUrl) {
    return "{\"access_token\":\"" + access + "\",\"expires_at\":\"" + expiresAt
        + "\",\"refresh_token\":\"" + refresh + "\",\"region\":\"eu-west-1\",\"start_url\":\""
        + startUrl + "\",\"oauth_flow\":\"DeviceCode\",\"scopes\":[\"codewhisperer:completions\","
        + "\"codewhisperer:conversations\"]}";
  }

  static String registration() {
    return "{\"client_id\":\"" + FakeAuthServer.CLIENT_ID + "\",\"client_secret\":\""
        + FakeAuthServer.CLIENT_SECRET + "\",\"region\":\"eu-west-1\"}";
  }
}
