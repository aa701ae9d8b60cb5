package io.github.vertxasterisk.bridge.impl;

import java.util.logging.Logger;

/**
 * At most {@code max} connections of one kind on one bridge transport (open ones, or those that have not
 * authenticated yet): beyond it a connection (the new one, or the one waiting longest) is closed at once,
 * counted in {@code asterisk_bridge_clients_closed_total{reason=...}}. Logged once each time the limit is
 * reached, not per refusal: a flood of connections must not become a flood of log lines. Confined to the
 * transport's event loop.
 */
final class ConnectionLimit {
  static final String REASON = "too-many-connections";

  private final int max;
  private final String configKey;
  private final BridgeMetrics metrics;
  private final Logger log;
  private final String counted;
  private final String closing;
  private final String reason;
  private boolean warned;

  /** @param configKey the setting, as the log and the refusal name it (e.g. {@code bridge.tcp.maxConnections}) */
  ConnectionLimit(int max, String configKey, BridgeMetrics metrics, Logger log) {
    this(max, configKey, metrics, log, "connections are open", "closing this one", REASON);
  }

  /**
   * @param counted what the limit counts, as the refusal says it after the number
   * @param closing which connection is closed, as the refusal says it at its end
   * @param reason the {@code reason} tag of a refusal in the metrics
   */
  ConnectionLimit(int max, String configKey, BridgeMetrics metrics, Logger log, String counted, String closing,
      String reason) {
    this.max = max;
    this.configKey = configKey;
    this.metrics = metrics;
    this.log = log;
    this.counted = counted;
    this.closing = closing;
    this.reason = reason;
  }

  /** Whether one more connection may join the {@code open} ones; a refusal is counted (and logged once). */
  boolean admits(int open) {
    if (open < max) {
      warned = false;
      return true;
    }
    metrics.clientClosed(reason);
    if (!warned) {
      warned = true;
      log.warning(refusal() + " (logged once until the number of connections falls below the limit)");
    }
    return false;
  }

  /** Why a connection is closed, for the client. */
  String refusal() {
    return max + " " + counted + ", the most " + configKey + " allows: " + closing;
  }
}
