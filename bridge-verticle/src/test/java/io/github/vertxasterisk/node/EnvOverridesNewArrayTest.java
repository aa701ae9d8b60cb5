package io.github.vertxasterisk.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.vertxasterisk.sim.testing.Await;
import io.github.vertxasterisk.testing.TestNode;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * README: "Every value can be overridden by an environment variable ... a key the file lacks is created";
 * docs/operations.md: an array "is replaced whole, as JSON". The array settings are optional and absent
 * from the shipped configs (pbxs.*.ami.filters / includeEvents / excludeEvents, cluster.members when only
 * host is given): set from the environment they were created as the string "[...]" and the node died
 * with "class java.lang.String cannot be cast to class io.vertx.core.json.JsonArray", naming no key.
 */
@Timeout(60)
class EnvOverridesNewArrayTest {

  @Test
  void anArrayTheFileLacksIsCreatedAsAJsonArray() {
    JsonObject config = new JsonObject().put("pbxs", new JsonObject().put("pbx1", new JsonObject()
      .put("ami", new JsonObject().put("host", "127.0.0.1"))));
    EnvOverrides.apply(config, Map.of(
      "ASTERISK_SUITE_PBXS__PBX1__AMI__FILTERS", "[\"Event: Hangup\"]",
      "ASTERISK_SUITE_PBXS__PBX1__AMI__SECRET", "[not json"));
    JsonObject ami = config.getJsonObject("pbxs").getJsonObject("pbx1").getJsonObject("ami");
    assertThat(ami.getValue("filters")).isInstanceOf(JsonArray.class);
    assertThat(ami.getJsonArray("filters")).containsExactly("Event: Hangup");
    assertThat(ami.getValue("secret")).isEqualTo("[not json"); // not JSON: a string as before
  }

  /** What the user sees: the node deploys with the override (it failed with the ClassCastException). */
  @Test
  void theNodeDeploysWithAnExcludeEventsListFromTheEnvironment() {
    JsonObject config = new JsonObject().put("node", "env-test").put("cluster", new JsonObject().put("enabled", false))
      .put("pbxs", new JsonObject().put("pbx1", new JsonObject().put("ami", TestNode.amiConfig(TestNode.freePort()))));
    EnvOverrides.apply(config, Map.of("ASTERISK_SUITE_PBXS__PBX1__AMI__EXCLUDE_EVENTS", "[\"RTCPSent\"]"));
    NodeRuntime node = Await.await(NodeRuntime.start(config));
    try {
      assertThat(failureOf(node.deploySuite())).as("deploySuite() failure").isNull();
    } finally {
      Await.await(node.close());
    }
  }

  private static String failureOf(Future<?> future) {
    try {
      future.toCompletionStage().toCompletableFuture().get(30, java.util.concurrent.TimeUnit.SECONDS);
      return null;
    } catch (java.util.concurrent.ExecutionException e) {
      return e.getCause().getMessage();
    } catch (Exception e) {
      return e.toString();
    }
  }
}
