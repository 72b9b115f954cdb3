package dev.kirogateway.http;

import dev.kirogateway.metrics.RequestSummary;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The requests in flight and a bounded ring of the most recent finished ones, for the dashboard. */
final class RecentRequests {
  private final int capacity;
  private final Map<String, RequestLog> active = new ConcurrentHashMap<>();
  private final ArrayDeque<RequestSummary> done; // guarded by this

  RecentRequests(int capacity) {
    this.capacity = capacity;
    this.done = new ArrayDeque<>(capacity);
  }

  void started(RequestLog log) {
    active.put(log.requestId(), log);
  }

  void finished(RequestSummary summary) {
    active.remove(summary.id());
    synchronized (this) {
      if (done.size() == capacity) {
        done.removeFirst();
      }
      done.addLast(summary);
    }
  }

  /** In flight, oldest first. */
  List<RequestLog> active() {
    List<RequestLog> list = new ArrayList<>(active.values());
    list.sort(java.util.Comparator.comparingLong(RequestLog::startNanos));
    return list;
  }

  /** Finished, newest first. */
  synchronized List<RequestSummary> recent() {
    List<RequestSummary> list = new ArrayList<>(done);
    java.util.Collections.reverse(list);
    return list;
  }
}
