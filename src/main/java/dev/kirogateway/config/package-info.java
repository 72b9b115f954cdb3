/**
 * Configuration: settings merged from CLI flags, the environment, a {@code .env} file and defaults
 * (in that order of precedence), read through typed accessors that fail with one clear message.
 * Each component reads its own keys into a small record. May import: JDK only.
 */
package dev.kirogateway.config;
