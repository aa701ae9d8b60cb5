package io.github.vertxasterisk.bridge.impl;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.logging.Logger;

/**
 * A bridge's connections, each with the time it became blocked (its client stopped reading), and the
 * closing of those blocked for {@code maxBlockedMs}: the client can reconnect; the node keeps its memory.
 * How a connection is known to be blocked, named in the log and closed is up to its transport.
 */
public final class StalledConnections<C> {
  private static final long NOT_BLOCKED = -1;

  private final Map<C, Long> blockedSinceNanos = new ConcurrentHashMap<>();
  private final long maxBlockedNanos;
  private final BridgeMetrics metrics;
  private final Logger log;
  private final Predicate<C> blocked;
  private final Function<C, String> describe;
  private final Consumer<C> close;

  /**
   * @param log the transport's logger (its name is in every log line)
   * @param describe the connection as the log names it, e.g. "TCP bridge client /127.0.0.1:4711"
   */
  public StalledConnections(long maxBlockedMs, BridgeMetrics metrics, Logger log, Predicate<C> blocked,
      Function<C, String> describe, Consumer<C> close) {
    this.maxBlockedNanos = TimeUnit.MILLISECONDS.toNanos(maxBlockedMs); // saturates: a huge value means never
    this.metrics = metrics;
    this.log = log;
    this.blocked = blocked;
    this.describe = describe;
    this.close = close;
  }

  public void track(C connection) {
    blockedSinceNanos.put(connection, NOT_BLOCKED);
  }

  /** How many connections are tracked (open) now. */
  public int size() {
    return blockedSinceNanos.size();
  }

  /** For the connection's close handler. */
  public void forget(C connection) {
    blockedSinceNanos.remove(connection);
  }

  /** Run periodically on the bridge's event loop: closes every connection blocked for too long. */
  public void closeStalled() {
    long now = System.nanoTime();
    blockedSinceNanos.forEach((connection, since) -> {
      if (!blocked.test(connection)) {
        blockedSinceNanos.replace(connection, NOT_BLOCKED);
      } else if (since == NOT_BLOCKED) {
        blockedSinceNanos.replace(connection, now);
      } else if (now - since >= maxBlockedNanos) {
        blockedSinceNanos.remove(connection);
        log.warning(describe.apply(connection) + " has read nothing for "
          + (now - since) / 1_000_000 + " ms with its write buffer full: closing it");
        metrics.clientClosed("stalled");
        close.accept(connection);
      }
    });
  }
}
