package io.github.vertxasterisk.ari.testing;

import io.github.vertxasterisk.ari.impl.spec.AriSpec;
import io.github.vertxasterisk.ari.impl.spec.AriSpecLoader;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * API declarations in Asterisk's format: the simulated PBX's own (the only copy in the project, read
 * from the pbx-simulator test dependency's classpath, {@code /ari/api-docs/}, possibly inside its jar),
 * and Asterisk's real ones when they are on this machine.
 */
public final class ApiDocs {
  /** Where the simulated PBX keeps its declaration on the classpath. */
  public static final String SIMULATOR_RESOURCE_DIR = "/ari/api-docs/";
  private static final Path REAL_RELATIVE = Path.of("shared", "captures", "ari", "api-docs");

  private ApiDocs() {
  }

  /** One document of the simulator's declaration, e.g. {@code resources.json}; fails when absent. */
  public static Future<JsonObject> fetchSimulator(String relativePath) {
    try (InputStream in = ApiDocs.class.getResourceAsStream(SIMULATOR_RESOURCE_DIR + relativePath)) {
      if (in == null) {
        return Future.failedFuture("no classpath resource " + SIMULATOR_RESOURCE_DIR + relativePath);
      }
      return Future.succeededFuture(new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
    } catch (IOException | RuntimeException e) {
      return Future.failedFuture(e);
    }
  }

  /** The simulator's declaration as the verticle loads it. */
  public static AriSpec simulator() {
    return load(ApiDocs::fetchSimulator);
  }

  public static JsonObject readSimulator(String relativePath) {
    return await(fetchSimulator(relativePath));
  }

  /**
   * Asterisk's own declarations, kept outside the repository (shared/ beside the work tree): found
   * by walking up from the module's directory.
   */
  public static Optional<Path> realDir() {
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      Path candidate = p.resolve(REAL_RELATIVE);
      if (Files.isRegularFile(candidate.resolve("resources.json"))) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /** A fetch function over a folder, as the verticle's is over HTTP. */
  public static Future<JsonObject> fetch(Path dir, String relativePath) {
    try {
      return Future.succeededFuture(new JsonObject(Files.readString(dir.resolve(relativePath))));
    } catch (IOException | RuntimeException e) {
      return Future.failedFuture(e);
    }
  }

  public static AriSpec load(Path dir) {
    return load(path -> fetch(dir, path));
  }

  public static AriSpec load(Function<String, Future<JsonObject>> fetch) {
    return await(AriSpecLoader.load(fetch));
  }

  public static JsonObject read(Path dir, String relativePath) {
    return await(fetch(dir, relativePath));
  }

  public static <T> T await(Future<T> f) {
    try {
      return f.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
