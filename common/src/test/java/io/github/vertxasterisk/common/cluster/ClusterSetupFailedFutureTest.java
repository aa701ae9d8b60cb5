package io.github.vertxasterisk.common.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * ClusterSetup.start returns a Future (application nodes compose on it, README): a refused cluster section
 * (cluster.tls without a key, a switch that is not a boolean) is a failed future, not an exception thrown
 * at the caller.
 */
class ClusterSetupFailedFutureTest {

  @Test
  void aRefusedClusterSectionIsAFailedFuture() throws Exception {
    JsonObject[] refused = {
      new JsonObject().put("tls", new JsonObject().put("enabled", true)),
      new JsonObject().put("tls", "yes"),
      new JsonObject().put("enabled", "true")};
    for (JsonObject cluster : refused) {
      Future<Vertx> started;
      try {
        started = ClusterSetup.start(cluster);
      } catch (RuntimeException thrown) {
        throw new AssertionError("thrown instead of a failed future for " + cluster + ": " + thrown, thrown);
      }
      Throwable failure = started.transform(ar -> ar.succeeded() ? ar.result().close().map(v -> (Throwable) null)
        : Future.succeededFuture(ar.cause())).toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
      assertThat(failure).as(cluster.encode()).isInstanceOf(IllegalArgumentException.class);
    }
  }
}
