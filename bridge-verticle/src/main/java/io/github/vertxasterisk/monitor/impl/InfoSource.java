package io.github.vertxasterisk.monitor.impl;

import io.github.vertxasterisk.ami.api.AmiAddresses;
import io.github.vertxasterisk.ami.api.AmiService;
import io.github.vertxasterisk.ari.api.AriAddresses;
import io.github.vertxasterisk.ari.api.AriService;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import java.util.function.Supplier;

/**
 * Asks one PBX's {@code AmiService.info()} or {@code AriService.info()} over the bus, wherever in the
 * cluster the holder runs, with a short timeout so a health check or a metrics poll never waits long.
 * Only the holder serves the address, so the answer names the holder node.
 */
public final class InfoSource {
  private final String protocol;
  private final String pbx;
  private final Supplier<Future<JsonObject>> info;

  private InfoSource(String protocol, String pbx, Supplier<Future<JsonObject>> info) {
    this.protocol = protocol;
    this.pbx = pbx;
    this.info = info;
  }

  public static InfoSource ami(Vertx vertx, String prefix, String pbx, long timeoutMs) {
    AmiService service = AmiService.createProxyWithOptions(vertx, AmiAddresses.of(prefix, pbx).service(),
      new DeliveryOptions().setSendTimeout(timeoutMs));
    return new InfoSource("ami", pbx, service::info);
  }

  public static InfoSource ari(Vertx vertx, String prefix, String pbx, long timeoutMs) {
    AriService service = AriService.createProxyWithOptions(vertx, AriAddresses.of(prefix, pbx).service(),
      new DeliveryOptions().setSendTimeout(timeoutMs));
    return new InfoSource("ari", pbx, service::info);
  }

  /** {@code ami} or {@code ari}. */
  public String protocol() {
    return protocol;
  }

  public String pbx() {
    return pbx;
  }

  /** The health check's name, e.g. {@code ami/pbx1}. */
  public String checkName() {
    return protocol + "/" + pbx;
  }

  public Future<JsonObject> info() {
    return info.get();
  }
}
