package io.github.vertxasterisk.monitor.impl;

import io.github.vertxasterisk.common.ConnectionState;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.Status;

/**
 * One PBX's health: UP when its holder reports {@code connected}; DOWN with the state and reason
 * otherwise, and DOWN when no node serves the PBX at all (no handler for its service address).
 */
public final class PbxHealth {
  private PbxHealth() {
  }

  public static void check(AmiInfoSource source, Promise<Status> result) {
    source.info().onComplete(ar -> {
      if (ar.failed()) {
        result.complete(Status.KO(new JsonObject().put("state", "unreachable")
          .put("reason", "no AMI service answers for " + source.pbx() + ": " + ar.cause().getMessage())));
        return;
      }
      JsonObject info = ar.result();
      JsonObject data = new JsonObject().put("state", info.getString("state")).put("node", info.getString("node"));
      if (info.containsKey("asteriskVersion")) {
        data.put("asteriskVersion", info.getString("asteriskVersion"));
      }
      if (info.containsKey("reason")) {
        data.put("reason", info.getString("reason"));
      }
      boolean up = ConnectionState.CONNECTED.wire().equals(info.getString("state"));
      result.complete(up ? Status.OK(data) : Status.KO(data));
    });
  }
}
