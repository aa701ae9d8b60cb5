package io.github.vertxasterisk.common.cluster;

import static io.github.vertxasterisk.common.Waiting.await;
import static io.github.vertxasterisk.common.Waiting.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.json.JsonObject;
import io.vertx.core.shareddata.Lock;
import io.vertx.core.shareddata.SharedData;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.lang.reflect.Proxy;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Found by review: a taker takes its epoch by compare-and-set from the value it read BEFORE asking for the
 * lock. Anything that moves the counter in between (the holder's own reconnect bump just before it lets the
 * lock go, a stale-lock breaker, an attempt of this node answered late) makes that compare-and-set fail: the
 * taker then keeps the lock (it is not given back, "a standby may be breaking it") and removes its record.
 * A lock held by a live node with no record is broken only after staleLockGraceMs + 2 * leaseMs (9 s with
 * the defaults), or when an attempt of the same node happens to run on the very worker thread that has the
 * (reentrant) lock. Until then no node holds the PBX.
 *
 * Here B's lock request is parked once (a slow answer, as while partitions migrate) after it read the epoch;
 * meanwhile the holder A reconnects (nextEpoch) and stops gracefully (releases the lock): a graceful stop,
 * which is otherwise taken over in about a second. Now the taker that lost the race leaves a record naming no
 * member, and the lock is broken after staleLockGraceMs. leaseMs is long here so that the grace of an
 * unrecorded lock (staleLockGraceMs + 2 * leaseMs, 41 s) is far beyond the test's wait.
 */
class HolderElectionLostRaceKeepsLockTest {
  private final TestCluster cluster = new TestCluster("lost-race", 2);

  @AfterEach
  void closeNodes() throws Exception {
    cluster.close();
  }

  @Test
  void aHolderThatReconnectsAndStopsIsTakenOverPromptly() throws Exception {
    Vertx a = cluster.join();
    Vertx realB = cluster.join();
    String key = "test.lost-race." + UUID.randomUUID();
    JsonObject options = new JsonObject().put("pollMs", 500).put("leaseMs", 20_000); // staleLockGraceMs 1000

    RecordingCandidate onA = new RecordingCandidate();
    HolderElection[] electionA = new HolderElection[1];
    a.getOrCreateContext().runOnContext(v -> {
      electionA[0] = new HolderElection(a, key, HolderOptions.from(options), onA);
      electionA[0].start();
    });
    assertThat(onA.events.poll(10, TimeUnit.SECONDS)).isEqualTo("take-over");

    CompletableFuture<Promise<Void>> parked = new CompletableFuture<>();
    Vertx b = parkFirstLockRequest(realB, parked);
    RecordingCandidate onB = new RecordingCandidate().startOn(b, key, options);
    Promise<Void> go = parked.get(10, TimeUnit.SECONDS); // B read the epoch, its lock request is on its way

    // A reconnects, then stops (SIGTERM): the lock is free, the counter one above what B read
    Promise<Void> stopped = Promise.promise();
    a.getOrCreateContext().runOnContext(v -> onA.term.get().nextEpoch().compose(e -> electionA[0].stop()).onComplete(stopped));
    await(stopped.future());
    eventually("A's lock released (Lock.release() is asynchronous)", () -> !((HazelcastClusterManager) ((VertxInternal) a).clusterManager())
      .getHazelcastInstance().getMap("__vertx.map.lock").isLocked("vertx-asterisk.holder." + key));
    go.complete(); // B's lock request goes through now

    assertThat(onB.events.poll(20, TimeUnit.SECONDS)).as("B, the only node left, takes over").isEqualTo("take-over");
  }

  /** The same node; its first holder-lock request waits until the test lets it go. */
  private static Vertx parkFirstLockRequest(Vertx real, CompletableFuture<Promise<Void>> parked) {
    SharedData realData = real.sharedData();
    SharedData data = (SharedData) Proxy.newProxyInstance(SharedData.class.getClassLoader(), new Class<?>[] {SharedData.class},
      (p, m, args) -> {
        if (m.getName().equals("getLockWithTimeout") && !parked.isDone()) {
          Promise<Void> go = Promise.promise();
          parked.complete(go);
          return go.future().compose(v -> realData.getLockWithTimeout((String) args[0], (Long) args[1]));
        }
        return WithSharedData.invoke(m, realData, args);
      });
    return WithSharedData.of(real, data);
  }

}
