package io.github.vertxasterisk.sim;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

/**
 * Standalone simulator: {@code java ... PbxSimulatorMain [amiPort] [eventsPerSecond] [ariPort]}
 * (defaults 5038, 0 and 8088). Credentials are the captures' admin / amp111 (AMI) and
 * asterisk / asterisk (ARI).
 */
public final class PbxSimulatorMain {

  private PbxSimulatorMain() {
  }

  public static void main(String[] args) {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 5038;
    double eps = args.length > 1 ? Double.parseDouble(args[1]) : 0;
    int ariPort = args.length > 2 ? Integer.parseInt(args[2]) : 8088;
    JsonObject config = new JsonObject()
        .put("ami", new JsonObject().put("port", port))
        .put("ari", new JsonObject().put("port", ariPort))
        .put("demo", new JsonObject().put("eventsPerSecond", eps));
    Vertx vertx = Vertx.vertx();
    PbxSimulator sim = new PbxSimulator(config);
    sim.start(vertx)
        .onSuccess(s -> System.out.println("PBX simulator AMI on 127.0.0.1:" + s.amiPort()
            + ", ARI on http://127.0.0.1:" + s.ariPort() + "/ari"))
        .onFailure(e -> {
          System.err.println("PBX simulator failed to start: " + e);
          vertx.close();
        });
    Runtime.getRuntime().addShutdownHook(new Thread(() -> sim.close().compose(v -> vertx.close())));
  }
}
