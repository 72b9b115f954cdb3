/**
 * Gateway state that outlives one request: stored Responses API responses ({@link
 * dev.kirogateway.store.ResponseStore}) with an embedded SQLite implementation. May import: JDK,
 * slf4j, sqlite-jdbc, {@code config}.
 */
package dev.kirogateway.store;
