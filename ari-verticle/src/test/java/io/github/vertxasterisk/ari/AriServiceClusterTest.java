package io.github.vertxasterisk.ari;

import io.github.vertxasterisk.common.cluster.ClusterPorts;
import static io.github.vertxasterisk.sim.testing.Await.await;
import static io.github.vertxasterisk.sim.testing.Await.awaitFailure;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.vertxasterisk.ari.api.AriAddresses;
import io.github.vertxasterisk.ari.api.AriErrorCode;
import io.github.vertxasterisk.ari.api.AriService;
import io.github.vertxasterisk.common.EventMeta;
import io.github.vertxasterisk.common.FailureCode;
import io.github.vertxasterisk.common.cluster.ClusterSetup;
import io.github.vertxasterisk.sim.PbxSimulator;
import io.github.vertxasterisk.sim.testing.Await.Recorder;
import io.github.vertxasterisk.sim.testing.Await;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.serviceproxy.ServiceException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * End to end against the simulated PBX: node A holds the ARI connection, node B (another clustered
 * Vert.x) only has the event bus, a service proxy and consumers, like an application would.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AriServiceClusterTest {
  private Vertx nodeA;
  private Vertx nodeB;
  private PbxSimulator sim;
  private final AriAddresses addresses = AriAddresses.of("pbx-ari-cluster");
  private Recorder status;
  private AriService ari;

  @BeforeAll
  void startCluster() {
    int port = ClusterPorts.firstOfFree(10);
    JsonObject cluster = new JsonObject()
      .put("name", "ari-test-" + UUID.randomUUID())
      .put("host", "127.0.0.1").put("port", port).put("portCount", 10)
      .put("members", new JsonArray().add("127.0.0.1:" + port).add("127.0.0.1:" + (port + 1)));
    nodeA = await(ClusterSetup.start(cluster));
    nodeB = await(ClusterSetup.start(cluster));
    sim = await(PbxSimulator.forTests().start(nodeA));
    status = Recorder.on(nodeB, addresses.status());
    await(nodeA.deployVerticle(new AriVerticle(), new DeploymentOptions().setConfig(config("pbx-ari-cluster", "asterisk"))));
    status.awaitState("connected");
    ari = AriService.createProxy(nodeB, addresses.service());
  }

  private JsonObject config(String pbx, String password) {
    // no rebalancing: node B runs no ARI verticle, so node A must keep both test PBXs
    return new JsonObject().put("node", "node-a").put("holder", new JsonObject().put("rebalance", false)).put("pbx", new JsonObject().put("id", pbx)
      .put("ari", new JsonObject().put("url", sim.ari().baseUrl()).put("username", "asterisk").put("password", password)
        .put("apps", new JsonArray().add("demo-app")).put("requestTimeoutMs", 3_000)
        .put("reconnectInitialMs", 50).put("reconnectMaxMs", 200).put("authFailedDelayMs", 60_000)));
  }

  @AfterAll
  void stopCluster() {
    await(nodeB.close());
    await(sim.close());
    await(nodeA.close());
  }

  @Test
  void originateIntoStasisAnswerPlayHangupFromAnotherNode() {
    String channelId = "e2e-" + UUID.randomUUID();
    String playbackId = "pb-" + UUID.randomUUID();
    // one Stasis handler on each node: each new call must reach exactly one of them
    Recorder stasisOnB = Recorder.on(nodeB, addresses.stasis("demo-app"));
    Recorder stasisOnA = Recorder.on(nodeA, addresses.stasis("demo-app"));
    // client-chosen ids: subscribed before the channel and the playback exist
    Recorder channelEvents = Recorder.on(nodeB, addresses.channel(channelId));
    Recorder playbackEvents = Recorder.on(nodeB, addresses.playback(playbackId));
    Recorder stasisStarts = Recorder.on(nodeB, addresses.event("StasisStart"));

    JsonObject channel = await(ari.originate(new JsonObject().put("endpoint", "Local/400@test").put("app", "demo-app")
      .put("appArgs", "first,second").put("channelId", channelId)));
    assertThat(channel.getString("id")).isEqualTo(channelId);

    Predicate<JsonObject> ours = e -> channelId.equals(e.getJsonObject("channel").getString("id"));
    Await.eventually(Duration.ofSeconds(15), "StasisStart on the application's address",
      () -> stasisOnA.count(ours) + stasisOnB.count(ours) > 0);
    JsonObject start = (stasisOnB.count(ours) > 0 ? stasisOnB : stasisOnA).awaitMatch("StasisStart", ours);
    assertThat(start.getString("type")).isEqualTo("StasisStart");
    assertThat(start.getJsonArray("args")).containsExactly("first", "second");
    assertThat(start.getJsonObject(EventMeta.FIELD).getString("node")).isEqualTo("node-a");
    stasisStarts.awaitMatch("StasisStart on its type's address", ours);

    // as in captures/ari/01-callflow, the far end of a Local channel answers it before StasisStart
    JsonObject up = channelEvents.awaitMatch("ChannelStateChange to Up",
      e -> "ChannelStateChange".equals(e.getString("type")) && "Up".equals(e.getJsonObject("channel").getString("state")));
    assertThat(up.getJsonObject(EventMeta.FIELD).getString("pbx")).isEqualTo("pbx-ari-cluster");
    await(ari.answer(channelId));
    JsonObject playback = await(ari.play(channelId, "sound:tt-monkeys", playbackId));
    assertThat(playback.getString("id")).isEqualTo(playbackId);
    playbackEvents.awaitMatch("PlaybackFinished on the playback's address", e -> "PlaybackFinished".equals(e.getString("type")));
    channelEvents.awaitMatch("PlaybackFinished on the channel's address",
      e -> "PlaybackFinished".equals(e.getString("type")) && playbackId.equals(e.getJsonObject("playback").getString("id")));
    await(ari.setVar(channelId, "ROUTE", "sales"));
    assertThat(await(ari.getVar(channelId, "ROUTE"))).isEqualTo("sales");

    await(ari.hangup(channelId, null));
    channelEvents.awaitMatch("StasisEnd", e -> "StasisEnd".equals(e.getString("type")));
    channelEvents.awaitMatch("ChannelDestroyed", e -> "ChannelDestroyed".equals(e.getString("type")));
    List<String> types = channelEvents.messages.stream().map(e -> e.getString("type")).toList();
    assertThat(types).containsSubsequence("ChannelStateChange", "StasisStart", "PlaybackStarted", "PlaybackFinished",
      "ChannelHangupRequest", "StasisEnd", "ChannelDestroyed");
    assertThat(playbackEvents.messages).extracting(e -> e.getString("type")).containsExactly("PlaybackStarted", "PlaybackFinished");
    // long after the StasisStart was sent: still exactly one handler took it
    assertThat(stasisOnA.count(ours) + stasisOnB.count(ours)).isEqualTo(1);
  }

  @Test
  void restFailuresKeepTheirStatusAcrossTheCluster() {
    Throwable notFound = awaitFailure(ari.invoke("channels.get", new JsonObject().put("channelId", "no-such-channel")));
    assertThat(FailureCode.of(notFound)).isEqualTo(FailureCode.ASTERISK_ERROR);
    assertThat(notFound.getMessage()).isEqualTo("asterisk-error: HTTP 404 Channel not found (channels.get)");
    assertThat(((ServiceException) notFound).getDebugInfo().getInteger("status")).isEqualTo(404);

    Throwable notInStasis = awaitFailure(ari.answer("no-such-channel"));
    assertThat(notInStasis.getMessage()).startsWith("asterisk-error: HTTP 404 ");
  }

  @Test
  void validationFailuresReachTheCallerAndNothingIsSent() {
    int before = sim.ari().restRequestCount();
    Throwable unknown = awaitFailure(ari.invoke("channels.originat", new JsonObject()));
    assertThat(AriErrorCode.of(unknown)).isEqualTo(AriErrorCode.UNKNOWN_OPERATION);
    assertThat(unknown.getMessage()).contains("channels.originate");
    Throwable missing = awaitFailure(ari.invoke("channels.originate", new JsonObject().put("app", "demo-app")));
    assertThat(AriErrorCode.of(missing)).isEqualTo(AriErrorCode.MISSING_PARAMETER);
    assertThat(missing.getMessage()).startsWith("missing-parameter: ").contains("'endpoint'");
    Throwable unknownParam = awaitFailure(ari.invoke("channels.answer", new JsonObject().put("channelId", "x").put("bogus", 1)));
    assertThat(AriErrorCode.of(unknownParam)).isEqualTo(AriErrorCode.UNKNOWN_PARAMETER);
    assertThat(sim.ari().restRequestCount()).isEqualTo(before);
  }

  @Test
  void reconnectsWithANewEpochWhenTheServerDropsTheWebSocket() {
    long epoch = await(ari.info()).getLong("epoch");
    await(sim.ari().closeAllWebSockets());
    status.awaitMatch("connected with a new epoch", m -> "connected".equals(m.getString("state")) && m.getLong("epoch") > epoch);
    assertThat(await(ari.invoke("channels.list", null)).getInteger("status")).isEqualTo(200);
  }

  @Test
  void aPbxNoNodeHoldsFailsAtOnceWithNoHolder() {
    Throwable failure = awaitFailure(AriService.createProxy(nodeB, AriAddresses.of("pbx-ari-nobody").service())
      .answer("any"));
    assertThat(FailureCode.of(failure)).isEqualTo(FailureCode.NO_HOLDER);
    assertThat(failure.getMessage()).startsWith("no-holder: no node of the cluster holds asterisk.ari.pbx-ari-nobody");
  }

  @Test
  void wrongCredentialsAreReportedAsAuthFailed() {
    AriAddresses other = AriAddresses.of("pbx-ari-badauth");
    Recorder otherStatus = Recorder.on(nodeB, other.status());
    String id = await(nodeA.deployVerticle(new AriVerticle(), new DeploymentOptions().setConfig(config("pbx-ari-badauth", "wrong"))));
    JsonObject failed = otherStatus.awaitState("auth-failed");
    assertThat(failed.getString("reason")).contains("401").doesNotContain("wrong");
    await(nodeA.undeploy(id));
  }
}
