package io.github.vertxasterisk.node;

import io.vertx.config.ConfigRetriever;
import io.vertx.config.ConfigRetrieverOptions;
import io.vertx.config.ConfigStoreOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.Map;

/**
 * Reads the node's configuration with vertx-config (a JSON or YAML file), then applies
 * {@link EnvOverrides}: the file holds the shape, the environment holds the secrets.
 */
public final class NodeConfigLoader {
  private NodeConfigLoader() {
  }

  public static Future<JsonObject> load(Vertx vertx, String path, Map<String, String> env) {
    String format = path.endsWith(".yaml") || path.endsWith(".yml") ? "yaml" : "json";
    ConfigStoreOptions file = new ConfigStoreOptions()
      .setType("file")
      .setFormat(format)
      .setConfig(new JsonObject().put("path", path));
    ConfigRetriever retriever = ConfigRetriever.create(vertx, new ConfigRetrieverOptions()
      .setIncludeDefaultStores(false)
      .setScanPeriod(0)
      .addStore(file));
    return retriever.getConfig()
      .map(config -> EnvOverrides.apply(config, env))
      .eventually(retriever::close);
  }
}
