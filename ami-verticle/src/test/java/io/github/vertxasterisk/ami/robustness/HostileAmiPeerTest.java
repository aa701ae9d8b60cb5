package io.github.vertxasterisk.ami.robustness;

import static io.github.vertxasterisk.sim.testing.Await.await;
import static io.github.vertxasterisk.sim.testing.Await.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.vertxasterisk.ami.robustness.HostileAmiServer.Mode;
import io.github.vertxasterisk.ami.testing.AmiVerticleFixture;
import io.github.vertxasterisk.sim.testing.Await.Recorder;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Hostile AMI peers (the PBX side misbehaving). Each case ends in a clear state on {@code .status}, a
 * reconnect where the connection is useless, never two sockets at once (no leak), and a normal
 * connection once the peer behaves. The parser's own bounds are fuzzed in {@link AmiParserFuzzTest};
 * a non-AMI banner, a server closing mid-packet and unanswered pings are in AmiVerticleTest.
 */
class HostileAmiPeerTest extends AmiVerticleFixture {
  @Test
  void aBannerThenSilenceIsALoginTimeoutAndAReconnect() {
    HostileAmiServer peer = new HostileAmiServer(Mode.SILENT_AFTER_BANNER);
    deploy(await(peer.start(vertx)), 500);

    JsonObject down = status.awaitState("disconnected");
    assertThat(down.getString("reason")).containsIgnoringCase("login");
    eventually(Duration.ofSeconds(10), "reconnect attempts", () -> peer.accepted() >= 2);

    recovers(peer);
  }

  @Test
  void aResetDuringLoginIsADisconnectAndAReconnect() {
    HostileAmiServer peer = new HostileAmiServer(Mode.RESET_ON_LOGIN);
    deploy(await(peer.start(vertx)), 2_000);

    JsonObject down = status.awaitState("disconnected");
    assertThat(down.getString("reason")).contains("Login").contains("closed");
    assertThat(down.getLong("retryInMs")).isPositive();
    eventually(Duration.ofSeconds(10), "three attempts", () -> peer.accepted() >= 3);
    assertThat(status.any(m -> "connected".equals(m.getString("state")))).isFalse();

    recovers(peer);
  }

  /**
   * A login that succeeds proves nothing if the peer drops the connection right after: the backoff must
   * keep growing (ceilings 10, 20, 40, 80, 160, 320 ms with jitter in [ceiling/2, ceiling]: the sixth wait
   * is at least 160 ms). Reset at every login, each wait would be 5-10 ms: a login loop against the PBX.
   */
  @Test
  void aPeerThatDropsEachConnectionAfterTheLoginGetsAGrowingBackoff() {
    HostileAmiServer peer = new HostileAmiServer(Mode.RESET_AFTER_LOGIN);
    deploy(ami(await(peer.start(vertx)), 2_000).put("reconnectInitialMs", 10).put("reconnectMaxMs", 10_000));

    eventually(Duration.ofSeconds(20), "six dropped connections", () -> retries().size() >= 6);
    assertThat(peer.accepted()).isGreaterThanOrEqualTo(6);
    assertThat(retries().get(5)).as("sixth delay of " + retries()).isGreaterThanOrEqualTo(160);

    recovers(peer);
  }

  /** The announced delay of each reconnect after a lost connection, in order. */
  private List<Long> retries() {
    return status.messages.stream()
      .filter(m -> "disconnected".equals(m.getString("state")) && m.containsKey("retryInMs"))
      .map(m -> m.getLong("retryInMs")).toList();
  }

  @Test
  void anEndlessLineIsDiscardedAndTheDeafConnectionReplaced() {
    HostileAmiServer peer = new HostileAmiServer(Mode.ENDLESS_LINE_AFTER_LOGIN);
    int port = await(peer.start(vertx));
    deploy(ami(port, 2_000).put("keepAliveIntervalMs", 500).put("keepAliveTimeoutMs", 500)
      .put("limits", new JsonObject().put("maxLineBytes", 1024).put("maxMessageBytes", 4096)));

    // Read and thrown away as it comes (a client buffering it would stall or run out of its 512 MB heap).
    eventually(Duration.ofSeconds(20), "the client read 32 MB of the endless line",
      () -> peer.streamedBytes() > 32L * 1024 * 1024);
    // No answer can get through an endless line: the keepalive gives up on the connection.
    JsonObject down = status.awaitMatch("disconnected by the keepalive",
      m -> "disconnected".equals(m.getString("state")) && m.getString("reason").contains("keepalive"));
    assertThat(down.getLong("epoch")).isPositive();
    eventually(Duration.ofSeconds(10), "a reconnect", () -> peer.accepted() >= 2);

    recovers(peer);
  }

  /**
   * A peer that stops answering while the application keeps maxPendingActions actions waiting: the
   * keepalive's Ping must still go out (a Ping refused as overloaded would leave the dead connection
   * in place, every action failing, until the application stops sending).
   */
  @Test
  void aDeafPeerIsDetectedWhileThePendingActionsAreAtTheirBound() {
    HostileAmiServer peer = new HostileAmiServer(Mode.DEAF_AFTER_LOGIN);
    deploy(ami(await(peer.start(vertx)), 2_000).put("actionTimeoutMs", 120_000).put("maxPendingActions", 3)
      .put("keepAliveIntervalMs", 300).put("keepAliveTimeoutMs", 300));
    status.awaitState("connecting");
    // CoreSettings (sent after the login) plus these two: the bound is reached and stays so.
    eventually(Duration.ofSeconds(10), "two actions waiting", () -> {
      service().send(new JsonObject().put("Action", "CoreStatus"));
      return await(service().info()).getInteger("pendingActions") >= 3;
    });

    JsonObject down = status.awaitMatch("disconnected by the keepalive",
      m -> "disconnected".equals(m.getString("state")) && m.getString("reason").contains("keepalive"));
    assertThat(down.getString("reason")).contains("Ping");

    recovers(peer);
  }

  /**
   * Asterisk runs a synchronous Originate on the session's thread: until the call answers (or its
   * Timeout passes) it answers nothing else, Ping included. That is a busy peer, not a dead one: the
   * keepalive must not drop the connection, and the Originate's answer with it. The ring (2 s) outlasts
   * the keepalive's interval and timeout; the timeout leaves a slow machine's pauses room.
   */
  @Test
  void aSynchronousOriginateRingingLongerThanTheKeepAliveKeepsTheConnection() {
    HostileAmiServer peer = new HostileAmiServer(Mode.SYNC_ORIGINATE_RINGS);
    deploy(ami(await(peer.start(vertx)), 2_000).put("keepAliveIntervalMs", 200).put("keepAliveTimeoutMs", 1_000));
    status.awaitState("connected");

    JsonObject answer = await(service().originate(new JsonObject().put("Channel", "PJSIP/100")
      .put("Application", "Wait").put("Data", "1").put("Timeout", 20_000)));

    assertThat(answer.getString("Response")).isEqualTo("Success");
    assertThat(status.any(m -> "disconnected".equals(m.getString("state")))).as("status " + status.messages).isFalse();
    assertThat(peer.accepted()).isEqualTo(1);
  }

  @Test
  void a100MegabytePacketIsRejectedAndTheConnectionCarriesOn() {
    HostileAmiServer peer = new HostileAmiServer(Mode.HUGE_PACKET_AFTER_LOGIN);
    Recorder afterHuge = Recorder.on(vertx, addresses.event("AfterHuge"));
    Recorder huge = Recorder.on(vertx, addresses.event("Huge"));
    deploy(ami(await(peer.start(vertx)), 5_000).put("keepAliveIntervalMs", 60_000));

    afterHuge.awaitMatch("the event after the 100 MB packet", m -> "AfterHuge".equals(m.getString("Event")));
    assertThat(peer.streamedBytes()).isGreaterThan(HostileAmiServer.HUGE_PACKET_BYTES);
    assertThat(huge.messages).isEmpty();
    status.awaitState("connected");
    JsonObject info = await(service().info());
    assertThat(info.getLong("messagesRejected")).isEqualTo(1L);
    assertThat(info.getString("state")).isEqualTo("connected");
    assertThat(peer.accepted()).isEqualTo(1);
    assertThat(status.any(m -> "disconnected".equals(m.getString("state")))).isFalse();
  }

  /** Once the peer behaves, the client connects, answers calls and never held two sockets at once. */
  private void recovers(HostileAmiServer peer) {
    peer.mode(Mode.HEALTHY);
    // A connection opened before the switch may still report connected for a while: only an answered
    // ping proves the client now talks to the healthy peer.
    eventually(Duration.ofSeconds(20), "a ping answered by the healthy peer",
      () -> service().ping().transform(ar -> Future.succeededFuture(ar.succeeded()))
        .toCompletionStage().toCompletableFuture().join());
    JsonObject info = await(service().info());
    assertThat(info.getString("state")).isEqualTo("connected");
    assertThat(info.getInteger("pendingActions")).isZero();
    assertThat(peer.maxOpen()).isEqualTo(1);
    eventually(Duration.ofSeconds(5), "only the healthy socket left open", () -> peer.open() == 1);
  }

  private static JsonObject ami(int port, long loginTimeoutMs) {
    return baseAmiConfig(port).put("actionTimeoutMs", 1_000).put("loginTimeoutMs", loginTimeoutMs).put("keepAliveIntervalMs", 60_000);
  }

  private void deploy(int port, long loginTimeoutMs) {
    deploy(ami(port, loginTimeoutMs));
  }
}
