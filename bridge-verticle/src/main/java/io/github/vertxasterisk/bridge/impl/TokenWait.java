package io.github.vertxasterisk.bridge.impl;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * The clients of one bridge transport that have not shown the {@code authToken} yet, and since when. Each
 * may wait at most {@code authTimeoutMs} (Asterisk's {@code manager.conf} {@code authtimeout}), and at most
 * {@code maxUnauthenticated} wait at once: a newcomer beyond that makes room by closing the one that has
 * waited longest. Asterisk's {@code authlimit} refuses the newcomer instead, which lets anyone who keeps that
 * many idle connections open lock every new client out, those with the token too. The transport closes
 * the clients this names, each with an {@code err} frame saying why.
 *
 * @param <S> the transport's client (a TCP socket, a SockJS session)
 */
final class TokenWait<S> {
  static final String TIMEOUT_REASON = "auth-timeout";

  private final Map<S, Long> waitingSince = new ConcurrentHashMap<>();
  private final ConnectionLimit limit;
  private final long timeoutNanos;
  private final long timeoutMs;
  private final String transport;

  /** @param transport {@code tcp} or {@code sockjs}, as the settings are named under {@code bridge} */
  TokenWait(String transport, BridgeConfig.TokenRules rules, BridgeMetrics metrics, Logger log) {
    this.transport = transport;
    this.timeoutMs = rules.authTimeoutMs();
    this.timeoutNanos = TimeUnit.MILLISECONDS.toNanos(rules.authTimeoutMs()); // saturates: a huge value means never
    this.limit = new ConnectionLimit(rules.maxUnauthenticated(), "bridge." + transport + ".maxUnauthenticated", metrics,
      log, "connections have not shown the authToken yet", "closing the one that has waited longest, this one",
      "too-many-unauthenticated");
  }

  /** A client connected and must show the token; returns the one to close to make room for it, or null. */
  S arrived(S client) {
    S evicted = limit.admits(waitingSince.size()) ? null : longestWaiting();
    if (evicted != null) {
      waitingSince.remove(evicted);
    }
    waitingSince.put(client, System.nanoTime());
    return evicted;
  }

  /** It showed the token, or it left: it waits no more. */
  void done(S client) {
    waitingSince.remove(client);
  }

  boolean waiting(S client) {
    return waitingSince.containsKey(client);
  }

  /** The clients that have waited {@code authTimeoutMs} or longer, no longer tracked: to be closed. */
  List<S> overdue() {
    List<S> overdue = new ArrayList<>();
    if (waitingSince.isEmpty()) {
      return overdue;
    }
    long now = System.nanoTime();
    waitingSince.forEach((client, since) -> {
      if (now - since >= timeoutNanos) {
        overdue.add(client);
      }
    });
    overdue.forEach(waitingSince::remove);
    return overdue;
  }

  /** What the client pushed out by {@link #arrived} is told. */
  String evictedMessage() {
    return limit.refusal();
  }

  /** What a client closed for waiting too long is told. */
  String timeoutMessage() {
    return "no frame with the right authToken within " + timeoutMs + " ms (bridge." + transport
      + ".authTimeoutMs): closing this connection";
  }

  private S longestWaiting() {
    S longest = null;
    long longestSince = 0;
    for (Map.Entry<S, Long> e : waitingSince.entrySet()) {
      if (longest == null || e.getValue() - longestSince < 0) {
        longest = e.getKey();
        longestSince = e.getValue();
      }
    }
    return longest;
  }
}
