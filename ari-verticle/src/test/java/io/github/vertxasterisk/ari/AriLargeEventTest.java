package io.github.vertxasterisk.ari;

import static io.github.vertxasterisk.sim.testing.Await.await;
import static io.github.vertxasterisk.sim.testing.Await.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.vertxasterisk.ari.testing.AriVerticleFixture;
import io.github.vertxasterisk.ari.testing.Captures;
import io.github.vertxasterisk.ari.testing.FakeAriServer;
import io.github.vertxasterisk.sim.testing.Await.Recorder;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * ARI.md: {@code maxEventBytes} (default 4194304) is the "largest event (WebSocket message) accepted".
 * Asterisk writes each event as one unfragmented WebSocket frame, so an event of 100 KB (a ChannelVarset
 * of a long value) arrives as a single 100 KB frame.
 */
class AriLargeEventTest extends AriVerticleFixture {

  @Test
  void anEventBelowMaxEventBytesSentAsOneFrameIsPublished() {
    FakeAriServer ari = await(new FakeAriServer(vertx, new HttpServerOptions().setMaxWebSocketFrameSize(8 * 1024 * 1024)).start());
    deploy(ari.ariConfig("demo-app")
      .put("reconnectInitialMs", 50).put("reconnectMaxMs", 200));
    long epoch = status.awaitState("connected").getLong("epoch");

    JsonObject varset = Captures.lines("01-callflow.ws.jsonl").stream()
      .filter(e -> "ChannelVarset".equals(e.getString("type"))).findFirst().orElseThrow().copy()
      .put("value", "x".repeat(100_000));
    Recorder byType = Recorder.on(vertx, addresses.event("ChannelVarset"));
    ari.push(varset);
    eventually(Duration.ofSeconds(20), "the event published or the connection lost",
      () -> !byType.messages.isEmpty() || status.any(m -> "disconnected".equals(m.getString("state"))));
    assertThat(status.messages).filteredOn(m -> m.getLong("epoch") > epoch || "disconnected".equals(m.getString("state")))
      .as("status after connected").isEmpty();
    assertThat(byType.messages).hasSize(1);
    assertThat(byType.messages.get(0).getString("value")).hasSize(100_000);
  }

  @Test
  void anEventAboveMaxEventBytesEndsTheConnectionAndTheNextOneWorks() {
    FakeAriServer ari = await(new FakeAriServer(vertx, new HttpServerOptions().setMaxWebSocketFrameSize(8 * 1024 * 1024)).start());
    deploy(ari.ariConfig("demo-app").put("maxEventBytes", 64 * 1024)
      .put("pingIntervalMs", 60_000).put("reconnectInitialMs", 50).put("reconnectMaxMs", 200));
    long epoch = status.awaitState("connected").getLong("epoch");

    JsonObject varset = Captures.lines("01-callflow.ws.jsonl").stream()
      .filter(e -> "ChannelVarset".equals(e.getString("type"))).findFirst().orElseThrow();
    ari.push(varset.copy().put("value", "x".repeat(100_000)));
    JsonObject lost = status.awaitMatch("disconnected", m -> "disconnected".equals(m.getString("state")));
    // the user must learn why the event was lost: not just "closed (1006)"
    assertThat(lost.getString("reason")).as(lost.toString()).contains("65536");
    status.awaitMatch("connected again", m -> "connected".equals(m.getString("state")) && m.getLong("epoch") > epoch);
    Recorder byType = Recorder.on(vertx, addresses.event("ChannelVarset"));
    ari.push(varset);
    byType.awaitMatch("the next event", e -> true);
  }
}
