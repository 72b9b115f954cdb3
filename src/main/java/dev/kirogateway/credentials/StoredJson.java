package dev.kirogateway.credentials;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Parsing helpers for the token JSON that kiro-cli and Kiro IDE store. Pure. */
final class StoredJson {
  private StoredJson() {}

  /** Parses an object; {@code what} names it (a path or key) in the error, never the content. */
  static ObjectNode object(String text, String what) {
    try {
      JsonNode node = RefreshHttp.JSON.readTree(text);
      if (node instanceof ObjectNode obj) {
        return obj;
      }
    } catch (IOException e) {
      // reported below without the content, which holds secrets
    }
    throw new CredentialsException(what + " does not hold a JSON object");
  }

  static Optional<String> text(JsonNode node, String field) {
    return RefreshHttp.text(node, field);
  }

  /** ISO-8601 with {@code Z} or an offset and up to 9 fractional digits; absent if unreadable. */
  static Optional<Instant> instant(JsonNode node, String field) {
    return text(node, field).flatMap(StoredJson::parseInstant);
  }

  static Optional<Instant> parseInstant(String s) {
    try {
      return Optional.of(OffsetDateTime.parse(s, DateTimeFormatter.ISO_OFFSET_DATE_TIME)
          .toInstant());
    } catch (DateTimeParseException e) {
      try {
        return Optional.of(LocalDateTime.parse(s).toInstant(ZoneOffset.UTC));
      } catch (DateTimeParseException e2) {
        return Optional.empty();
      }
    }
  }

  /** The form written back: ISO-8601 UTC with {@code Z}. */
  static String format(Instant instant) {
    return DateTimeFormatter.ISO_INSTANT.format(instant);
  }
}
