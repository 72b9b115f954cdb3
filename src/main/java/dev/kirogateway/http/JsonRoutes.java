package dev.kirogateway.http;

import java.util.Map;

/**
 * Extra read-only JSON routes under {@code /v1/} that another package serves (accounts views),
 * protected by the gateway key like every {@code /v1/} route.
 */
public interface JsonRoutes {
  /** No extra routes. */
  JsonRoutes NONE =
      new JsonRoutes() {
        @Override
        public boolean handles(String path) {
          return false;
        }

        @Override
        public Object get(String path, Map<String, String> query) {
          throw new IllegalStateException("no route " + path);
        }
      };

  /** Whether {@code path} is one of these routes. */
  boolean handles(String path);

  /**
   * The JSON-serialisable answer to {@code GET path?query}.
   *
   * @throws dev.kirogateway.chat.ChatException for a bad query, shown to the client as usual
   */
  Object get(String path, Map<String, String> query);
}
