package io.github.vertxasterisk.common;

import io.vertx.core.Vertx;

/**
 * When a session tries to connect again: after an ordinary failure with capped exponential backoff and
 * jitter, after a refusal that retrying soon cannot fix (wrong credentials, another ARI client took
 * the application) with a long one: from {@code authFailedDelayMs} up to four times the normal cap, so
 * a wrong secret never becomes a tight login loop (nor a lockout on the PBX side). At most one attempt
 * pending; counts the retries. Confined to the session's event loop.
 */
public final class ReconnectSchedule {
  private final Vertx vertx;
  private final Backoff normal;
  private final Backoff longWait;
  private long timer = -1;
  private long count;
  /** The open connection delivered something real since {@link #opened()} (none open counts as proven). */
  private boolean proven = true;

  public ReconnectSchedule(Vertx vertx, long initialMs, long maxMs, long authFailedDelayMs) {
    this.vertx = vertx;
    this.normal = new Backoff(initialMs, maxMs);
    this.longWait = new Backoff(authFailedDelayMs, Math.max(authFailedDelayMs, maxMs * 4));
  }

  /** Runs {@code connect} after the next delay of the chosen backoff; returns that delay. */
  public long schedule(boolean longer, Runnable connect) {
    long delay = (longer ? longWait : normal).nextDelayMs();
    count++;
    timer = vertx.setTimer(delay, id -> {
      timer = -1;
      connect.run();
    });
    return delay;
  }

  /**
   * A connection is up, but a handshake or a login proves little (a peer may accept it and drop it each
   * time): the delays grow on until {@link #proved()}.
   */
  public void opened() {
    proven = false;
  }

  /**
   * The connection opened last delivered an answer or an event: the next failure starts from the initial
   * delays again. Only its first call after {@link #opened()} does anything, so it may be called per event.
   */
  public void proved() {
    if (!proven) {
      proven = true;
      normal.reset();
      longWait.reset();
    }
  }

  /** Drops the pending attempt, if any. */
  public void cancel() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
      timer = -1;
    }
  }

  /** Attempts scheduled so far. */
  public long count() {
    return count;
  }
}
