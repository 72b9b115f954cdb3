package dev.kirogateway.debug;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands out a {@link Capture} per request and writes the ones {@code DEBUG_MODE} keeps, one
 * directory per request under {@code DEBUG_DIR}, deleting the oldest beyond
 * {@code DEBUG_MAX_FILES}. Thread-safe.
 */
public final class DebugCaptures {
  private static final Logger LOG = LoggerFactory.getLogger(DebugCaptures.class);
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss.SSS").withZone(ZoneOffset.UTC);
  /** Capture directories are named {@code <UTC stamp>_<request id>}; nothing else is touched. */
  private static final String NAME_PATTERN = "\\d{8}-\\d{6}\\.\\d{3}_[A-Za-z0-9_-]+";

  private final DebugSettings settings;
  private final Clock clock;
  private final Object writeLock = new Object();
  private volatile boolean warned;

  public DebugCaptures(DebugSettings settings, Clock clock) {
    this.settings = settings;
    this.clock = clock;
    if (settings.mode() != DebugMode.OFF) {
      LOG.info(
          "Debug capture on ({} requests) in {}, keeping the last {}",
          settings.mode().name().toLowerCase(java.util.Locale.ROOT),
          settings.dir(),
          settings.maxFiles());
    }
  }

  /** A capture for request {@code requestId}; {@link Capture#NONE} when capturing is off. */
  public Capture start(String requestId) {
    if (settings.mode() == DebugMode.OFF) {
      return Capture.NONE;
    }
    return new RequestCapture(requestId, clock.instant(), this);
  }

  void finished(RequestCapture capture, boolean failed) {
    if (settings.mode() == DebugMode.ERRORS && !failed) {
      return;
    }
    String name = STAMP.format(capture.startedAt()) + "_" + capture.requestId();
    synchronized (writeLock) {
      try {
        Path dir = Files.createDirectories(settings.dir().resolve(name));
        for (RequestCapture.Part part : capture.parts()) {
          Files.write(dir.resolve(part.fileName()), part.bytes());
        }
        prune();
      } catch (IOException | RuntimeException e) {
        if (!warned) {
          warned = true;
          LOG.warn("Cannot write debug captures to {}: {}", settings.dir(), e.toString());
        }
      }
    }
  }

  /** Deletes the oldest captures beyond the limit (names sort by time). */
  private void prune() throws IOException {
    List<Path> captures;
    try (Stream<Path> list = Files.list(settings.dir())) {
      captures =
          list.filter(p -> p.getFileName().toString().matches(NAME_PATTERN))
              .filter(Files::isDirectory)
              .sorted(Comparator.comparing(p -> p.getFileName().toString()))
              .toList();
    }
    for (int i = 0; i < captures.size() - settings.maxFiles(); i++) {
      deleteTree(captures.get(i));
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
