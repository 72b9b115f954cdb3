package dev.kirogateway.keys;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** Where client keys and their usage are kept. SQLite now; another database can implement it. */
public interface KeyStore extends AutoCloseable {

  /** Usage of one key: requests and credits today, credits this calendar month (UTC). */
  record Usage(long requestsToday, double creditsToday, double creditsThisMonth) {}

  /**
   * @throws IllegalArgumentException when the name is taken
   */
  void add(ClientKey key);

  Optional<ClientKey> byId(String id);

  List<ClientKey> all();

  /** Marks the key revoked; false when no active key has that name. */
  boolean revoke(String name, Instant at);

  /** Adds one request and {@code credits} to the key's usage on {@code day}. */
  void record(String id, LocalDate day, double credits);

  Usage usage(String id, LocalDate day);

  @Override
  void close();
}
