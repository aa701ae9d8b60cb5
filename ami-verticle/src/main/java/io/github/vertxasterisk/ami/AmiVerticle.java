package io.github.vertxasterisk.ami;

import io.github.vertxasterisk.ami.api.AmiService;
import io.github.vertxasterisk.ami.impl.AmiConfig;
import io.github.vertxasterisk.ami.impl.AmiRuntime;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import io.vertx.serviceproxy.ServiceBinder;

/**
 * Holds one PBX's AMI connection: publishes its events on the bus and serves {@link AmiService} at
 * {@code <prefix>.ami.<pbx>}. Deploy one instance per PBX; its config is described by {@link AmiConfig}.
 */
public class AmiVerticle extends VerticleBase {
  private AmiRuntime runtime;
  private MessageConsumer<JsonObject> service;

  @Override
  public Future<?> start() {
    AmiConfig config;
    try {
      config = AmiConfig.from(config());
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(e);
    }
    runtime = AmiRuntime.create(vertx, config);
    service = new ServiceBinder(vertx)
      .setAddress(config.addresses().service())
      .register(AmiService.class, runtime.service());
    runtime.start();
    return service.completion();
  }

  @Override
  public Future<?> stop() {
    return runtime.stop().eventually(() -> service.unregister());
  }
}
