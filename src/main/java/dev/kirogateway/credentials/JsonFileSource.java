package dev.kirogateway.credentials;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A Kiro IDE token file or AWS SSO cache file (§9.3), camelCase JSON. */
record JsonFileSource(Path path, boolean readOnly) implements CredentialSource {
  private static final Logger LOG = LoggerFactory.getLogger(JsonFileSource.class);
  // Only plain hex names: the hash becomes a file name, so nothing like "../x" may pass.
  private static final Pattern CLIENT_ID_HASH = Pattern.compile("[0-9a-f]{40}|[0-9a-f]{64}");
  private static final Set<PosixFilePermission> OWNER_ONLY =
      PosixFilePermissions.fromString("rw-------");

  @Override
  public TokenSnapshot read() {
    ObjectNode json = readObject(path);
    String refresh = StoredJson.text(json, "refreshToken").orElseThrow(() ->
        new CredentialsException("token file " + path + " has no refreshToken; " + reloginHint()));
    Optional<ObjectNode> companion = companion(json);
    Optional<String> clientId = StoredJson.text(json, "clientId")
        .or(() -> companion.flatMap(c -> StoredJson.text(c, "clientId")));
    Optional<String> clientSecret = StoredJson.text(json, "clientSecret")
        .or(() -> companion.flatMap(c -> StoredJson.text(c, "clientSecret")));
    return new TokenSnapshot(path.getFileName().toString(),
        StoredJson.text(json, "accessToken"), refresh, StoredJson.instant(json, "expiresAt"),
        StoredJson.text(json, "profileArn"), StoredJson.text(json, "region"),
        clientId, clientSecret, StoredJson.text(json, "startUrl"),
        StoredJson.text(json, "provider"));
  }

  private Optional<ObjectNode> companion(ObjectNode json) {
    Optional<String> hash = StoredJson.text(json, "clientIdHash");
    if (hash.isEmpty()) {
      return Optional.empty();
    }
    if (!CLIENT_ID_HASH.matcher(hash.get()).matches()) {
      LOG.warn("token file {}: ignoring clientIdHash, it is not a 40- or 64-digit lower-case hex"
          + " value", path);
      return Optional.empty();
    }
    Path file = path.resolveSibling(hash.get() + ".json");
    if (!Files.isRegularFile(file)) {
      LOG.warn("token file {}: client registration {} not found; OIDC refresh impossible, "
          + "sign in again in Kiro IDE", path, file);
      return Optional.empty();
    }
    return Optional.of(readObject(file));
  }

  private static ObjectNode readObject(Path file) {
    try {
      return StoredJson.object(Files.readString(file, StandardCharsets.UTF_8), "file " + file);
    } catch (IOException e) {
      throw new CredentialsException("cannot read token file " + file + " ("
          + e.getClass().getSimpleName() + "); check the path and its permissions", e);
    }
  }

  @Override
  public void writeBack(TokenSnapshot updated, RefreshResult result) {
    ObjectNode json = readObject(path);
    json.put("accessToken", updated.accessToken().orElseThrow());
    json.put("expiresAt", StoredJson.format(updated.expiresAt().orElseThrow()));
    result.refreshToken().ifPresent(r -> json.put("refreshToken", r));
    result.profileArn().ifPresent(a -> json.put("profileArn", a));
    try {
      replaceAtomically(path, json.toPrettyString());
      LOG.debug("wrote refreshed token back to {}", path);
    } catch (IOException e) {
      throw new CredentialsException("could not write the refreshed token to " + path + " ("
          + e.getClass().getSimpleName() + "); the new token is kept in memory", e);
    }
  }

  /** Temp file in the same directory with the original's mode, then an atomic rename. */
  static void replaceAtomically(Path target, String content) throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    boolean posix = Files.getFileAttributeView(dir, PosixFileAttributeView.class) != null;
    Set<PosixFilePermission> perms = posix && Files.exists(target)
        ? Files.getPosixFilePermissions(target) : OWNER_ONLY;
    FileAttribute<?>[] attrs = posix
        ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)}
        : new FileAttribute<?>[0];
    Path tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp", attrs);
    try {
      Files.writeString(tmp, content, StandardCharsets.UTF_8);
      if (posix) {
        Files.setPosixFilePermissions(tmp, perms); // umask-proof: set after creation
      }
      try (var ch = java.nio.channels.FileChannel.open(tmp,
          java.nio.file.StandardOpenOption.WRITE)) {
        ch.force(true);
      }
      try {
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE,
            StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  @Override
  public boolean rereadable() {
    return true;
  }

  @Override
  public String kind() {
    return "JSON token file";
  }

  @Override
  public Optional<String> location() {
    return Optional.of(path.toString());
  }

  @Override
  public String reloginHint() {
    return "sign in again in Kiro IDE (it rewrites " + path + "), or run `kiro-cli login` and "
        + "use KIRO_CLI_DB_FILE";
  }
}
