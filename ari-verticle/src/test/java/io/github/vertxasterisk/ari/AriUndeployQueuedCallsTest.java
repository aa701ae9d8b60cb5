package io.github.vertxasterisk.ari;

import static io.github.vertxasterisk.sim.testing.Await.await;
import static io.github.vertxasterisk.sim.testing.Await.awaitFailure;
import static io.github.vertxasterisk.sim.testing.Await.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.vertxasterisk.ari.api.AriService;
import io.github.vertxasterisk.ari.testing.AriVerticleFixture;
import io.github.vertxasterisk.ari.testing.FakeAriServer;
import io.github.vertxasterisk.common.FailureCode;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Undeploy with more calls in flight than the HTTP pool has connections: the ones sent fail
 * {@code 520 disconnected} (outcome unknown), but the ones still waiting for a connection were never
 * sent, and must say so ({@code 503 not-connected}), not "outcome unknown": a caller reconciles after a
 * 520 (was the channel originated?), and may simply retry after a 503.
 */
class AriUndeployQueuedCallsTest extends AriVerticleFixture {

  @Test
  void callsStillWaitingForAConnectionAtUndeployFailNotSent() {
    FakeAriServer ari = startFakeAri();
    String deployment = deploy(ari.ariConfig("demo-app").put("requestTimeoutMs", 20_000).put("pingIntervalMs", 60_000));
    status.awaitState("connected");
    AriService service = AriService.createProxy(vertx, addresses.service());
    int before = ari.restRequests.get(); // the connection's own GET /asterisk/info
    List<Future<JsonObject>> calls = new ArrayList<>();
    for (int i = 0; i < 7; i++) { // the web client's pool: 5 connections, 2 calls wait
      calls.add(service.request("GET", "/channels/slow", null, null));
    }
    eventually(Duration.ofSeconds(20), "5 calls at the server", () -> ari.restRequests.get() - before == 5);

    await(vertx.undeploy(deployment));
    List<String> outcomes = new ArrayList<>();
    for (Future<JsonObject> call : calls) {
      Throwable failure = awaitFailure(call);
      outcomes.add(FailureCode.of(failure) + ": " + failure.getMessage());
    }
    assertThat(ari.restRequests.get() - before).as("calls the server received").isEqualTo(5);
    assertThat(outcomes).as("a call the server never received is not 'outcome unknown'")
      .filteredOn(o -> o.startsWith("DISCONNECTED")).hasSize(5);
    assertThat(outcomes).filteredOn(o -> o.startsWith("NOT_CONNECTED")).hasSize(2);
  }
}
