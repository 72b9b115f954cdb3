package dev.kirogateway.eventstream;

import java.util.Arrays;
import java.util.Objects;
import java.util.UUID;

/** A typed event-stream header value; the wire type codes are 0-9 in declaration order. */
public sealed interface HeaderValue {

  /** Type 0 (true) or 1 (false). */
  record Bool(boolean value) implements HeaderValue {}

  /** Type 2. */
  record Byte(byte value) implements HeaderValue {}

  /** Type 3. */
  record Short(short value) implements HeaderValue {}

  /** Type 4. */
  record Int(int value) implements HeaderValue {}

  /** Type 5. */
  record Long(long value) implements HeaderValue {}

  /** Type 6; the array is copied in and out. */
  record Bytes(byte[] value) implements HeaderValue {
    public Bytes {
      value = value.clone();
    }

    @Override
    public byte[] value() {
      return value.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Bytes b && Arrays.equals(value, b.value);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(value);
    }

    @Override
    public String toString() {
      return "Bytes[" + value.length + "]";
    }
  }

  /** Type 7. */
  record Str(String value) implements HeaderValue {
    public Str {
      Objects.requireNonNull(value, "value");
    }
  }

  /** Type 8: milliseconds since the Unix epoch. */
  record Timestamp(long epochMillis) implements HeaderValue {}

  /** Type 9. */
  record Uuid(UUID value) implements HeaderValue {
    public Uuid {
      Objects.requireNonNull(value, "value");
    }
  }
}
