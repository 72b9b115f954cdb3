/**
 * Model names: normalises what clients send into Kiro model ids (§10.1) and serves the static
 * model list (§10.3). Pure; may import: JDK and {@code config}.
 */
package dev.kirogateway.model;
