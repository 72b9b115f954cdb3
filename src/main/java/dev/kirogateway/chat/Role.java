package dev.kirogateway.chat;

/**
 * Who wrote a message. {@code SYSTEM} covers system and developer messages that clients put inside
 * the message list; the upstream dialect decides where they go (Kiro has no system role).
 */
public enum Role {
  SYSTEM,
  USER,
  ASSISTANT
}
