package io.github.vertxasterisk.common;

import java.util.function.LongSupplier;

/**
 * How many lines of one kind may be logged per window, whatever the number of connections they come
 * from: a peer that reconnects for each bad frame must not get a line per frame. The first line of a
 * new window says how many were left out in the windows before it. Thread-safe.
 */
public final class LogBudget {
  private final int perWindow;
  private final long windowNanos;
  private final LongSupplier nanoClock;
  private long windowStart;
  private int used;
  private long skipped;

  public LogBudget(int perWindow, long windowMs) {
    this(perWindow, windowMs, System::nanoTime);
  }

  LogBudget(int perWindow, long windowMs, LongSupplier nanoClock) {
    this.perWindow = perWindow;
    this.windowNanos = windowMs * 1_000_000;
    this.nanoClock = nanoClock;
    this.windowStart = nanoClock.getAsLong();
  }

  /**
   * Whether one more line may be written: null when not (it is counted), else the text to append to it
   * ("" or what was left out since the last line written).
   */
  public synchronized String admit() {
    long now = nanoClock.getAsLong();
    if (now - windowStart >= windowNanos) {
      windowStart = now;
      used = 0;
    }
    if (used >= perWindow) {
      skipped++;
      return null;
    }
    used++;
    String suffix = "";
    if (skipped > 0) {
      suffix = " (" + skipped + " more like it were not logged before this one)";
      skipped = 0;
    } else if (used == perWindow) {
      suffix = " (more like it in the next " + windowNanos / 1_000_000 + " ms are only counted)";
    }
    return suffix;
  }
}
