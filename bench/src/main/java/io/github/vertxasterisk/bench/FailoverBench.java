package io.github.vertxasterisk.bench;

import io.github.vertxasterisk.clustertest.ClusterFixture;
import io.github.vertxasterisk.clustertest.EventLog.Entry;
import io.github.vertxasterisk.sim.testing.Await;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * Takeover time of a killed holder: three node processes (the real launcher) hold one simulated PBX
 * streaming 100 events/s; each round kills the holder with SIGKILL and measures the time until the
 * observer receives the first event published by the new holder, then restarts the killed node.
 *
 * <p>Run: {@code mvn -q -pl bench -am install -DskipTests && mvn -q -pl bench exec:exec
 * -Dexec.args="-cp %classpath io.github.vertxasterisk.bench.FailoverBench 10"}
 */
public final class FailoverBench {
  private FailoverBench() {
  }

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
    List<Double> seconds = new ArrayList<>();
    try (ClusterFixture cluster = new ClusterFixture(ClusterFixture.nodeJar(), Path.of("bench", "target", "failover-bench"), 3)
      .start(100)) {
      cluster.awaitMembers(3, Duration.ofSeconds(120));
      for (int round = 1; round <= rounds; round++) {
        String holder = currentHolder(cluster);
        long killedAt = System.nanoTime();
        cluster.node(holder).kill9();
        Await.eventually(Duration.ofSeconds(60), "an event from the new holder",
          () -> firstAfter(cluster, holder, killedAt).isPresent());
        Entry first = firstAfter(cluster, holder, killedAt).orElseThrow();
        double s = (first.arrivedNanos() - killedAt) / 1e9;
        seconds.add(s);
        System.out.printf("round %2d: kill -9 %s -> first event from %s after %.3f s%n", round, holder, first.node(), s);
        cluster.startNode(Integer.parseInt(holder.substring("node-".length())));
        cluster.awaitMembers(3, Duration.ofSeconds(120));
      }
    }
    Collections.sort(seconds);
    System.out.printf("takeover over %d runs: min %.3f s, median %.3f s, max %.3f s%n", seconds.size(),
      seconds.get(0), seconds.get(seconds.size() / 2), seconds.get(seconds.size() - 1));
    System.exit(0);
  }

  /** The node that published the newest event: events flow all the time, so that is the holder. */
  private static String currentHolder(ClusterFixture cluster) {
    long since = System.nanoTime();
    Await.eventually(Duration.ofSeconds(120), "events flowing",
      () -> cluster.events().first(e -> e.arrivedNanos() > since).isPresent());
    java.util.List<Entry> all = cluster.events().entries();
    return all.get(all.size() - 1).node();
  }

  private static Optional<Entry> firstAfter(ClusterFixture cluster, String holder, long afterNanos) {
    return cluster.events().first(e -> e.arrivedNanos() > afterNanos && !e.node().equals(holder));
  }
}
