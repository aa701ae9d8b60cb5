package io.github.vertxasterisk.sim;

import io.github.vertxasterisk.sim.ami.AmiConfig;
import io.github.vertxasterisk.sim.ami.AmiServer;
import io.github.vertxasterisk.sim.ari.AriConfig;
import io.github.vertxasterisk.sim.ari.AriServer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

/**
 * A simulated Asterisk PBX for tests and demos: the AMI server and, when configured, the ARI server,
 * sharing one PBX (a call originated over ARI is listed by AMI; a dialplan Stasis() step reached by
 * an AMI call starts the app over ARI). Both run on one event-loop context.
 *
 * <pre>{@code
 * {"ami": {"host":"127.0.0.1","port":5038,"username":"admin","secret":"amp111",
 *          "loginFailureDelayMs":1000,"commandFormat":"output|follows","callDurationMs":2000,
 *          "maxActionBytes":65536},
 *  "ari": {"host":"127.0.0.1","port":8088,"username":"asterisk","password":"asterisk","apps":[],
 *          "mediaDurationMs":1000,"recordingDurationMs":2000},
 *  "demo": {"eventsPerSecond": 5, "maxRate": false}}
 * }</pre>
 * Without an {@code "ari"} section only AMI runs.
 */
public final class PbxSimulator {

  private final JsonObject config;
  private AmiServer ami;
  private AriServer ari;

  public PbxSimulator(JsonObject config) {
    this.config = config == null ? new JsonObject() : config;
  }

  /** AMI and ARI on ephemeral 127.0.0.1 ports with the captures' credentials and fast calls / media. */
  public static PbxSimulator forTests() {
    return new PbxSimulator(new JsonObject()
        .put("ami", new JsonObject().put("port", 0).put("loginFailureDelayMs", 50).put("callDurationMs", 100))
        .put("ari", new JsonObject().put("port", 0).put("mediaDurationMs", 200).put("recordingDurationMs", 200)));
  }

  public Future<PbxSimulator> start(Vertx vertx) {
    return OnContext.compose(vertx.getOrCreateContext(), () -> startOnContext(vertx));
  }

  private Future<PbxSimulator> startOnContext(Vertx vertx) {
    ami = new AmiServer(vertx, AmiConfig.fromJson(config.getJsonObject("ami")));
    JsonObject ariConfig = config.getJsonObject("ari");
    if (ariConfig != null) {
      ari = new AriServer(vertx, AriConfig.fromJson(ariConfig), ami.pbx());
    }
    JsonObject demo = config.getJsonObject("demo", new JsonObject());
    return ami.start()
        .compose(a -> ari == null ? Future.succeededFuture() : ari.start())
        .compose(x -> {
          if (demo.getBoolean("maxRate", false)) {
            return ami.startEventStreamMaxRate();
          }
          double eps = demo.getDouble("eventsPerSecond", 0d);
          return eps > 0 ? ami.startEventStream(eps) : Future.<Void>succeededFuture();
        }).map(v -> this);
  }

  public Future<Void> close() {
    Future<Void> ariClosed = ari == null ? Future.succeededFuture() : ari.close();
    return ariClosed.compose(v -> ami == null ? Future.<Void>succeededFuture() : ami.close());
  }

  /** The AMI server and its test controls (null before {@link #start}). */
  public AmiServer ami() {
    return ami;
  }

  public int amiPort() {
    return ami == null ? -1 : ami.port();
  }

  /** The ARI server and its test controls (null before {@link #start} or without an "ari" section). */
  public AriServer ari() {
    return ari;
  }

  public int ariPort() {
    return ari == null ? -1 : ari.port();
  }
}
