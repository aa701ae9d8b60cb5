package io.github.vertxasterisk.sim.pbx;

/**
 * Lets the ARI side follow what happens to channels the AMI side runs (and vice versa):
 * a dialplan step {@code Stasis(app,args)} and the end of a channel. Event-loop context only.
 */
public interface PbxListener {

  /** A channel reached {@code Stasis(appData)} in the dialplan. */
  default void stasisEntered(Channel channel, String appData) {
  }

  /** A channel was removed from the PBX (hung up). */
  default void channelRemoved(Channel channel) {
  }
}
