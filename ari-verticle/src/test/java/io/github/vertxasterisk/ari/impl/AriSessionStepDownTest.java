package io.github.vertxasterisk.ari.impl;

import static io.github.vertxasterisk.sim.testing.Await.await;
import static io.github.vertxasterisk.sim.testing.Await.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.vertxasterisk.ari.testing.FakeAriServer;
import io.github.vertxasterisk.common.ConnectionState;
import io.github.vertxasterisk.common.FailureCode;
import io.github.vertxasterisk.common.StatusChannel;
import io.github.vertxasterisk.common.cluster.ControlledTerm;
import io.github.vertxasterisk.sim.PbxSimulator;
import io.github.vertxasterisk.sim.ari.AriServer;
import io.github.vertxasterisk.sim.testing.Await.Recorder;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A holder that steps down while its session is still connecting (loading the API) must not open the
 * events WebSocket afterwards: Asterisk would give the application to that stale socket and send
 * ApplicationReplaced to the new holder's, which then waits authFailedDelayMs with no events.
 */
class AriSessionStepDownTest {
  private Vertx vertx;
  private Context loop;
  private PbxSimulator sim;
  private AriServer pbx;
  private FakeAriServer otherRest;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    loop = vertx.getOrCreateContext();
    sim = await(PbxSimulator.forTests().start(vertx));
    pbx = sim.ari();
    otherRest = await(new FakeAriServer(vertx).start());
  }

  @AfterEach
  void close() {
    await(vertx.close());
  }

  private static AriConfig config(int port, String user, String password) {
    return AriConfig.from(new JsonObject().put("node", "n").put("pbx", new JsonObject().put("id", "pbx1")
      .put("ari", new JsonObject().put("url", "http://127.0.0.1:" + port + "/ari").put("username", user)
        .put("password", password).put("apps", new JsonArray().add("demo-app"))
        .put("reconnectInitialMs", 50).put("reconnectMaxMs", 200))));
  }

  private AriSession session(AriRestClient rest, AriConfig config, String statusAddress) {
    WebSocketClient ws = vertx.createWebSocketClient();
    return new AriSession(vertx, rest, ws, config, new ControlledTerm(),
      new StatusChannel(vertx, statusAddress, "ARI test", "pbx1", "n"));
  }

  private <T> Future<T> onLoop(Supplier<Future<T>> action) {
    Promise<T> done = Promise.promise();
    loop.runOnContext(v -> action.get().onComplete(done));
    return done.future();
  }

  @Test
  void aSessionStoppedWhileLoadingTheApiNeverOpensTheEventsSocket() throws InterruptedException {
    AriConfig simConfig = config(pbx.port(), "asterisk", "asterisk");
    Recorder newHolderStatus = Recorder.on(vertx, "new.status");

    // The old holder starts connecting; Asterisk is slow to answer its api-docs requests.
    pbx.freeze();
    AriSession old = session(new AriRestClient(vertx, simConfig), simConfig, "old.status");
    loop.runOnContext(v -> old.start());
    eventually(Duration.ofSeconds(10), "the old holder asked for the API",
      () -> pbx.restRequestCount("GET", "/ari/api-docs/resources.json") == 1);
    // It loses the lease / rebalances: its session is stopped.
    await(onLoop(() -> old.stop(ConnectionState.STANDBY, "lease lost")));

    // The new holder connects (its REST answered elsewhere, its events socket on the PBX).
    AriConfig otherRestConfig = config(otherRest.port(), FakeAriServer.USER, FakeAriServer.PASSWORD);
    AriSession current = session(new AriRestClient(vertx, otherRestConfig), simConfig, "new.status");
    loop.runOnContext(v -> current.start());
    newHolderStatus.awaitState("connected");

    // Asterisk answers the old holder's requests at last.
    await(pbx.unfreeze());
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
    while (System.nanoTime() < until) {
      assertThat(newHolderStatus.messages).as("the new holder's status")
        .noneMatch(m -> "disconnected".equals(m.getString("state")));
      TimeUnit.MILLISECONDS.sleep(20);
    }
    assertThat(pbx.restRequestCount("GET", "/ari/asterisk/info")).as("asterisk/info asked by the stopped session").isZero();
    assertThat(await(pbx.connectedApplications())).containsExactly("demo-app");
  }

  @Test
  void aHolderWhoseLeaseRanOutWhileLoadingTheApiGivesUpInsteadOfOpeningTheEventsSocket() {
    AriConfig simConfig = config(pbx.port(), "asterisk", "asterisk");
    pbx.freeze();
    ControlledTerm term = new ControlledTerm();
    AriSession frozen = new AriSession(vertx, new AriRestClient(vertx, simConfig), vertx.createWebSocketClient(), simConfig,
      term, new StatusChannel(vertx, "frozen.status", "ARI test", "pbx1", "n"));
    loop.runOnContext(v -> frozen.start());
    eventually(Duration.ofSeconds(10), "the holder asked for the API",
      () -> pbx.restRequestCount("GET", "/ari/api-docs/resources.json") == 1);
    // The node was frozen past its lease (a standby may hold the PBX now); its verify timer has not run yet.
    term.lease = false;

    await(pbx.unfreeze());
    eventually(Duration.ofSeconds(10), "the session gave the term up or opened its socket",
      () -> term.lost != null || pbx.openWebSockets() > 0);
    assertThat(pbx.openWebSockets()).as("events WebSockets opened under an expired lease").isZero();
    assertThat(term.lost).isNotNull();
  }

  @Test
  void aSessionStoppedWhileTheEventsUpgradeIsInFlightClosesTheSocketItGetsAfterwards() {
    // The holder steps down (the client stays open, unlike at undeploy) while Asterisk is slow to
    // answer the events WebSocket handshake; the handshake then succeeds.
    Promise<Void> gate = Promise.promise();
    otherRest.upgradeGate = gate.future();
    AriConfig config = config(otherRest.port(), FakeAriServer.USER, FakeAriServer.PASSWORD);
    AriSession session = session(new AriRestClient(vertx, config), config, "stepdown.status");
    loop.runOnContext(v -> session.start());
    eventually(Duration.ofSeconds(10), "the events upgrade reached the server", () -> otherRest.upgradesHeld.get() == 1);
    await(onLoop(() -> session.stop(ConnectionState.STANDBY, "lease lost")));

    gate.complete();
    eventually(Duration.ofSeconds(10), "the held upgrade answered", () -> otherRest.upgradesDone.get() == 1);
    assertThat(otherRest.socketsOpened.get()).as("the handshake succeeded").isEqualTo(1);
    eventually(Duration.ofSeconds(10), "the stopped session closed the socket it got", () -> otherRest.openSockets() == 0);
  }

  /**
   * A holder frozen past its lease wakes up with service calls queued on its event loop, possibly before
   * its lease check runs: they must not reach Asterisk, which another node may drive by now.
   */
  @Test
  void aRequestWhoseHolderLeaseExpiredIsNotSent() {
    AriConfig simConfig = config(pbx.port(), "asterisk", "asterisk");
    ControlledTerm term = new ControlledTerm();
    Recorder status = Recorder.on(vertx, "expired.status");
    AriSession session = new AriSession(vertx, new AriRestClient(vertx, simConfig), vertx.createWebSocketClient(), simConfig,
      term, new StatusChannel(vertx, "expired.status", "ARI test", "pbx1", "n"));
    loop.runOnContext(v -> session.start());
    status.awaitState("connected");
    long asked = pbx.restRequestCount("GET", "/ari/asterisk/info");

    term.lease = false;
    Throwable refused = await(onLoop(() -> session.call(HttpMethod.GET, "/asterisk/info", Map.of(), null))
      .map(r -> (Throwable) null).otherwise(err -> err));

    assertThat(refused).as("the request under an expired lease").isNotNull();
    assertThat(FailureCode.of(refused)).as(String.valueOf(refused)).isEqualTo(FailureCode.NOT_CONNECTED);
    assertThat(pbx.restRequestCount("GET", "/ari/asterisk/info")).as("asterisk/info requests Asterisk got").isEqualTo(asked);
    assertThat(term.lost).startsWith("holder lease expired");
  }
}
