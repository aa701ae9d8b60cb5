package io.github.vertxasterisk.bridge;

import static io.github.vertxasterisk.sim.testing.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.vertxasterisk.sim.testing.Await;
import io.github.vertxasterisk.testing.SockJsClient;
import io.github.vertxasterisk.testing.TestNode;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A bridge refused for a half-configured TLS ("tls.enabled needs certPath+keyPath") fails to deploy after
 * its meters were registered: the refusal was thrown, not a failed future, so they were never removed and
 * the corrected bridge's SockJS client gauge stayed tied to the failed one (0 clients).
 */
class BridgeHalfTlsReleaseTest {
  private final Vertx vertx = Vertx.vertx();
  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

  @AfterEach
  void close() {
    await(vertx.close());
  }

  private double sockJsClients() {
    Gauge g = registry.find("asterisk.bridge.clients").tag("transport", "sockjs").gauge();
    return g == null ? Double.NaN : g.value();
  }

  @Test
  void aBridgeRefusedForItsTlsLeavesNoMeterBehind() throws Exception {
    int sockPort = TestNode.freePort();
    JsonObject config = TestNode.bridgeWithToken("sockjs", sockPort, "secret-token", new JsonObject());
    config.getJsonObject("bridge").getJsonObject("sockjs").put("tls", new JsonObject().put("enabled", true));
    Throwable refused = Await.awaitFailure(vertx.deployVerticle(new BridgeVerticle(registry), new DeploymentOptions().setConfig(config)));
    assertThat(refused.getMessage()).contains("tls.enabled needs certPath+keyPath");
    assertThat(registry.find("asterisk.bridge.clients").tag("transport", "sockjs").gauge())
      .as("the refused bridge's client gauge").isNull();

    config.getJsonObject("bridge").getJsonObject("sockjs").remove("tls");
    await(vertx.deployVerticle(new BridgeVerticle(registry), new DeploymentOptions().setConfig(config)));
    try (SockJsClient client = new SockJsClient(sockPort, Duration.ofSeconds(5))) {
      Await.eventually(Duration.ofSeconds(5), "the bridge counts its SockJS client, gauge is " + sockJsClients(),
        () -> sockJsClients() == 1);
    }
  }
}
