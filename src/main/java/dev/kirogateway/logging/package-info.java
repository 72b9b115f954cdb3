/**
 * Log output formats: {@link dev.kirogateway.logging.JsonLineEncoder} writes one JSON object per
 * log event ({@code LOG_FORMAT=json}). May import: logback, Jackson.
 */
package dev.kirogateway.logging;
