package io.github.vertxasterisk.ami;

import io.github.vertxasterisk.common.cluster.ClusterPorts;
import static io.github.vertxasterisk.sim.testing.Await.await;
import static io.github.vertxasterisk.sim.testing.Await.awaitFailure;
import static io.github.vertxasterisk.sim.testing.Await.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.vertxasterisk.ami.api.AmiAddresses;
import io.github.vertxasterisk.ami.api.AmiService;
import io.github.vertxasterisk.common.EventMeta;
import io.github.vertxasterisk.common.cluster.ClusterSetup;
import io.github.vertxasterisk.sim.PbxSimulator;
import io.github.vertxasterisk.sim.testing.Await.Recorder;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Three clustered nodes in one JVM, two simulated PBXs: every node deploys the AMI verticle for both,
 * exactly one node holds each PBX, and when a holder goes a standby takes over while a subscriber on
 * another node keeps receiving events, the epoch and sequence numbers showing where the gap was.
 */
class AmiHolderFailoverTest {
  private final List<Vertx> nodes = new ArrayList<>();
  private final List<PbxSimulator> sims = new ArrayList<>();
  private Vertx observer;
  private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();

  @AfterEach
  void stop() {
    sampler.shutdownNow();
    for (Vertx node : nodes) {
      awaitQuietly(node);
    }
    awaitQuietly(observer);
  }

  private static void awaitQuietly(Vertx vertx) {
    if (vertx != null) {
      try {
        vertx.close().toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
      } catch (Exception ignored) {
        // already closed by the test
      }
    }
  }

  @Test
  void oneHolderPerPbxBalancedAndAStandbyTakesOverWhenTheHolderCloses() {
    JsonObject cluster = clusterConfig(4);
    observer = await(ClusterSetup.start(cluster));
    for (int i = 0; i < 2; i++) {
      PbxSimulator sim = await(new PbxSimulator(new JsonObject()
        .put("ami", new JsonObject().put("port", 0).put("callDurationMs", 200))
        .put("demo", new JsonObject().put("eventsPerSecond", 40))).start(observer));
      sims.add(sim);
    }
    AmiAddresses pbxA = AmiAddresses.of("pbxa");
    AmiAddresses pbxB = AmiAddresses.of("pbxb");
    Recorder statusA = Recorder.on(observer, pbxA.status());
    Recorder statusB = Recorder.on(observer, pbxB.status());
    Recorder eventsA = Recorder.on(observer, pbxA.events());

    for (int n = 0; n < 3; n++) {
      Vertx node = await(ClusterSetup.start(cluster));
      nodes.add(node);
      deploy(node, "node-" + n, "pbxa", sims.get(0));
      deploy(node, "node-" + n, "pbxb", sims.get(1));
    }
    statusA.awaitState("connected");
    statusB.awaitState("connected");
    // The first node to start grabs both; the fair-share rule hands one over to another node.
    eventually(Duration.ofSeconds(20), "the two PBXs held by different nodes", () -> {
      String a = holderOf(statusA);
      String b = holderOf(statusB);
      return a != null && b != null && !a.equals(b);
    });
    assertThat(sims.get(0).ami().openSessions()).isEqualTo(1);
    assertThat(sims.get(1).ami().openSessions()).isEqualTo(1);

    String holderA = holderOf(statusA);
    long epochBefore = currentEpoch(statusA);
    eventsA.awaitMatch("events of pbxa from " + holderA, e -> meta(e).getString("node").equals(holderA)
      && meta(e).getLong("epoch") == epochBefore);

    // Never two holders: sample the simulator's open AMI sessions throughout the failover.
    sims.get(0).ami().resetMaxOpenSessions();
    AtomicInteger maxSeen = new AtomicInteger();
    sampler.scheduleAtFixedRate(() -> maxSeen.accumulateAndGet(sims.get(0).ami().openSessions(), Math::max),
      0, 5, TimeUnit.MILLISECONDS);

    int holderIndex = Integer.parseInt(holderA.substring("node-".length()));
    await(nodes.get(holderIndex).close());

    JsonObject after = eventsA.awaitMatch("events of pbxa from a new holder",
      e -> !meta(e).getString("node").equals(holderA));
    assertThat(meta(after).getLong("epoch")).isGreaterThan(epochBefore);
    assertThat(meta(after).getLong("seq")).as("a new epoch numbers from 1").isLessThan(50L);
    assertThat(maxSeen.get()).as("open AMI sessions at any sampled moment").isLessThanOrEqualTo(1);
    assertThat(sims.get(0).ami().maxOpenSessions()).as("open AMI sessions ever, counted by the PBX").isEqualTo(1);

    AmiService ami = AmiService.createProxy(observer, pbxA.service());
    eventually(Duration.ofSeconds(10), "the new holder serves AmiService",
      () -> tryPing(ami));
    assertThat(await(ami.info()).getString("node")).isNotEqualTo(holderA);
  }

  @Test
  void aCallWithNoHolderFailsFastWithNoHolder() {
    JsonObject cluster = clusterConfig(1);
    observer = await(ClusterSetup.start(cluster));
    AmiService ami = AmiService.createProxy(observer, AmiAddresses.of("pbx-nobody").service());
    Throwable failure = awaitFailure(ami.ping());
    assertThat(failure).hasMessageContaining("no-holder");
    assertThat(io.github.vertxasterisk.common.FailureCode.of(failure))
      .isEqualTo(io.github.vertxasterisk.common.FailureCode.NO_HOLDER);
  }

  private static boolean tryPing(AmiService ami) {
    try {
      ami.ping().toCompletionStage().toCompletableFuture().get(2, TimeUnit.SECONDS);
      return true;
    } catch (Exception e) {
      return false;
    }
  }

  private void deploy(Vertx node, String name, String pbx, PbxSimulator sim) {
    JsonObject config = new JsonObject().put("node", name)
      .put("holder", new JsonObject().put("pollMs", 100).put("leaseMs", 2_000))
      .put("pbx", new JsonObject().put("id", pbx).put("ami", new JsonObject()
        .put("port", sim.amiPort()).put("username", "admin").put("secret", "amp111")
        .put("reconnectInitialMs", 50).put("reconnectMaxMs", 200)));
    await(node.deployVerticle(new AmiVerticle(), new DeploymentOptions().setConfig(config)));
  }

  /** The node named by the latest {@code connected} status, if the latest status is connected. */
  private static String holderOf(Recorder status) {
    Map<String, String> latestByNode = new HashMap<>();
    String holder = null;
    for (JsonObject m : status.messages) {
      latestByNode.put(m.getString("node"), m.getString("state"));
    }
    for (Map.Entry<String, String> e : latestByNode.entrySet()) {
      if ("connected".equals(e.getValue())) {
        if (holder != null) {
          return null; // two nodes claim it: not settled (and the test would fail on sessions)
        }
        holder = e.getKey();
      }
    }
    return holder;
  }

  private static long currentEpoch(Recorder status) {
    long epoch = 0;
    for (JsonObject m : status.messages) {
      if ("connected".equals(m.getString("state"))) {
        epoch = m.getLong("epoch");
      }
    }
    return epoch;
  }

  private static JsonObject meta(JsonObject event) {
    return event.getJsonObject(EventMeta.FIELD);
  }

  private static JsonObject clusterConfig(int members) {
    int port = ClusterPorts.firstOfFree(members + 5);
    JsonArray list = new JsonArray();
    for (int i = 0; i < members; i++) {
      list.add("127.0.0.1:" + (port + i));
    }
    return new JsonObject().put("name", "ami-failover-" + UUID.randomUUID())
      .put("host", "127.0.0.1").put("port", port).put("portCount", members + 5).put("members", list);
  }
}
