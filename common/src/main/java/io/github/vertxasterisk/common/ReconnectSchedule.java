package io.github.vertxasterisk.common;

import io.vertx.core.Vertx;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * When a session tries to connect again: after an ordinary failure with capped exponential backoff and
 * jitter, after a refusal that retrying soon cannot fix (wrong credentials, another ARI client took
 * the application) with a long one: its first ceiling {@code authFailedDelayMs} (jittered down to half), up to four times the normal cap, so
 * a wrong secret never becomes a tight login loop (nor a lockout on the PBX side). At most one attempt
 * pending; counts the retries. Confined to the session's event loop.
 *
 * <p>The two backoffs start over at different proofs. The normal one as soon as a connection delivered
 * something real ({@link #proved()}). The long one only once the refusal is over: a proved connection
 * ended for an ordinary reason, or stayed up longer than the long cap. A connection that answers pings
 * and is then taken over by the client it fights with each time therefore still waits ever longer.
 */
public final class ReconnectSchedule {
  private final Vertx vertx;
  private final Backoff normal;
  private final Backoff longWait;
  private final long longCapNanos;
  private final LongSupplier nanoClock;
  private long timer = -1;
  private long count;
  /** {@link #opened()} was called since the last {@link #schedule}: that connection is what just ended. */
  private boolean openedSinceSchedule;
  private long openedAtNanos;
  /** The open connection delivered something real since {@link #opened()} (none open counts as proven). */
  private boolean proven = true;

  public ReconnectSchedule(Vertx vertx, long initialMs, long maxMs, long authFailedDelayMs) {
    this(vertx, initialMs, maxMs, authFailedDelayMs, System::nanoTime);
  }

  ReconnectSchedule(Vertx vertx, long initialMs, long maxMs, long authFailedDelayMs, LongSupplier nanoClock) {
    this.vertx = vertx;
    this.normal = new Backoff(initialMs, maxMs);
    long longCapMs = Math.max(authFailedDelayMs, maxMs * 4);
    this.longWait = new Backoff(authFailedDelayMs, longCapMs);
    this.longCapNanos = TimeUnit.MILLISECONDS.toNanos(longCapMs);
    this.nanoClock = nanoClock;
  }

  /**
   * Runs {@code connect} after the next delay of the chosen backoff ({@code longer}: the peer refused
   * us); returns that delay.
   */
  public long schedule(boolean longer, Runnable connect) {
    if (openedSinceSchedule) {
      openedSinceSchedule = false;
      if (proven && (!longer || nanoClock.getAsLong() - openedAtNanos >= longCapNanos)) {
        longWait.reset();
      }
    }
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
    openedSinceSchedule = true;
    openedAtNanos = nanoClock.getAsLong();
  }

  /**
   * The connection opened last delivered an answer or an event: the next ordinary failure starts from the
   * initial delay again. Only its first call after {@link #opened()} does anything, so it may be called per
   * event.
   */
  public void proved() {
    if (!proven) {
      proven = true;
      normal.reset();
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
