package io.github.vertxasterisk.common.cluster;

import static io.github.vertxasterisk.common.Waiting.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.json.JsonObject;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two halves of one cluster that each elected a holder (a split, or a node that formed a cluster of its
 * own) merge back. Each half took its lock and bumped its own copy of the epoch counter, so both
 * holders can have the same epoch: after the merge the counter shows that epoch to both, and the lease
 * check alone would keep both connected for good. The member that merges into the other cluster loses
 * its half's data, its lock with it: its holder must step down.
 */
class HolderElectionMergeTest {
  private static final JsonObject FAST = new JsonObject().put("pollMs", 100).put("leaseMs", 800);

  private final TestCluster cluster = new TestCluster("merge", 3);

  @AfterEach
  void closeNodes() throws Exception {
    cluster.close();
  }

  @Test
  void afterTwoHalvesMergeOnlyOneHolderRemains() throws Exception {
    // A lists B, which is not up yet: A forms a cluster alone. B lists only itself: it forms another.
    // A's split-brain handler then finds B's cluster under the same name and one of the two merges.
    Vertx a = cluster.joinListing(0, 0, 1);
    Vertx b = cluster.joinListing(1, 1);
    assertThat(members(a)).isEqualTo(1);
    assertThat(members(b)).isEqualTo(1);
    String key = "test.merge." + UUID.randomUUID();
    // leaseMs 3 s: the merge's partition migration slows the counter reads, and an expired lease would be
    // the second step-down this test counts
    JsonObject slowLease = FAST.copy().put("leaseMs", 3_000);
    RecordingCandidate onA = new RecordingCandidate().startOn(a, key, slowLease);
    RecordingCandidate onB = new RecordingCandidate().startOn(b, key, slowLease);
    assertThat(onA.events.poll(10, TimeUnit.SECONDS)).isEqualTo("take-over");
    assertThat(onB.events.poll(10, TimeUnit.SECONDS)).isEqualTo("take-over");

    eventually("the two halves merged", () -> members(a) == 2 && members(b) == 2);

    String stepDown = pollEither(onA, onB, 10);
    assertThat(stepDown).as("one holder steps down after the merge").startsWith("step-down: ").contains("merg");
    // The other goes on holding: no second step-down, and no take-back by the one that left.
    assertThat(onA.events.poll(3, TimeUnit.SECONDS)).isNull();
    assertThat(onB.events.poll(0, TimeUnit.SECONDS)).isNull();
  }

  @Test
  void aHolderAloneOnTheMergingSideTakesTheConnectionBackAfterTheMerge() throws Exception {
    // A forms a cluster alone and holds; B1 and B2, which list only each other, form a larger one that
    // runs no election (application nodes). A's side merges into theirs: A steps down, and as nobody
    // else holds the lock after the merge, A must get it back.
    Vertx a = cluster.joinListing(0, 0, 1, 2);
    RecordingCandidate onA = new RecordingCandidate().startOn(a, "test.merge." + UUID.randomUUID(), FAST);
    assertThat(onA.events.poll(10, TimeUnit.SECONDS)).isEqualTo("take-over");
    Vertx b1 = cluster.joinListing(1, 1, 2);
    cluster.joinListing(2, 1, 2);

    eventually("the two sides merged", () -> members(a) == 3 && members(b1) == 3);

    assertThat(onA.events.poll(10, TimeUnit.SECONDS)).startsWith("step-down: ").contains("merg");
    assertThat(onA.events.poll(15, TimeUnit.SECONDS)).as("the connection held again after the merge").isEqualTo("take-over");
  }

  /** The first event of either candidate within the time. */
  private static String pollEither(RecordingCandidate x, RecordingCandidate y, int seconds) throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() < end) {
      String e = x.events.poll(50, TimeUnit.MILLISECONDS);
      if (e == null) {
        e = y.events.poll(50, TimeUnit.MILLISECONDS);
      }
      if (e != null) {
        return e;
      }
    }
    return null;
  }

  private static int members(Vertx node) {
    return ((VertxInternal) node).clusterManager().getNodes().size();
  }
}
