package io.github.vertxasterisk.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A bad monitoring value fails the deployment with a message naming the key, like every other positive
 * setting (docs/operations.md), not Vert.x's "Cannot schedule a timer with delay < 1 ms" or a
 * ClassCastException that names nothing.
 */
class MonitorConfigTest {

  @Test
  void aBadIntervalOrTimeoutNamesTheKey() throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      List<Map.Entry<JsonObject, String>> cases = List.of(
        Map.entry(new JsonObject().put("pollIntervalMs", 0), "monitoring.pollIntervalMs must be positive, got 0"),
        Map.entry(new JsonObject().put("pollIntervalMs", "5000"), "monitoring.pollIntervalMs must be a positive number, got a String"),
        Map.entry(new JsonObject().put("infoTimeoutMs", -1), "monitoring.infoTimeoutMs must be positive, got -1"));
      List<String> failures = new ArrayList<>();
      for (Map.Entry<JsonObject, String> c : cases) {
        JsonObject config = new JsonObject().put("monitoring", c.getKey().put("enabled", true).put("port", 0));
        Future<String> deployed = vertx.deployVerticle(new MonitorVerticle(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), null),
          new DeploymentOptions().setConfig(config));
        Throwable failure = deployed.transform(ar -> Future.succeededFuture(ar.cause()))
          .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        failures.add(failure == null ? "deployed" : failure.getMessage());
      }
      assertThat(failures).containsExactlyElementsOf(cases.stream().map(Map.Entry::getValue).toList());
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }
}
