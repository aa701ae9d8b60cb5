package io.github.vertxasterisk.clustertest;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.vertxasterisk.clustertest.EventLog.Entry;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The launcher's SIGTERM (what {@code docker stop} and Kubernetes send): three node processes against
 * one simulated PBX, the holder gets SIGTERM. It must log off from Asterisk, release its lock, leave the
 * cluster and exit 0; a standby takes over through the released lock, not through failure detection
 * (the cluster's {@code maxNoHeartbeatSeconds}, 5 s here). The takeover time is printed, not asserted.
 */
class GracefulShutdownIT {
  private static final int FAILURE_DETECTION_SECONDS = 5; // ClusterFixture: maxNoHeartbeatSeconds

  @Test
  void sigtermOfTheHolderLogsOffLeavesTheClusterAndAStandbyTakesOver() throws Exception {
    Path work = Path.of("target", "it", "sigterm");
    try (ClusterFixture cluster = new ClusterFixture(ClusterFixture.nodeJar(), work, 3).start(50)) {
      cluster.awaitMembers(3, Duration.ofSeconds(120));
      // Let the start settle (while the nodes' clusters merge, a second holder may briefly connect and
      // step down, logging off too): one AMI session, and a steady stream from one holder.
      String settled = cluster.awaitHolder(Duration.ofSeconds(120));
      cluster.eventually(Duration.ofSeconds(60), "one AMI session and 100 events from " + settled,
        () -> cluster.simulator().ami().openSessions() == 1
          && cluster.events().entries().stream().filter(e -> e.node().equals(settled)).count() >= 100);
      String holder = cluster.awaitHolder(Duration.ofSeconds(30));
      cluster.eventually(Duration.ofSeconds(30), "events from " + holder,
        () -> cluster.events().first(e -> e.node().equals(holder)).isPresent());
      long oldEpoch = cluster.events().first(e -> e.node().equals(holder)).orElseThrow().epoch();
      long logoffsBefore = cluster.simulator().ami().actionCount("Logoff");

      long termAt = System.nanoTime();
      int exitCode = cluster.node(holder).terminate(30);
      long exitedAt = System.nanoTime();
      Entry first = cluster.awaitFirstEventNotFrom(holder, termAt);

      System.out.printf("SIGTERM of %s: exited %d after %.2f s; first event from %s after %.2f s "
          + "(failure detection would take %d s)%n", holder, exitCode, (exitedAt - termAt) / 1e9, first.node(),
        (first.arrivedNanos() - termAt) / 1e9, FAILURE_DETECTION_SECONDS);
      assertThat(exitCode).as("exit status after SIGTERM; log:\n" + cluster.log(holder)).isZero();
      assertThat(cluster.log(holder)).contains("SIGTERM: closing the node");
      assertThat(cluster.simulator().ami().actionCount("Logoff")).as("Logoff sent to Asterisk").isEqualTo(logoffsBefore + 1);
      cluster.awaitMembers(2, Duration.ofSeconds(10)); // it left: the observer sees itself and two nodes
      assertThat(first.epoch()).as("the standby connected under a new epoch").isGreaterThan(oldEpoch);
      // it let go of the PBX before leaving (AMI reports standby "node stopping", or stopped)
      assertThat(cluster.statuses().entries()).as("the old holder reported letting go")
        .anyMatch(e -> e.node().equals(holder) && e.arrivedNanos() > termAt
          && java.util.Set.of("standby", "stopped").contains(e.body().getString("state")));
    }
  }
}
