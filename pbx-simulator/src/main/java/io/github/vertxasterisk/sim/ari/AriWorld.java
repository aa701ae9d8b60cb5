package io.github.vertxasterisk.sim.ari;

import io.github.vertxasterisk.sim.pbx.Channel;
import io.github.vertxasterisk.sim.pbx.PbxState;
import io.vertx.core.Vertx;

/**
 * What the REST handlers share: the PBX, the applications, the calls, bridges, playbacks and
 * recordings. All of it is used on the ARI server's event-loop context only.
 */
final class AriWorld {

  final Vertx vertx;
  final AriConfig config;
  final PbxState pbx;
  final StasisApps apps;
  final Calls calls;
  final Bridges bridges;
  final Playbacks playbacks;
  final Recordings recordings;

  AriWorld(Vertx vertx, AriConfig config, PbxState pbx) {
    this.vertx = vertx;
    this.config = config;
    this.pbx = pbx;
    this.apps = new StasisApps(config.apps());
    this.calls = new Calls(this);
    this.bridges = new Bridges(this);
    this.playbacks = new Playbacks(this);
    this.recordings = new Recordings(this);
    pbx.addListener(calls);
  }

  void publish(AriEvent e) {
    apps.publish(e);
  }

  Channel channel(String id) {
    return id == null ? null : pbx.channelById(id);
  }
}
