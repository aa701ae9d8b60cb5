package io.github.vertxasterisk.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A section of the wrong type ("simulator": true instead of {"enabled": true}) is a bad config value like
 * any other: deploySuite() must fail its future, so that NodeMain prints "node failed to start", closes
 * the node and exits 1. Thrown instead, it escapes main() after the cluster was joined and the node
 * stays up as a cluster member with nothing deployed.
 */
class NodeRuntimeBadConfigTest {

  @Test
  void aSectionOfTheWrongTypeFailsTheDeploymentInsteadOfThrowing() throws Exception {
    JsonObject config = new JsonObject().put("cluster", new JsonObject().put("enabled", false))
      .put("simulator", true).put("pbxs", new JsonObject());
    NodeRuntime node = NodeRuntime.start(config).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    try {
      Future<List<String>> deployed = node.deploySuite();
      Throwable failure = deployed.transform(ar -> Future.succeededFuture(ar.cause()))
        .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      assertThat(failure).as("deploySuite() must fail, not succeed").isNotNull();
      assertThat(failure).hasMessage("bad config: config 'simulator' must be an object, got a Boolean");
    } finally {
      node.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }

  /**
   * The cluster section is read when Vert.x is built: a value of the wrong type there ("port": "5701",
   * "enabled": "false") was thrown out of start() and so out of NodeMain.main as a stack trace.
   */
  @Test
  void aClusterValueOfTheWrongTypeFailsTheStartInsteadOfThrowing() throws Exception {
    for (JsonObject cluster : List.of(new JsonObject().put("enabled", "false"), new JsonObject().put("port", "5701"))) {
      Future<NodeRuntime> started = NodeRuntime.start(new JsonObject().put("cluster", cluster));
      Throwable failure = started.transform(ar -> Future.succeededFuture(ar.cause()))
        .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      assertThat(failure).as("start() must fail for " + cluster.encode()).isNotNull();
      assertThat(failure).isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("bad config: cluster: ");
    }
  }
}
