package io.github.vertxasterisk.ami.impl;

import io.github.vertxasterisk.common.ConnectionState;

/** Why a connection attempt ended before login: the state to report and how long to back off. */
final class ConnectFailure extends RuntimeException {
  final ConnectionState state;

  ConnectFailure(ConnectionState state, String reason) {
    super(reason, null, false, false);
    this.state = state;
  }
}
