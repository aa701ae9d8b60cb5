package io.github.vertxasterisk.node;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.vertx.config.ConfigRetriever;
import io.vertx.config.ConfigRetrieverOptions;
import io.vertx.config.ConfigStoreOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads the node's configuration with vertx-config (a JSON or YAML file), then applies
 * {@link EnvOverrides}: the file holds the shape, the environment holds the secrets.
 */
public final class NodeConfigLoader {
  private static final long READ_TIMEOUT_SECONDS = 30;

  private NodeConfigLoader() {
  }

  /**
   * For a program's main thread (it waits; never call it on an event loop): the config, read with a
   * Vert.x of its own that is closed afterwards.
   *
   * @throws IllegalArgumentException "cannot read the config PATH: why" (missing, a directory, not JSON or
   *   YAML, an environment override that does not fit): the caller's mistake, to report in one line
   */
  public static JsonObject read(String path, Map<String, String> env) {
    Vertx bootstrap = Vertx.vertx();
    try {
      return load(bootstrap, path, env).toCompletionStage().toCompletableFuture()
        .get(READ_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw cannotRead(path, e.getCause());
    } catch (TimeoutException e) {
      throw cannotRead(path, new TimeoutException("not read within " + READ_TIMEOUT_SECONDS + " s"));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw cannotRead(path, e);
    } finally {
      bootstrap.close();
    }
  }

  private static IllegalArgumentException cannotRead(String path, Throwable why) {
    String reason = syntaxError(why);
    if (reason == null) {
      reason = why.getMessage() == null ? why.toString() : why.getMessage();
    }
    return new IllegalArgumentException("cannot read the config " + path + ": " + reason, why);
  }

  /**
   * Where the file is not valid JSON or YAML, or null for another failure. Only the position: the
   * parsers' messages quote the file (a secret missing its quotes, a whole YAML line) over several lines.
   */
  private static String syntaxError(Throwable why) {
    for (Throwable t = why; t != null; t = t.getCause()) {
      if (t instanceof JsonProcessingException json) {
        JsonLocation at = json.getLocation();
        return "not valid JSON" + (at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr());
      }
      if (t instanceof MarkedYAMLException yaml && yaml.getProblemMark() != null) {
        Mark at = yaml.getProblemMark(); // 0-based
        return "not valid YAML at line " + (at.getLine() + 1) + ", column " + (at.getColumn() + 1);
      }
      if (t instanceof YAMLException) {
        return "not valid YAML";
      }
    }
    return null;
  }

  private static Future<JsonObject> load(Vertx vertx, String path, Map<String, String> env) {
    String format = path.endsWith(".yaml") || path.endsWith(".yml") ? "yaml" : "json";
    ConfigStoreOptions file = new ConfigStoreOptions()
      .setType("file")
      .setFormat(format)
      .setConfig(new JsonObject().put("path", path));
    ConfigRetriever retriever = ConfigRetriever.create(vertx, new ConfigRetrieverOptions()
      .setIncludeDefaultStores(false)
      .setScanPeriod(0)
      .addStore(file));
    // an empty file is no config: vertx-config reads an empty YAML file as {} (a node with every default).
    // Only a regular file is read for that: a pipe (--conf <(...), /dev/stdin) gives its content once
    return vertx.fileSystem().props(path)
      .compose(props -> props.isRegularFile() ? vertx.fileSystem().readFile(path).map(read -> read.toString().isBlank())
        : Future.succeededFuture(false))
      .transform(blank -> blank.succeeded() && blank.result()
        ? Future.<JsonObject>failedFuture(new IllegalArgumentException("the file is empty"))
        : retriever.getConfig()) // a missing file: its own message, as before
      .map(config -> EnvOverrides.apply(config, env))
      .eventually(retriever::close);
  }
}
