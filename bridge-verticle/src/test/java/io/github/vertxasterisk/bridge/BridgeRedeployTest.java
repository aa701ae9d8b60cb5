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
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The bridge undeployed and deployed again in the same Vert.x: ports free at once, meters its own. */
class BridgeRedeployTest {
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
  void undeployClosesTcpClientsAndDropsTheirRegistrations() throws Exception {
    int tcpPort = TestNode.freePort();
    JsonObject config = TestNode.bridgeWithToken("tcp", tcpPort, "secret-token", new JsonObject());
    String id = await(vertx.deployVerticle(new BridgeVerticle(registry), new DeploymentOptions().setConfig(config)));
    try (io.github.vertxasterisk.testing.TcpBridgeClient client = new io.github.vertxasterisk.testing.TcpBridgeClient(tcpPort)) {
      client.write(new JsonObject().put("type", "register").put("address", "app.tcp")
        .put("headers", new JsonObject().put("authToken", "secret-token")));
      Await.eventually(Duration.ofSeconds(5), "the client's registration", () -> probe("app.tcp") == io.vertx.core.eventbus.ReplyFailure.TIMEOUT);
      await(vertx.undeploy(id));
      assertThat(client.readToEnd(Duration.ofSeconds(5))).as("the client's connection closed by the undeploy").isTrue();
    }
    Await.eventually(Duration.ofSeconds(2), "no consumer left on app.tcp", () -> probe("app.tcp") == io.vertx.core.eventbus.ReplyFailure.NO_HANDLERS);
    try (ServerSocket again = new ServerSocket(tcpPort, 50, InetAddress.getLoopbackAddress())) {
      assertThat(again.getLocalPort()).isEqualTo(tcpPort);
    }
  }

  private io.vertx.core.eventbus.ReplyFailure probe(String address) {
    Throwable t = io.github.vertxasterisk.sim.testing.Await.awaitFailure(vertx.eventBus().request(address, "probe",
      new io.vertx.core.eventbus.DeliveryOptions().setSendTimeout(200)));
    return ((io.vertx.core.eventbus.ReplyException) t).failureType();
  }

  @Test
  void redeployedSockJsBridgeCountsItsClients() throws Exception {
    int sockPort = TestNode.freePort();
    int tcpPort = TestNode.freePort();
    JsonObject config = TestNode.bridgeWithToken("sockjs", sockPort, "secret-token", new JsonObject());
    config.getJsonObject("bridge").put("tcp", new JsonObject().put("enabled", true).put("port", tcpPort));
    String first = await(vertx.deployVerticle(new BridgeVerticle(registry), new DeploymentOptions().setConfig(config)));
    try (SockJsClient client = new SockJsClient(sockPort, Duration.ofSeconds(5))) {
      Await.eventually(Duration.ofSeconds(5), "1 SockJS client", () -> sockJsClients() == 1);
    }
    Await.eventually(Duration.ofSeconds(5), "0 SockJS clients", () -> sockJsClients() == 0);
    await(vertx.undeploy(first));
    for (int port : new int[] {sockPort, tcpPort}) {
      try (ServerSocket again = new ServerSocket(port, 50, java.net.InetAddress.getByName("127.0.0.1"))) {
        assertThat(again.getLocalPort()).isEqualTo(port);
      }
    }

    await(vertx.deployVerticle(new BridgeVerticle(registry), new DeploymentOptions().setConfig(config)));
    try (SockJsClient client = new SockJsClient(sockPort, Duration.ofSeconds(5))) {
      Await.eventually(Duration.ofSeconds(5), "the redeployed bridge counts its SockJS client, gauge is " + sockJsClients(),
        () -> sockJsClients() == 1);
    }
  }

  /** A bridge whose SockJS port is taken fails to deploy: its TCP port is free again, and its meters gone. */
  @Test
  void aFailedStartLeavesNoPortNorMeterBehind() throws Exception {
    int tcpPort = TestNode.freePort();
    int sockPort = TestNode.freePort();
    JsonObject config = TestNode.bridgeWithToken("sockjs", sockPort, "secret-token", new JsonObject());
    config.getJsonObject("bridge").put("tcp", new JsonObject().put("enabled", true).put("port", tcpPort));
    try (ServerSocket taken = new ServerSocket(sockPort, 50, InetAddress.getLoopbackAddress())) {
      Await.awaitFailure(
        vertx.deployVerticle(new BridgeVerticle(registry), new DeploymentOptions().setConfig(config)));
    }
    try (ServerSocket again = new ServerSocket(tcpPort, 50, InetAddress.getLoopbackAddress())) {
      assertThat(again.getLocalPort()).isEqualTo(tcpPort);
    }
    await(vertx.deployVerticle(new BridgeVerticle(registry), new DeploymentOptions().setConfig(config)));
    try (SockJsClient client = new SockJsClient(sockPort, Duration.ofSeconds(5))) {
      Await.eventually(Duration.ofSeconds(5), "the bridge counts its SockJS client, gauge is " + sockJsClients(),
        () -> sockJsClients() == 1);
    }
  }

  /**
   * A bridge refused for a half-configured TLS ("tls.enabled needs certPath+keyPath") is refused after its
   * meters were registered: a thrown refusal left them, and the corrected bridge's SockJS gauge tied to it.
   */
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
