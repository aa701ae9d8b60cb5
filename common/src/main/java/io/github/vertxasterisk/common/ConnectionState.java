package io.github.vertxasterisk.common;

/** The states a PBX connection reports on its {@code .status} address. */
public enum ConnectionState {
  /** Opening the socket or logging in. */
  CONNECTING("connecting"),
  /** Logged in: events flow and actions are accepted. */
  CONNECTED("connected"),
  /** Asterisk refused the credentials; retried only after a long backoff. */
  AUTH_FAILED("auth-failed"),
  /** The peer answered but is not an Asterisk AMI/ARI server. */
  INCORRECT_SERVER("incorrect-server"),
  /** The connection is gone (with a reason); a reconnect is scheduled. */
  DISCONNECTED("disconnected"),
  /** Another node of the cluster holds this PBX; this node waits to take over. */
  STANDBY("standby"),
  /** The verticle was undeployed. */
  STOPPED("stopped");

  private final String wire;

  ConnectionState(String wire) {
    this.wire = wire;
  }

  /** The name used in status messages. */
  public String wire() {
    return wire;
  }
}
