/**
 * Per-user API keys (project issue 8): named client keys stored hashed (SHA-256 with a per-key
 * salt) in an embedded SQLite store behind {@link dev.kirogateway.keys.KeyStore}, their limits
 * (models, requests per minute, concurrent streams, daily and monthly credits) and usage. {@code
 * PROXY_API_KEY} stays the admin key. May import: chat, config, JDK, JDBC.
 */
package dev.kirogateway.keys;
