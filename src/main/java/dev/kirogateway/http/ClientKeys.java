package dev.kirogateway.http;

/**
 * Client keys besides {@code PROXY_API_KEY} (the admin key), checked when the admin key does not
 * match. The implementation remembers the caller for the rest of the request.
 */
public interface ClientKeys {
  /** Only the admin key. */
  ClientKeys NONE =
      new ClientKeys() {
        @Override
        public boolean authenticate(String offered) {
          return false;
        }

        @Override
        public void clear() {}
      };

  /** True when {@code offered} is an active client key. */
  boolean authenticate(String offered);

  /** Called when the request ends. */
  void clear();
}
