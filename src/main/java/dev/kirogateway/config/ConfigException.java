package dev.kirogateway.config;

/** Invalid configuration; the message names the key, the bad value and what is accepted. */
public final class ConfigException extends RuntimeException {
  public ConfigException(String message) {
    super(message, null, false, false);
  }
}
