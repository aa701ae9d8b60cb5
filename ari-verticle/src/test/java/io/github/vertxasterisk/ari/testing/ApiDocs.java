package io.github.vertxasterisk.ari.testing;

import io.github.vertxasterisk.ari.impl.spec.AriSpec;
import io.github.vertxasterisk.ari.impl.spec.AriSpecLoader;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** API declarations on disk: the project's own subset, and Asterisk's real ones when present. */
public final class ApiDocs {
  private static final Path REAL_RELATIVE = Path.of("shared", "captures", "ari", "api-docs");

  private ApiDocs() {
  }

  public static Path subsetDir() {
    try {
      return Path.of(ApiDocs.class.getResource("/api-docs-subset").toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
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
    return await(AriSpecLoader.load(path -> fetch(dir, path)));
  }

  public static AriSpec subset() {
    return load(subsetDir());
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
