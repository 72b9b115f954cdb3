package dev.kirogateway.store;

import java.util.Optional;

/**
 * Where stored Responses API responses live ({@code store: true}, {@code previous_response_id},
 * {@code GET}/{@code DELETE /v1/responses/{id}}).
 *
 * <p>Deliberately small: three keyed operations and no queries, so that a shared implementation
 * (for example PostgreSQL, one table keyed by id with an expiry column) can later serve several
 * gateway instances behind a load balancer. Implementations are safe for concurrent use, enforce
 * their own retention and never return an expired response.
 */
public interface ResponseStore extends AutoCloseable {

  /**
   * Stores (or replaces) {@code response}.
   *
   * @throws StoreException when the store cannot be written
   */
  void put(StoredResponse response);

  /**
   * The response with this id, empty when unknown, deleted or expired.
   *
   * @throws StoreException when the store cannot be read
   */
  Optional<StoredResponse> get(String id);

  /**
   * Deletes the response; false when there was none (or it had expired).
   *
   * @throws StoreException when the store cannot be written
   */
  boolean delete(String id);

  @Override
  void close();
}
