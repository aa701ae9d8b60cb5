package io.github.vertxasterisk.monitor;

import static io.github.vertxasterisk.sim.testing.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.vertxasterisk.sim.testing.Await;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Undeploying the monitor leaves no meter behind: a monitor deployed again reports its own polls. */
class MonitorRedeployMetersTest {
  private final Vertx vertx = Vertx.vertx();
  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

  @AfterEach
  void close() {
    await(vertx.close());
  }

  private double amiUp() {
    Gauge g = registry.find("asterisk.ami.up").tag("pbx", "pbx1").gauge();
    return g == null ? Double.NaN : g.value();
  }

  @Test
  void redeployedMonitorReportsTheCurrentState() {
    AtomicReference<String> state = new AtomicReference<>("connected");
    // a stand-in AMI service: answers info() with the current state
    vertx.eventBus().<JsonObject>consumer("asterisk.ami.pbx1", m -> m.reply(new JsonObject().put("state", state.get())));
    JsonObject config = new JsonObject().put("prefix", "asterisk")
      .put("monitoring", new JsonObject().put("port", 0).put("host", "127.0.0.1").put("pollIntervalMs", 50))
      .put("pbxs", new JsonObject().put("pbx1", new JsonObject().put("ami", new JsonObject())));
    String first = await(vertx.deployVerticle(new MonitorVerticle(registry, null), new DeploymentOptions().setConfig(config)));
    Await.eventually(Duration.ofSeconds(5), "asterisk_ami_up 1", () -> amiUp() == 1);
    await(vertx.undeploy(first));
    // the proxies' status watchers (HolderCalls) went with the monitor
    Throwable probe = io.github.vertxasterisk.sim.testing.Await.awaitFailure(vertx.eventBus().request("asterisk.ami.pbx1.status", "x",
      new io.vertx.core.eventbus.DeliveryOptions().setSendTimeout(300)));
    assertThat(((io.vertx.core.eventbus.ReplyException) probe).failureType()).isEqualTo(io.vertx.core.eventbus.ReplyFailure.NO_HANDLERS);

    state.set("disconnected");
    await(vertx.deployVerticle(new MonitorVerticle(registry, null), new DeploymentOptions().setConfig(config)));
    Await.eventually(Duration.ofSeconds(5), "the redeployed monitor's asterisk_ami_up follows its polls (0), was " + amiUp(),
      () -> amiUp() == 0);
  }

  /** A monitor whose port is taken fails to deploy: it must leave no event-bus interceptor behind. */
  @Test
  void aFailedStartLeavesNoInterceptorBehind() throws Exception {
    vertx.eventBus().<JsonObject>consumer("asterisk.ami.pbx1", m -> m.reply(new JsonObject().put("state", "connected")));
    JsonObject config = new JsonObject().put("prefix", "asterisk")
      .put("pbxs", new JsonObject().put("pbx1", new JsonObject().put("ami", new JsonObject())));
    try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 50, java.net.InetAddress.getByName("127.0.0.1"))) {
      config.put("monitoring", new JsonObject().put("port", taken.getLocalPort()).put("host", "127.0.0.1").put("pollIntervalMs", 60_000));
      io.github.vertxasterisk.sim.testing.Await.awaitFailure(
        vertx.deployVerticle(new MonitorVerticle(registry, null), new DeploymentOptions().setConfig(config)));
    }
    config.put("monitoring", new JsonObject().put("port", 0).put("host", "127.0.0.1").put("pollIntervalMs", 60_000));
    await(vertx.deployVerticle(new MonitorVerticle(registry, null), new DeploymentOptions().setConfig(config)));
    await(vertx.eventBus().request("asterisk.ami.pbx1", new JsonObject(),
      new io.vertx.core.eventbus.DeliveryOptions().addHeader("action", "ping")));
    Await.eventually(Duration.ofSeconds(5), "the call timed", () -> registry.find("asterisk.ami.actions").timer() != null);
    Thread.sleep(200);
    assertThat(registry.find("asterisk.ami.actions").timer().count()).as("one service call, timed once").isEqualTo(1);
  }
}
