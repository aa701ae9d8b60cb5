package io.github.vertxasterisk.sim;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;

/** Deploys a {@link PbxSimulator} configured by the verticle's config(). */
public final class PbxSimulatorVerticle extends VerticleBase {

  private PbxSimulator simulator;

  @Override
  public Future<?> start() {
    simulator = new PbxSimulator(config());
    return simulator.start(vertx);
  }

  @Override
  public Future<?> stop() {
    return simulator == null ? Future.succeededFuture() : simulator.close();
  }

  public PbxSimulator simulator() {
    return simulator;
  }
}
