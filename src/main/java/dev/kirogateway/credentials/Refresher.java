package dev.kirogateway.credentials;

/** One refresh flow (§9.4): trades the snapshot's refresh token for a new access token. */
interface Refresher {
  RefreshResult refresh(TokenSnapshot snapshot) throws RefreshException;
}
