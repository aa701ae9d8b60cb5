package io.github.vertxasterisk.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.vertxasterisk.sim.testing.Await;
import io.github.vertxasterisk.ami.api.AmiAddresses;
import io.github.vertxasterisk.ami.api.AmiService;
import io.github.vertxasterisk.ari.api.AriAddresses;
import io.github.vertxasterisk.ari.api.AriService;
import io.github.vertxasterisk.sim.PbxSimulator;
import io.github.vertxasterisk.testing.TcpBridgeClient;
import io.github.vertxasterisk.testing.TestNode;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** /health follows each PBX's connection; /metrics counters move with AMI and bridge traffic. */
class MonitorVerticleTest {
  private static final Duration WAIT = Duration.ofSeconds(15);
  private final HttpClient http = HttpClient.newHttpClient();
  private int monitorPort;

  @Test
  void healthIsDownWithoutAConnectionAndUpAfterIt() throws Exception {
    monitorPort = TestNode.freePort();
    int pbx2Port = TestNode.freePort(); // nothing listens there yet
    int pbx2AriPort = TestNode.freePort();
    try (TestNode suite = TestNode.startWithAri(new JsonObject()
      .put("monitoring", monitoring())
      .put("pbxs", new JsonObject()
        .put("pbx2", new JsonObject().put("ami", TestNode.amiConfig(pbx2Port)).put("ari", TestNode.ariConfig(pbx2AriPort)))
        .put("pbx3", new JsonObject())))) { // configured, but no AMI verticle serves it
      Await.eventually(WAIT, "pbx1 UP", () -> "UP".equals(health("/health/ami/pbx1").getString("status")));
      Await.eventually(WAIT, "pbx1 ARI UP", () -> "UP".equals(health("/health/ari/pbx1").getString("status")));
      JsonObject ari1 = health("/health/ari/pbx1").getJsonObject("data");
      assertThat(ari1.getString("holder")).isEqualTo("test-node");
      assertThat(ari1.getString("state")).isEqualTo("connected");
      assertThat(health("/health/ami/pbx1").getJsonObject("data").getString("holder")).isEqualTo("test-node");
      JsonObject ari2 = health("/health/ari/pbx2");
      assertThat(ari2.getString("status")).isEqualTo("DOWN");
      assertThat(ari2.getJsonObject("data").getString("state")).isIn("connecting", "disconnected");
      assertThat(ari2.getJsonObject("data").getString("holder")).isEqualTo("test-node");
      assertThat(get("/health/ari/pbx3").statusCode()).as("pbx3 has no ARI section: no ARI check").isEqualTo(404);

      HttpResponse<String> overall = get("/health");
      assertThat(overall.statusCode()).isEqualTo(503);
      JsonObject pbx2 = health("/health/ami/pbx2");
      assertThat(pbx2.getString("status")).isEqualTo("DOWN");
      assertThat(pbx2.getJsonObject("data").getString("state")).isIn("connecting", "disconnected");
      JsonObject pbx3 = health("/health/ami/pbx3");
      assertThat(pbx3.getString("status")).isEqualTo("DOWN");
      assertThat(pbx3.getJsonObject("data").getString("reason"))
        .startsWith("no AMI service answers for pbx3: no-holder: no node of the cluster holds asterisk.ami.pbx3");
      JsonObject cluster = health("/health/cluster");
      assertThat(cluster.getString("status")).isEqualTo("UP");
      assertThat(health("/health/ami/pbx1").getJsonObject("data").getString("asteriskVersion")).isEqualTo("22.10.1");

      // the PBX comes up: its check follows
      PbxSimulator pbx2Sim = Await.await(new PbxSimulator(new JsonObject().put("ami", new JsonObject()
        .put("port", pbx2Port).put("callDurationMs", 100)).put("ari", new JsonObject().put("port", pbx2AriPort)))
        .start(suite.simVertx));
      Await.eventually(WAIT, "pbx2 UP", () -> "UP".equals(health("/health/ami/pbx2").getString("status")));
      assertThat(pbx2Sim.ami().actionCount("Login")).isPositive();
      Await.eventually(WAIT, "pbx2 ARI UP", () -> "UP".equals(health("/health/ari/pbx2").getString("status")));
    }
  }

  @Test
  void metricsFollowAmiAndBridgeTraffic() throws Exception {
    monitorPort = TestNode.freePort();
    int bridgePort = TestNode.freePort();
    try (TestNode suite = TestNode.startWithAri(new JsonObject()
      .put("monitoring", monitoring())
      .put("bridge", new JsonObject().put("tcp", new JsonObject().put("enabled", true).put("port", bridgePort))))) {
      Await.eventually(WAIT, "pbx1 up in metrics", () -> metric("asterisk_ami_up{pbx=\"pbx1\"}") == 1);
      Await.eventually(WAIT, "pbx1 ARI up in metrics", () -> metric("asterisk_ari_up{pbx=\"pbx1\"}") == 1);
      double published = metric("asterisk_ami_events_published_total{pbx=\"pbx1\"}");
      double received = metric("asterisk_ami_events_received_total{pbx=\"pbx1\"}");

      AmiService ami = AmiService.createProxy(suite.node.vertx(), AmiAddresses.of(TestNode.PBX).service());
      Await.await(ami.originate(new JsonObject().put("Channel", "Local/100@test").put("Application", "Wait")
        .put("Data", "1").put("Async", "true")));
      Await.eventually(WAIT, "events published counted", () ->
        metric("asterisk_ami_events_published_total{pbx=\"pbx1\"}") >= published + 5);
      assertThat(metric("asterisk_ami_events_received_total{pbx=\"pbx1\"}")).isGreaterThanOrEqualTo(received + 5);

      // actions and their latency, by method and outcome, on the node that served them
      assertThat(metric("asterisk_ami_actions_seconds_count{method=\"originate\",outcome=\"ok\",pbx=\"pbx1\"}")).isEqualTo(1);
      assertThat(metric("asterisk_ami_actions_seconds_sum{method=\"originate\",outcome=\"ok\",pbx=\"pbx1\"}")).isPositive();
      assertThatThrownBy(() -> Await.await(ami.send(new JsonObject().put("Action", "Logoff")))).hasMessageContaining("forbidden");
      assertThat(metric("asterisk_ami_actions_seconds_count{method=\"send\",outcome=\"403\",pbx=\"pbx1\"}")).isEqualTo(1);
      // a method name the service does not have is a caller's choice: it must not become a meter of its own
      for (String made : new String[] {"nosuch1", "nosuch2"}) {
        assertThatThrownBy(() -> Await.await(suite.node.vertx().eventBus().request(AmiAddresses.of(TestNode.PBX).service(),
          new JsonObject(), new io.vertx.core.eventbus.DeliveryOptions().addHeader("action", made)))).isNotNull();
      }
      assertThat(get("/metrics").body()).doesNotContain("nosuch");
      assertThat(metric("asterisk_ami_actions_seconds_count{method=\"other\",outcome=\"400\",pbx=\"pbx1\"}")).isEqualTo(2);
      AriService ari = AriService.createProxy(suite.node.vertx(), AriAddresses.of(TestNode.PBX).service());
      assertThatThrownBy(() -> Await.await(ari.answer("no-such-channel"))).hasMessageContaining("404");
      assertThat(metric("asterisk_ari_calls_seconds_count{method=\"answer\",outcome=\"502\",pbx=\"pbx1\"}")).isEqualTo(1);
      Await.eventually(WAIT, "ARI REST requests counted",
        () -> metric("asterisk_ari_rest_requests_total{pbx=\"pbx1\"}") >= 1);

      try (TcpBridgeClient client = new TcpBridgeClient(bridgePort)) {
        Await.eventually(WAIT, "one TCP bridge client", () -> metric("asterisk_bridge_clients{transport=\"tcp\"}") == 1);
        client.write(new JsonObject().put("type", "send").put("address", "anything").put("body", new JsonObject()));
        client.await(WAIT, "refusal", f -> "err".equals(f.getString("type")));
        assertThat(metric("asterisk_bridge_frames_rejected_total{rule=\"inbound\",transport=\"tcp\"}")).isEqualTo(1);
        assertThat(metric("asterisk_bridge_frames_in_total{transport=\"tcp\",type=\"send\"}")).isEqualTo(1);
      }
      Await.eventually(WAIT, "the client gone", () -> metric("asterisk_bridge_clients{transport=\"tcp\"}") == 0);
      assertThat(get("/metrics").body()).contains("vertx_eventbus_").contains("jvm_memory_used_bytes");
    }
  }

  private JsonObject monitoring() {
    return new JsonObject().put("enabled", true).put("port", monitorPort).put("pollIntervalMs", 100)
      .put("infoTimeoutMs", 500);
  }

  private HttpResponse<String> get(String path) {
    try {
      return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + monitorPort + path))
        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private JsonObject health(String path) {
    HttpResponse<String> response = get(path);
    JsonObject body = new JsonObject(response.body());
    assertThat(response.statusCode()).isEqualTo("UP".equals(body.getString("status")) ? 200 : 503);
    return body;
  }

  /** One sample of the Prometheus text, or -1 when absent. */
  private double metric(String series) {
    Matcher m = Pattern.compile("^" + Pattern.quote(series) + " (\\S+)$", Pattern.MULTILINE).matcher(get("/metrics").body());
    return m.find() ? Double.parseDouble(m.group(1)) : -1;
  }

}
