package io.github.vertxasterisk.ami.impl;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;

/**
 * Whether the heap pools of this JVM held more than {@code percent} of the maximum heap right after
 * their last collection (the live set, not garbage waiting to be collected); 0 means never. Read at
 * most every 100 ms: cheap enough for the event path.
 */
final class HeapPressure {
  private static final long CHECK_EVERY_NANOS = 100_000_000L;
  final String cause;
  private final int percent;
  private final long limitBytes;
  private long nextCheckNanos;
  private boolean checked;
  private boolean high;

  HeapPressure(int percent) {
    this.percent = percent;
    this.cause = "the heap left by the last GC is above maxHeapPercent " + percent + "%";
    this.limitBytes = Runtime.getRuntime().maxMemory() / 100 * percent;
  }

  boolean high(long nowNanos) {
    if (percent == 0) {
      return false;
    }
    if (!checked || nowNanos - nextCheckNanos >= 0) {
      checked = true;
      nextCheckNanos = nowNanos + CHECK_EVERY_NANOS;
      high = liveAfterLastGc() > limitBytes;
    }
    return high;
  }

  static long liveAfterLastGc() {
    long bytes = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      MemoryUsage afterGc = pool.getType() == MemoryType.HEAP ? pool.getCollectionUsage() : null;
      if (afterGc != null) {
        bytes += afterGc.getUsed();
      }
    }
    return bytes;
  }
}
