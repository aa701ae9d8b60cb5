package io.github.vertxasterisk.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * docs/operations.md: a switch that is not true/false is named in "node failed to start: <reason>".
 * The cluster section's switches and numbers gave "bad config: cluster: class java.lang.String cannot be
 * cast to class java.lang.Boolean ...", and a fraction was rounded ("heartbeatSeconds": 1.5 became 1).
 */
class NodeRuntimeClusterSwitchTest {

  @Test
  void aClusterValueOfTheWrongTypeIsNamed() throws Exception {
    Map<String, JsonObject> cases = Map.of(
      "cluster.enabled", new JsonObject().put("enabled", "true"),
      "cluster.portAutoIncrement", new JsonObject().put("portAutoIncrement", "false"),
      "cluster.heartbeatSeconds", new JsonObject().put("heartbeatSeconds", 1.5),
      "cluster.port", new JsonObject().put("port", "5701"));
    for (Map.Entry<String, JsonObject> c : cases.entrySet()) {
      Throwable failure = NodeRuntime.start(new JsonObject().put("cluster", c.getValue()))
        .transform(ar -> {
          if (ar.succeeded()) {
            return ar.result().close().map(v -> (Throwable) null);
          }
          return Future.succeededFuture(ar.cause());
        })
        .toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
      assertThat(failure).as(c.getKey()).isNotNull();
      assertThat(failure.getMessage()).as(c.getKey()).contains(c.getKey()).doesNotContain("cannot be cast");
    }
  }
}
