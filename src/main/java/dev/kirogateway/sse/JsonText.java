package dev.kirogateway.sse;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;

/**
 * A {@link JsonGenerator} writing into a reused in-memory buffer: build a value with {@link
 * #gen()}, then take it with {@link #take()}. Not thread-safe; one per stream writer.
 *
 * <p>The generator lives for one value only, so its buffers go back to the shared pool between
 * events instead of staying with each of thousands of idle streams (docs/BENCHMARKS.md).
 */
public final class JsonText {
  /** A shared buffer pool, not Jackson's per-thread one (see {@link RequestJson}). */
  private static final JsonFactory FACTORY =
      JsonFactory.builder().recyclerPool(JsonRecyclerPools.sharedConcurrentDequePool()).build();

  private final Buffer buffer = new Buffer();
  private JsonGenerator gen;

  public JsonGenerator gen() {
    if (gen == null) {
      try {
        gen = FACTORY.createGenerator(buffer);
        // values are taken one at a time, so no separator between consecutive root values
        gen.setRootValueSeparator(null);
        // lets callers embed JsonNode trees (tool inputs) with writeTree
        gen.setCodec(RequestJson.mapper());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return gen;
  }

  /** The JSON written since the last call, as text; clears the buffer. */
  public String take() {
    if (gen != null) {
      try {
        gen.close(); // flushes into the buffer and returns the generator's buffers to the pool
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } finally {
        gen = null;
      }
    }
    String s = buffer.sb.toString();
    buffer.sb.setLength(0);
    return s;
  }

  /** A Writer over a StringBuilder; in-memory, so it never throws. */
  private static final class Buffer extends Writer {
    private final StringBuilder sb = new StringBuilder(256);

    @Override
    public void write(char[] cbuf, int off, int len) {
      sb.append(cbuf, off, len);
    }

    @Override
    public void write(String str, int off, int len) {
      sb.append(str, off, off + len);
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  }
}
