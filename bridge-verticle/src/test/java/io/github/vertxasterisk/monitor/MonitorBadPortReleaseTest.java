package io.github.vertxasterisk.monitor;

import static io.github.vertxasterisk.sim.testing.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.vertxasterisk.sim.testing.Await;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A monitor whose start fails on its config (a port written as a string) must leave neither its
 * event-bus interceptors nor its meters behind (MonitorVerticle.release ran only when listen failed:
 * the port was read after the interceptors were installed, and its ClassCastException skipped it).
 */
class MonitorBadPortReleaseTest {
  private final Vertx vertx = Vertx.vertx();
  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

  @AfterEach
  void close() {
    await(vertx.close());
  }

  @Test
  void aMonitorRefusingItsPortLeavesNoInterceptorNorMeterBehind() throws Exception {
    vertx.eventBus().<JsonObject>consumer("asterisk.ami.pbx1", m -> m.reply(new JsonObject().put("state", "connected")));
    JsonObject config = new JsonObject().put("prefix", "asterisk")
      .put("pbxs", new JsonObject().put("pbx1", new JsonObject().put("ami", new JsonObject())))
      .put("monitoring", new JsonObject().put("port", "9100").put("host", "127.0.0.1").put("pollIntervalMs", 60_000));
    Throwable failure = Await.awaitFailure(vertx.deployVerticle(new MonitorVerticle(registry, null), new DeploymentOptions().setConfig(config)));
    assertThat(registry.find("asterisk.ami.up").gauge()).as("the failed monitor's asterisk_ami_up").isNull();

    config.put("monitoring", new JsonObject().put("port", 0).put("host", "127.0.0.1").put("pollIntervalMs", 60_000));
    await(vertx.deployVerticle(new MonitorVerticle(registry, null), new DeploymentOptions().setConfig(config)));
    await(vertx.eventBus().request("asterisk.ami.pbx1", new JsonObject(), new DeliveryOptions().addHeader("action", "ping")));
    Await.eventually(Duration.ofSeconds(5), "the call timed", () -> registry.find("asterisk.ami.actions").timer() != null);
    Thread.sleep(200);
    assertThat(registry.find("asterisk.ami.actions").timer().count()).as("one service call, timed once").isEqualTo(1);
    assertThat(failure.getMessage()).as("the refusal names the key").contains("monitoring.port");
  }
}
