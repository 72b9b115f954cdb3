/**
 * The AWS event-stream binary codec (application/vnd.amazon.eventstream): an incremental decoder fed
 * arbitrary byte chunks that checks both CRC-32s, and an encoder for the simulator and tests. Knows
 * nothing of Kiro's JSON. Pure: no I/O. May import: JDK only.
 */
package dev.kirogateway.eventstream;
