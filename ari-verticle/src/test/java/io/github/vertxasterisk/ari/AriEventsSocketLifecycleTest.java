package io.github.vertxasterisk.ari;

import static io.github.vertxasterisk.sim.testing.Await.await;
import static io.github.vertxasterisk.sim.testing.Await.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.vertxasterisk.ari.testing.AriVerticleFixture;
import io.github.vertxasterisk.ari.testing.Captures;
import io.github.vertxasterisk.ari.testing.FakeAriServer;
import io.github.vertxasterisk.sim.testing.Await.Recorder;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The events WebSocket's life from the reconnect schedule's side: when a connection counts as good
 * enough to start the backoff again, and an undeploy that races the WebSocket handshake. The delays
 * are read from the {@code retryInMs} the verticle announces (what it actually waits), not timed.
 */
class AriEventsSocketLifecycleTest extends AriVerticleFixture {
  private static final long INITIAL_MS = 10;
  /** authFailedDelayMs: the first long wait's ceiling. */
  private static final long LONG_MS = 20;
  private static final Predicate<JsonObject> SOCKET_CLOSED =
    m -> "disconnected".equals(m.getString("state")) && m.getString("reason").startsWith("the events WebSocket closed");

  private FakeAriServer ari;

  @BeforeEach
  void startServer() {
    ari = startFakeAri();
  }

  private JsonObject ariConfig() {
    return ari.ariConfig("demo-app")
      .put("pingIntervalMs", 100).put("pingTimeoutMs", 2_000)
      .put("reconnectInitialMs", INITIAL_MS).put("reconnectMaxMs", 10_000);
  }

  /** The delays announced after each events WebSocket the server closed, in order. */
  private List<Long> retriesAfterClosedSockets() {
    return status.messages.stream().filter(SOCKET_CLOSED).map(m -> m.getLong("retryInMs")).toList();
  }

  private void awaitClosedSockets(int count) {
    eventually(Duration.ofSeconds(20), count + " events WebSockets closed by the server in " + status.messages,
      () -> status.count(SOCKET_CLOSED) >= count);
  }

  @Test
  void aServerThatClosesEachEventsSocketAtOnceGetsAGrowingBackoff() {
    ari.closeEventsSocketsAtOnce = true;
    deploy(ariConfig());
    awaitClosedSockets(6);
    List<Long> retries = retriesAfterClosedSockets();
    assertThat(ari.socketsOpened.get()).as("upgrades the server accepted").isGreaterThanOrEqualTo(6);
    // Backoff ceilings 10, 20, 40, 80, 160, 320 ms with jitter in [ceiling/2, ceiling]: the sixth wait is
    // at least 160 ms. Reset at every accepted upgrade, each wait would be 5-10 ms: a tight loop.
    assertThat(retries.get(5)).as("sixth delay of " + retries).isGreaterThanOrEqualTo(16 * INITIAL_MS);
  }

  @Test
  void aConnectionThatDeliveredAnEventStartsTheBackoffAgain() {
    ari.closeEventsSocketsAtOnce = true;
    deploy(ariConfig());
    awaitClosedSockets(4);
    ari.closeEventsSocketsAtOnce = false;
    long connectedBefore = status.count(m -> "connected".equals(m.getString("state")));
    eventually(Duration.ofSeconds(20), "connected to a socket that stays open",
      () -> ari.openSockets() == 1 && status.count(m -> "connected".equals(m.getString("state"))) > connectedBefore);

    Recorder events = Recorder.on(vertx, addresses.events());
    ari.push(Captures.lines("01-callflow.ws.jsonl").get(0));
    events.awaitMatch("the event", e -> true);
    int closedBefore = retriesAfterClosedSockets().size();
    ari.dropSockets();
    awaitClosedSockets(closedBefore + 1);
    assertThat(retriesAfterClosedSockets().get(closedBefore)).as("delay after a connection that delivered an event")
      .isLessThanOrEqualTo(INITIAL_MS);
  }

  @Test
  void aConnectionThatAnsweredAPingStartsTheBackoffAgain() {
    ari.closeEventsSocketsAtOnce = true;
    deploy(ariConfig());
    awaitClosedSockets(4);
    ari.closeEventsSocketsAtOnce = false;
    eventually(Duration.ofSeconds(20), "a socket that stays open", () -> ari.openSockets() == 1);
    // The server pongs every ping; a second ping is only sent once the first one's pong arrived.
    eventually(Duration.ofSeconds(20), "two pings answered", () -> ari.pingsReceived.get() >= 2);
    int closedBefore = retriesAfterClosedSockets().size();
    ari.dropSockets();
    awaitClosedSockets(closedBefore + 1);
    assertThat(retriesAfterClosedSockets().get(closedBefore)).as("delay after a connection that answered a ping")
      .isLessThanOrEqualTo(INITIAL_MS);
  }

  /**
   * Two clients fighting over one Stasis application: each time we come back, the other takes it again.
   * The ApplicationReplaced event is no proof that the connection works, so the long waits grow.
   */
  @Test
  void applicationReplacedEachTimeGetsAGrowingLongBackoff() {
    deploy(ariConfig().put("pingIntervalMs", 60_000).put("authFailedDelayMs", LONG_MS));
    List<Long> waits = waitsOfFourReplacements(false);
    // Ceilings 20, 40, 80, 160 ms, jitter down to half: the fourth wait is at least 80 ms. Restarted by
    // each ApplicationReplaced, every wait would be 10-20 ms.
    assertThat(waits.get(3)).as("fourth long wait of " + waits).isGreaterThanOrEqualTo(4 * LONG_MS);
  }

  /**
   * The same fight, but each of our connections answers pings before the other client takes the
   * application again: a pong proves the connection works, not that the fight is over, so the long
   * waits still grow (they start over only after an ordinary end, or a connection up longer than the
   * long cap: 4 x reconnectMaxMs, 40 s here).
   */
  @Test
  void applicationReplacedAfterAnsweredPingsStillGetsAGrowingLongBackoff() {
    deploy(ariConfig().put("authFailedDelayMs", LONG_MS));
    List<Long> waits = waitsOfFourReplacements(true);
    assertThat(waits.get(3)).as("fourth long wait of " + waits).isGreaterThanOrEqualTo(4 * LONG_MS);
  }

  /** Lets the verticle connect and be replaced four times; returns the long waits it announced. */
  private List<Long> waitsOfFourReplacements(boolean answerPingsFirst) {
    JsonObject replacedEvent = Captures.lines("04-second-ws-same-app.first.ws.jsonl").get(0);
    Predicate<JsonObject> replaced = m -> "disconnected".equals(m.getString("state"))
      && m.getString("reason").startsWith("application-replaced: ");
    for (int round = 1; round <= 4; round++) {
      int taken = round;
      eventually(Duration.ofSeconds(20), "connected, round " + taken, () -> ari.openSockets() == 1
        && status.count(m -> "connected".equals(m.getString("state"))) == taken);
      if (answerPingsFirst) {
        // A second ping is only sent once the first one's pong arrived: this connection proved itself.
        int pingsBefore = ari.pingsReceived.get();
        eventually(Duration.ofSeconds(20), "two pings answered, round " + taken, () -> ari.pingsReceived.get() >= pingsBefore + 2);
      }
      ari.push(replacedEvent);
      eventually(Duration.ofSeconds(20), "replaced, round " + taken, () -> status.count(replaced) == taken);
    }
    return status.messages.stream().filter(replaced).map(m -> m.getLong("retryInMs")).toList();
  }

  @Test
  void undeployingWhileTheEventsUpgradeIsInFlightLeavesNoSocketOpen() {
    Promise<Void> gate = Promise.promise();
    ari.upgradeGate = gate.future();
    String deployment = deploy(ariConfig());
    eventually(Duration.ofSeconds(20), "the events upgrade reached the server", () -> ari.upgradesHeld.get() == 1);

    await(vertx.undeploy(deployment));
    status.awaitState("stopped");
    gate.complete();
    eventually(Duration.ofSeconds(20), "the held upgrade answered", () -> ari.upgradesDone.get() == 1);
    eventually(Duration.ofSeconds(20), "no events WebSocket left open (opened: " + ari.socketsOpened + ")",
      () -> ari.openSockets() == 0);
    assertThat(status.messages).as("no connection announced after the undeploy")
      .noneMatch(m -> "connected".equals(m.getString("state")));
  }

  /**
   * A peer that accepts the TCP connection of the events upgrade but never answers it (a stuck proxy or a
   * wedged Asterisk HTTP thread): the attempt must end and be retried, not stay "connecting" for good.
   */
  @Test
  void anEventsUpgradeNeverAnsweredIsGivenUpAndRetried() {
    ari.upgradeGate = Promise.<Void>promise().future(); // never completed
    // the limit holds for the REST requests before the upgrade too: 2 s, which a slow machine's cold start
    // of those does not reach (350 ms did, with 300)
    deploy(ariConfig().put("requestTimeoutMs", 2_000));
    JsonObject failed = status.awaitMatch("the unanswered upgrade given up",
      m -> !List.of("standby", "connecting").contains(m.getString("state")));
    assertThat(failed.getString("state")).as(failed.toString()).isEqualTo("disconnected");
    assertThat(failed.getString("reason")).isEqualTo("events WebSocket: no answer to the upgrade within 2000 ms");
    eventually(Duration.ofSeconds(20), "the upgrade tried again", () -> ari.upgradesHeld.get() >= 2);
  }
}
