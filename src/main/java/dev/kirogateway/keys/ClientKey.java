package dev.kirogateway.keys;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * One stored client key: never the key itself, only its public id and salted hash.
 *
 * @param id public part of the key ({@code kgw-{id}-{secret}}), used to find the record
 * @param name the user's label, unique
 * @param salt hex salt
 * @param hash hex SHA-256 of salt bytes followed by the secret's UTF-8 bytes
 * @param limits what the key may do
 * @param created when it was created
 * @param revoked when it was revoked, if it was
 */
public record ClientKey(
    String id,
    String name,
    String salt,
    String hash,
    Limits limits,
    Instant created,
    Optional<Instant> revoked) {

  /**
   * Per-key limits; 0 and empty mean unlimited.
   *
   * @param models client model names allowed; empty allows every model
   * @param rpm requests per minute
   * @param concurrent requests at once
   * @param dailyCredits Kiro credits per UTC day
   * @param monthlyCredits Kiro credits per UTC calendar month
   */
  public record Limits(
      List<String> models,
      int rpm,
      int concurrent,
      OptionalDouble dailyCredits,
      OptionalDouble monthlyCredits) {
    public Limits {
      models = List.copyOf(models);
    }

    public static Limits none() {
      return new Limits(List.of(), 0, 0, OptionalDouble.empty(), OptionalDouble.empty());
    }
  }

  @Override
  public String toString() {
    return "ClientKey[id=" + id + ", name=" + name + ", limits=" + limits + "]";
  }
}
