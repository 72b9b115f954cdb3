package dev.kirogateway.accounts;

import dev.kirogateway.chat.ChatBackend;
import dev.kirogateway.credentials.TokenProvider;

/** Builds one account's token provider and Kiro backend (the composition root implements it). */
@FunctionalInterface
public interface AccountOpener {

  /**
   * Opens {@code spec}.
   *
   * @throws dev.kirogateway.credentials.CredentialsException when its login cannot be read
   * @throws dev.kirogateway.config.ConfigException when one of its keys is invalid
   */
  Upstream open(AccountSpec spec);

  /** What an account calls Kiro with. */
  record Upstream(TokenProvider tokens, ChatBackend backend) {}
}
