package io.github.vertxasterisk.common;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Capped exponential backoff with jitter: the n-th delay is uniform in [ceiling/2, ceiling], where
 * ceiling = min(max, initial * 2^n), so many nodes reconnecting to one PBX do not stampede it.
 */
public final class Backoff {
  private final long initialMs;
  private final long maxMs;
  private int attempt;

  public Backoff(long initialMs, long maxMs) {
    if (initialMs <= 0 || maxMs < initialMs) {
      throw new IllegalArgumentException("backoff needs 0 < initial <= max, got " + initialMs + "/" + maxMs);
    }
    this.initialMs = initialMs;
    this.maxMs = maxMs;
  }

  /** The delay before the next attempt; each call grows the ceiling until it reaches the cap. */
  public long nextDelayMs() {
    long ceiling = attempt >= 30 ? maxMs : Math.min(maxMs, initialMs << attempt);
    attempt++;
    long floor = Math.max(1, ceiling / 2);
    return floor + ThreadLocalRandom.current().nextLong(ceiling - floor + 1);
  }

  /** Called after a successful connection: the next failure starts from the initial delay. */
  public void reset() {
    attempt = 0;
  }
}
