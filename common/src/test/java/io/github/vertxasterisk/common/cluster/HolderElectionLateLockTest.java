package io.github.vertxasterisk.common.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * While partitions migrate (a member just died), Hazelcast answers a lock request seconds late; the
 * election gives up waiting after {@code attemptTimeoutMs} and tries again. An answer that arrives after
 * that with the lock is still the lock: giving it back and asking again costs the whole failover another
 * round of waiting. Here every answer is late: {@code attemptTimeoutMs} is 1 ms, less than any clustered
 * lock request and counter increment take.
 */
class HolderElectionLateLockTest {
  private static final JsonObject EVERY_ANSWER_LATE = new JsonObject().put("pollMs", 100).put("leaseMs", 800)
    .put("attemptTimeoutMs", 1);

  private final TestCluster cluster = new TestCluster("late-lock", 2);

  @AfterEach
  void closeNodes() throws Exception {
    cluster.close();
  }

  @Test
  void aLockGrantedAfterTheAttemptsDeadlineIsTakenNotGivenBack() throws Exception {
    Vertx node = cluster.join();
    cluster.join(); // a second member, so that the lock and the counter are often answered over the network
    RecordingCandidate candidate = new RecordingCandidate().startOn(node, "test.late." + UUID.randomUUID(), EVERY_ANSWER_LATE);

    assertThat(candidate.events.poll(10, TimeUnit.SECONDS)).isEqualTo("take-over");
    assertThat(candidate.term.get().epoch()).isPositive();
  }
}
