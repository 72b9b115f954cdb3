/**
 * Kiro credentials: finding them (kiro-cli SQLite, Kiro IDE / AWS SSO JSON, REFRESH_TOKEN),
 * refreshing them ahead of expiry (single-flight, {@link java.time.Clock}-driven), writing rotated
 * tokens back, and reporting their state with every secret redacted. Exposes {@link
 * dev.kirogateway.credentials.TokenProvider} to the Kiro client. May import: config, JDK, JDBC,
 * Jackson, Jetty client.
 */
package dev.kirogateway.credentials;
