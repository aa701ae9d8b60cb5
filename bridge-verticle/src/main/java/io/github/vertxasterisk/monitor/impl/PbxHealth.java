package io.github.vertxasterisk.monitor.impl;

import io.github.vertxasterisk.common.ConnectionState;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.Status;

/**
 * One PBX's AMI or ARI health: UP when its holder reports {@code connected}; DOWN with the state and
 * reason otherwise, and DOWN when no node holds the PBX at all (no handler for its service address).
 * The data names the holder node and its epoch, so an operator sees who holds what.
 */
public final class PbxHealth {
  private PbxHealth() {
  }

  public static void check(InfoSource source, Promise<Status> result) {
    source.info().onComplete(ar -> {
      if (ar.failed()) {
        result.complete(Status.KO(new JsonObject().put("state", "unreachable").put("holder", (String) null)
          // the cause says why: no-holder (no node holds it), or a timeout from a busy holder
          .put("reason", "no " + source.protocol().toUpperCase() + " service answers for " + source.pbx()
            + ": " + ar.cause().getMessage())));
        return;
      }
      JsonObject info = ar.result();
      JsonObject data = new JsonObject().put("state", info.getString("state")).put("holder", info.getString("node"))
        .put("epoch", info.getValue("epoch"));
      for (String key : new String[] {"asteriskVersion", "url", "reason"}) {
        if (info.getValue(key) != null) {
          data.put(key, info.getValue(key));
        }
      }
      boolean up = ConnectionState.CONNECTED.wire().equals(info.getString("state"));
      result.complete(up ? Status.OK(data) : Status.KO(data));
    });
  }
}
