package io.github.vertxasterisk.sim;

import io.github.vertxasterisk.sim.ami.AmiConfig;
import io.github.vertxasterisk.sim.ami.AmiServer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

/**
 * A simulated Asterisk PBX for tests and demos. Today: the AMI server; the ARI server goes in
 * {@code io.github.vertxasterisk.sim.ari} and is started here too.
 *
 * <pre>{@code
 * {"ami": {"host":"127.0.0.1","port":5038,"username":"admin","secret":"amp111",
 *          "loginFailureDelayMs":1000,"commandFormat":"output|follows","callDurationMs":2000,
 *          "maxActionBytes":65536},
 *  "demo": {"eventsPerSecond": 5, "maxRate": false}}
 * }</pre>
 */
public final class PbxSimulator {

  private final JsonObject config;
  private AmiServer ami;

  public PbxSimulator(JsonObject config) {
    this.config = config == null ? new JsonObject() : config;
  }

  /** A simulator on an ephemeral 127.0.0.1 port with the capture's credentials and fast calls. */
  public static PbxSimulator forTests() {
    return new PbxSimulator(new JsonObject().put("ami", new JsonObject()
        .put("port", 0).put("loginFailureDelayMs", 50).put("callDurationMs", 100)));
  }

  public Future<PbxSimulator> start(Vertx vertx) {
    ami = new AmiServer(vertx, AmiConfig.fromJson(config.getJsonObject("ami")));
    JsonObject demo = config.getJsonObject("demo", new JsonObject());
    return ami.start().compose(a -> {
      if (demo.getBoolean("maxRate", false)) {
        return a.startEventStreamMaxRate();
      }
      double eps = demo.getDouble("eventsPerSecond", 0d);
      return eps > 0 ? a.startEventStream(eps) : Future.<Void>succeededFuture();
    }).map(v -> this);
  }

  public Future<Void> close() {
    return ami == null ? Future.succeededFuture() : ami.close();
  }

  /** The AMI server and its test controls (null before {@link #start}). */
  public AmiServer ami() {
    return ami;
  }

  public int amiPort() {
    return ami == null ? -1 : ami.port();
  }
}
