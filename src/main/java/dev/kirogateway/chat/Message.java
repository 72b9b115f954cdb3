package dev.kirogateway.chat;

import java.util.List;
import java.util.Objects;

/** One turn of the conversation, in the order the client sent it. */
public record Message(Role role, List<ContentBlock> content) {
  public Message {
    Objects.requireNonNull(role, "role");
    content = List.copyOf(content);
  }

  public static Message text(Role role, String text) {
    return new Message(role, List.of(new ContentBlock.Text(text)));
  }
}
