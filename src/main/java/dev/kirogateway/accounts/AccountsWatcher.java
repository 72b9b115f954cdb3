package dev.kirogateway.accounts;

import dev.kirogateway.config.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reloads the accounts file when its modification time or size changes. {@link #check()} runs on
 * the gateway's timer; a file that became unreadable or invalid is logged and the accounts stay as
 * they were.
 */
final class AccountsWatcher {
  private static final Logger LOG = LoggerFactory.getLogger(AccountsWatcher.class);

  private final Path file;
  private final AccountPool pool;
  private Stamp seen;

  private record Stamp(FileTime modified, long size) {}

  AccountsWatcher(Path file, AccountPool pool) {
    this.file = file;
    this.pool = pool;
  }

  /** The first load, at startup: any problem is a configuration error. */
  void loadStrict() {
    Stamp stamp = stamp();
    if (stamp == null) {
      throw new ConfigException(
          "ACCOUNTS_CONFIG_FILE points to " + file + ", which does not exist or cannot be read");
    }
    pool.load(AccountsFile.parse(read(), file.toString()), true);
    seen = stamp;
  }

  /** Reloads if the file changed since the last look; true when it did. */
  synchronized boolean check() {
    Stamp stamp = stamp();
    if (stamp == null || Objects.equals(stamp, seen)) {
      return false;
    }
    seen = stamp;
    try {
      pool.load(AccountsFile.parse(read(), file.toString()), false);
      LOG.info("Reloaded the accounts file {}", file);
      return true;
    } catch (ConfigException e) {
      LOG.warn(
          "Ignoring the changed accounts file, keeping the accounts as they were: {}",
          e.getMessage());
      return false;
    }
  }

  private Stamp stamp() {
    try {
      return new Stamp(Files.getLastModifiedTime(file), Files.size(file));
    } catch (IOException e) {
      return null;
    }
  }

  private byte[] read() {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new ConfigException(
          "Cannot read ACCOUNTS_CONFIG_FILE " + file + " (" + e.getClass().getSimpleName() + ")");
    }
  }
}
