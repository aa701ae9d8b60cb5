package io.github.vertxasterisk.ari.impl.spec;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Loads an AriSpec from wherever the documents come from: over HTTP from the connected Asterisk
 * ({@code /ari/api-docs/<path>}), or from files in tests. The fetch function is given paths
 * relative to the api-docs folder: {@value #RESOURCE_LISTING}, then {@code <resource>.json}.
 */
public final class AriSpecLoader {
  public static final String RESOURCE_LISTING = "resources.json";

  private AriSpecLoader() {
  }

  public static Future<AriSpec> load(Function<String, Future<JsonObject>> fetch) {
    return fetched(fetch, RESOURCE_LISTING).compose(listing -> {
      List<String> names = AriSpecParser.resourceNames(listing);
      List<Future<JsonObject>> declarations = new ArrayList<>();
      for (String name : names) {
        declarations.add(fetched(fetch, name + ".json"));
      }
      return Future.all(declarations).map(all -> {
        Map<String, JsonObject> byResource = new HashMap<>();
        for (int i = 0; i < names.size(); i++) {
          byResource.put(names.get(i), all.resultAt(i));
        }
        return AriSpecParser.parse(listing, byResource);
      });
    });
  }

  /** Says which document failed: the fetch's own error rarely does. */
  private static Future<JsonObject> fetched(Function<String, Future<JsonObject>> fetch,
      String path) {
    return fetch.apply(path).recover(err -> Future.failedFuture(
        new IllegalStateException("cannot load ARI API document " + path + ": " + err.getMessage(),
            err)));
  }
}
