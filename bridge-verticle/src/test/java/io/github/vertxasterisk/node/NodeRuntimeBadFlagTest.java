package io.github.vertxasterisk.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * docs/operations.md: a bad config value prints "node failed to start: <reason>". A switch written as a
 * string ("enabled": "true", YAML's quoted "yes") or a number gave the reason "bad config: class
 * java.lang.String cannot be cast to class java.lang.Boolean (java.lang.String and java.lang.Boolean are in
 * module java.base of loader 'bootstrap')": which of the node's five switches, the user cannot tell.
 */
class NodeRuntimeBadFlagTest {

  @Test
  void aSwitchThatIsNotABooleanIsNamedInTheError() throws Exception {
    Map<String, JsonObject> cases = Map.of(
      "simulator.enabled", new JsonObject().put("simulator", new JsonObject().put("enabled", "true")),
      "console.printEvents", new JsonObject().put("console", new JsonObject().put("printEvents", "yes")),
      "demo.stasisApp.enabled", new JsonObject().put("demo", new JsonObject().put("stasisApp", new JsonObject().put("enabled", 1))),
      "monitoring.enabled", new JsonObject().put("monitoring", new JsonObject().put("enabled", "true")));
    for (Map.Entry<String, JsonObject> c : cases.entrySet()) {
      JsonObject config = new JsonObject().put("cluster", new JsonObject().put("enabled", false)).put("pbxs", new JsonObject())
        .mergeIn(c.getValue());
      NodeRuntime node = NodeRuntime.start(config).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      try {
        Throwable failure = node.deploySuite().transform(ar -> Future.succeededFuture(ar.cause()))
          .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        assertThat(failure).as(c.getKey()).isNotNull();
        assertThat(failure.getMessage()).as(c.getKey()).contains(c.getKey()).doesNotContain("cannot be cast");
      } finally {
        node.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      }
    }
  }
}
