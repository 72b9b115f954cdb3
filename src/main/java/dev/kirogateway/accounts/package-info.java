/**
 * Several Kiro accounts behind one gateway (project issue 8): the accounts file and its reload, a
 * pool that picks an account per request (sticky, with cooldowns, probes, per-account concurrency
 * and model allowlists), failover before anything reached the client, and the views behind {@code
 * GET /v1/accounts} and {@code GET /v1/accounts/explain}. May import: chat, config, credentials,
 * model, JDK, Jackson, Jetty client.
 */
package dev.kirogateway.accounts;
