package io.github.vertxasterisk.bridge.impl;

import io.github.vertxasterisk.common.LogBudget;
import io.github.vertxasterisk.common.FailureCode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.logging.Logger;

/**
 * The clients of one bridge transport that have not shown the {@code authToken} yet, and since when. Each
 * may wait at most {@code authTimeoutMs} (Asterisk's {@code manager.conf} {@code authtimeout}), and at most
 * {@code maxUnauthenticated} wait at once: a newcomer beyond that makes room by closing the one that has
 * waited longest. Asterisk's {@code authlimit} refuses the newcomer instead, which lets anyone who keeps that
 * many idle connections open lock every new client out, those with the token too. Each client closed is
 * told why in an {@code err} frame; how is up to its transport.
 *
 * @param <S> the transport's client (a TCP socket, a SockJS session)
 */
final class TokenWait<S> {
  static final String TIMEOUT_REASON = "auth-timeout";

  /** How a transport writes an {@code err} frame to one of its clients and closes it. */
  interface Refusal<S> {
    void refuse(S client, FailureCode code, String why);
  }

  private final Map<S, Long> waitingSince = new ConcurrentHashMap<>();
  private final ConnectionLimit limit;
  private final long timeoutNanos;
  private final String timeoutMessage;
  private final BridgeMetrics metrics;
  private final Logger log;
  /** Closings at the timeout logged: a storm of silent clients gets a few lines a minute, each is still counted. */
  private final LogBudget logBudget = new LogBudget(30, 60_000);
  private final Function<S, String> describe;
  private final Refusal<S> refusal;

  /**
   * @param transport {@code tcp} or {@code sockjs}, as the settings are named under {@code bridge}
   * @param log the transport's logger (its name is in every log line)
   * @param describe the client as the log names it, e.g. "TCP bridge client /127.0.0.1:4711"
   */
  TokenWait(String transport, BridgeConfig.TokenRules rules, BridgeMetrics metrics, Logger log,
      Function<S, String> describe, Refusal<S> refusal) {
    this.timeoutNanos = TimeUnit.MILLISECONDS.toNanos(rules.authTimeoutMs()); // saturates: a huge value means never
    this.timeoutMessage = "no frame with the right authToken within " + rules.authTimeoutMs() + " ms (bridge." + transport
      + ".authTimeoutMs): closing this connection";
    this.limit = new ConnectionLimit(rules.maxUnauthenticated(), "bridge." + transport + ".maxUnauthenticated", metrics,
      log, "connections have not shown the authToken yet", "closing the one that has waited longest, this one",
      "too-many-unauthenticated");
    this.metrics = metrics;
    this.log = log;
    this.describe = describe;
    this.refusal = refusal;
  }

  /** A client connected and must show the token; the one that has waited longest is closed to make room if need be. */
  void arrived(S client) {
    S evicted = limit.admits(waitingSince.size()) ? null : longestWaiting();
    if (evicted != null) {
      waitingSince.remove(evicted);
    }
    waitingSince.put(client, System.nanoTime());
    if (evicted != null) {
      refusal.refuse(evicted, FailureCode.OVERLOADED, limit.refusal());
    }
  }

  /** It showed the token, or it left: it waits no more. */
  void done(S client) {
    waitingSince.remove(client);
  }

  /** Run periodically: closes every client that has waited {@code authTimeoutMs} or longer. */
  void closeOverdue() {
    if (waitingSince.isEmpty()) {
      return;
    }
    List<S> overdue = new ArrayList<>();
    long now = System.nanoTime();
    waitingSince.forEach((client, since) -> {
      if (now - since >= timeoutNanos) {
        overdue.add(client);
      }
    });
    for (S client : overdue) {
      waitingSince.remove(client);
      String more = logBudget.admit();
      if (more != null) {
        log.info(describe.apply(client) + ": " + timeoutMessage + more);
      }
      metrics.clientClosed(TIMEOUT_REASON);
      refusal.refuse(client, FailureCode.FORBIDDEN, timeoutMessage);
    }
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
