package io.github.vertxasterisk.sim.ari;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The simulator's own API declaration (Swagger 1.1, Asterisk's layout) for exactly the operations it
 * implements: classpath {@code ari/api-docs/}. Served with {@code basePath} set to where it listens.
 */
final class ApiDocs {

  private static final String DIR = "/ari/api-docs/";

  private final Map<String, JsonObject> files = new LinkedHashMap<>();

  /** Reads every declaration the listing names. Blocking: call off the event loop. */
  static ApiDocs load() {
    ApiDocs docs = new ApiDocs();
    JsonObject listing = read("resources.json");
    docs.files.put("resources.json", listing);
    listing.getJsonArray("apis").forEach(a -> {
      String path = ((JsonObject) a).getString("path"); // /api-docs/channels.{format}
      String file = path.substring(path.lastIndexOf('/') + 1).replace(".{format}", ".json");
      docs.files.put(file, read(file));
    });
    return docs;
  }

  private static JsonObject read(String file) {
    try (InputStream in = ApiDocs.class.getResourceAsStream(DIR + file)) {
      if (in == null) {
        throw new IllegalStateException("missing classpath resource " + DIR + file);
      }
      return new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The document with its basePath, or null when there is no such file. */
  JsonObject get(String file, String basePath) {
    JsonObject doc = files.get(file);
    return doc == null ? null : doc.copy().put("basePath", basePath);
  }
}
