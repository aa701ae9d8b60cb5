package io.github.vertxasterisk.ari;

import io.github.vertxasterisk.ari.api.AriService;
import io.github.vertxasterisk.ari.impl.AriConfig;
import io.github.vertxasterisk.ari.impl.AriRuntime;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;

/**
 * One PBX's ARI side on this node. Deploy it on every node of the cluster: exactly one of them (the
 * holder of the cluster-wide lock) loads the PBX's API, opens the events WebSocket, publishes the
 * events and serves {@link AriService} at {@code <prefix>.ari.<pbx>}; the others stay on
 * {@code standby} and take over when it goes. The config is described by {@link AriConfig}.
 */
public class AriVerticle extends VerticleBase {
  private AriRuntime runtime;

  @Override
  public Future<?> start() {
    AriConfig config;
    try {
      config = AriConfig.from(config());
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(e);
    }
    runtime = new AriRuntime(vertx, config);
    runtime.start();
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    return runtime.stop();
  }
}
