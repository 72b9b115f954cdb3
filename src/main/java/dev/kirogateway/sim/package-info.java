/**
 * A loopback Kiro simulator (KIRO-UPSTREAM.md §11): a Jetty HTTP/1.1 server that speaks the
 * upstream chat, model-listing, usage and token-refresh endpoints, validates request bodies the way
 * Kiro is known to, streams binary event-stream replies (scripted {@link
 * dev.kirogateway.sim.Scenario}s or a deterministic demo model) and records every request. Used by
 * {@code --demo} and by tests. May import: eventstream, config, JDK, Jackson, Jetty server, slf4j.
 */
package dev.kirogateway.sim;
