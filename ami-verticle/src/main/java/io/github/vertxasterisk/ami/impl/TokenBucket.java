package io.github.vertxasterisk.ami.impl;

/**
 * Up to {@code perSecond} events a second on average, in bursts of up to one second's worth; 0 means
 * no bound. Refilled from the clock at each call: no timer.
 */
final class TokenBucket {
  final String cause;
  private final double perNano;
  private final double capacity;
  private double tokens;
  private long lastNanos;
  private boolean started;

  TokenBucket(int perSecond) {
    this.cause = "over maxEventsPerSecond " + perSecond;
    this.perNano = perSecond / 1e9;
    this.capacity = perSecond;
    this.tokens = perSecond;
  }

  boolean take(long nowNanos) {
    if (capacity == 0) {
      return true;
    }
    if (started) {
      tokens = Math.min(capacity, tokens + (nowNanos - lastNanos) * perNano);
    }
    started = true;
    lastNanos = nowNanos;
    if (tokens >= 1) {
      tokens -= 1;
      return true;
    }
    return false;
  }
}
