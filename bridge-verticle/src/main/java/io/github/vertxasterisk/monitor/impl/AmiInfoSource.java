package io.github.vertxasterisk.monitor.impl;

import io.github.vertxasterisk.ami.api.AmiAddresses;
import io.github.vertxasterisk.ami.api.AmiService;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;

/**
 * Asks one PBX's {@code AmiService.info()} over the bus, wherever in the cluster the holder runs, with a
 * short timeout so a health check or a metrics poll never waits for long.
 */
public final class AmiInfoSource {
  private final String pbx;
  private final AmiService service;

  public AmiInfoSource(Vertx vertx, String prefix, String pbx, long timeoutMs) {
    this.pbx = pbx;
    this.service = AmiService.createProxyWithOptions(vertx, AmiAddresses.of(prefix, pbx).service(),
      new DeliveryOptions().setSendTimeout(timeoutMs));
  }

  public String pbx() {
    return pbx;
  }

  public Future<JsonObject> info() {
    return service.info();
  }
}
