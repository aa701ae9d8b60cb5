package io.github.vertxasterisk.sim.ami;

/**
 * The pace of a max-rate stream under a ceiling (events/s), for one session. A session that falls behind
 * (its reader stalled, or this JVM was not scheduled) gets what it missed as soon as it can take it, as
 * from Asterisk, whose sessions write from a queue of the events that happened meanwhile: a stall does
 * not lower the offered load. Asterisk disconnects a reader stalled longer than {@code manager.conf}'s
 * {@code writetimeout} (100 ms by default); here what is older than that is forgotten instead, so that a
 * benchmark goes on.
 */
final class StreamPace {
  static final double CATCH_UP_SECONDS = 0.1;

  private final double ceiling;
  private final long startNanos;
  private long sent;

  StreamPace(double ceilingPerSecond, long startNanos) {
    this.ceiling = ceilingPerSecond;
    this.startNanos = startNanos;
  }

  /** Whether {@code batch} more events may be written at {@code nowNanos}; if so, count them as written. */
  boolean take(long nowNanos, int batch) {
    long due = (long) (ceiling * (nowNanos - startNanos) / 1e9);
    if (sent + batch > due) {
      return false;
    }
    sent = Math.max(sent, due - (long) (ceiling * CATCH_UP_SECONDS)) + batch;
    return true;
  }
}
