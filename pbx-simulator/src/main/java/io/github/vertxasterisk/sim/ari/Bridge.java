package io.github.vertxasterisk.sim.ari;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/** A Stasis bridge: {@code mixing} (simple_bridge) or {@code holding} (holding_bridge). */
final class Bridge {

  final String id;
  final String type;
  final String name;
  final long createdAtMillis = System.currentTimeMillis();
  final List<String> channels = new ArrayList<>();

  Bridge(String id, String type, String name) {
    this.id = id;
    this.type = type;
    this.name = name;
  }

  JsonObject toJson() {
    return new JsonObject().put("id", id)
        .put("technology", "holding".equals(type) ? "holding_bridge" : "simple_bridge")
        .put("bridge_type", type)
        .put("bridge_class", "stasis")
        .put("creator", "Stasis")
        .put("name", name)
        .put("channels", new JsonArray(new ArrayList<>(channels)))
        .put("creationtime", AriJson.time(createdAtMillis))
        .put("video_mode", "talker");
  }
}
