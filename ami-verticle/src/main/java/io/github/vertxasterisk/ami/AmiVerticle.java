package io.github.vertxasterisk.ami;

import io.github.vertxasterisk.ami.api.AmiService;
import io.github.vertxasterisk.ami.impl.AmiConfig;
import io.github.vertxasterisk.ami.impl.AmiRuntime;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;

/**
 * One PBX's AMI side on this node. Deploy it on every node of the cluster: exactly one of them (the
 * holder of the cluster-wide lock) connects, publishes the PBX's events and serves {@link AmiService}
 * at {@code <prefix>.ami.<pbx>}; the others stay on {@code standby} and take over when it goes. The
 * config is described by {@link AmiConfig}.
 */
public class AmiVerticle extends VerticleBase {
  private AmiRuntime runtime;

  @Override
  public Future<?> start() {
    AmiConfig config;
    try {
      config = AmiConfig.from(config());
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(e);
    }
    runtime = new AmiRuntime(vertx, config);
    runtime.start();
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    return runtime.stop();
  }
}
