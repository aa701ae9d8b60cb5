package io.github.vertxasterisk.sim.ari;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** The ARI captures copied under src/test/resources/captures/ari. */
final class Captures {

  private Captures() {
  }

  static List<JsonObject> lines(String file) {
    try (InputStream in = Captures.class.getResourceAsStream("/captures/ari/" + file)) {
      List<JsonObject> out = new ArrayList<>();
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (!line.isBlank()) {
          out.add(new JsonObject(line));
        }
      }
      return out;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The captured JSON answer of the first exchange with this method whose path starts so. */
  static JsonObject restAnswer(String file, String method, String pathPrefix) {
    return lines(file).stream()
        .filter(x -> x.getString("method").equals(method) && x.getString("path").startsWith(pathPrefix))
        .findFirst().orElseThrow().getJsonObject("response_json");
  }

  /** The captured events of each type, across the given ws.jsonl files. */
  static Map<String, List<JsonObject>> eventsByType(String... files) {
    Map<String, List<JsonObject>> out = new LinkedHashMap<>();
    for (String f : files) {
      lines(f).forEach(e -> out.computeIfAbsent(e.getString("type"), t -> new ArrayList<>()).add(e));
    }
    return out;
  }

  /** Key paths of an object, nested objects included ("channel.dialplan.app_name"). */
  static Set<String> keyPaths(JsonObject o) {
    Set<String> out = new TreeSet<>();
    collect("", o, out);
    return out;
  }

  private static void collect(String prefix, JsonObject o, Set<String> out) {
    o.forEach(e -> {
      out.add(prefix + e.getKey());
      if (e.getValue() instanceof JsonObject j && !"userevent".equals(e.getKey())) {
        collect(prefix + e.getKey() + ".", j, out);
      }
    });
  }
}
