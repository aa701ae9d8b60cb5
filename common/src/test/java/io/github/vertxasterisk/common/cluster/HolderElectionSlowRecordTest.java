package io.github.vertxasterisk.common.cluster;

import static io.github.vertxasterisk.common.Waiting.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.core.shareddata.AsyncMap;
import io.vertx.core.shareddata.SharedData;
import java.lang.reflect.Proxy;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Found by review: StaleLockBreaker protected a node that has just taken the lock (its owner record still
 * names the dead holder) only by the epoch having moved. The taker's bump is one more Hazelcast write that
 * is exactly as slow as the others while partitions migrate (docs: lock answers 3.7 s late). A standby
 * that sees the dead owner's record and an unchanged epoch for staleLockGraceMs force-unlocks the new
 * holder's lock, takes it, and both nodes become holders.
 *
 * The epoch check only sees a bump that lands while the standby watches: a standby that starts watching
 * after the new holder's bump (here: B, which also is what any standby whose earlier sighting was reset
 * does) breaks the lock once the grace is over if the new holder's record is still on its way.
 * Here A's record write lands 3 s late (a Vertx wrapper delays AsyncMap.put on the holders map, the
 * "slowly while partitions migrate" case StaleLockBreaker's own javadoc names); nothing else is changed.
 */
class HolderElectionSlowRecordTest {
  private final TestCluster cluster = new TestCluster("slow-record", 3);
  private final String key = "test.slow-record." + UUID.randomUUID();
  private final HolderCount holders = new HolderCount(key);

  @AfterEach
  void closeNodes() throws Exception {
    cluster.close();
  }

  @Test
  void aFreshHolderWhoseRecordIsSlowKeepsItsLock() throws Exception {
    Vertx d = cluster.join();
    Vertx realA = cluster.join();
    Vertx b = cluster.join();
    // D holds, and records itself.
    RecordingCandidate onD = new RecordingCandidate().startOn(d, key, new JsonObject().put("pollMs", 50).put("leaseMs", 800));
    assertThat(onD.events.poll(10, TimeUnit.SECONDS)).isEqualTo("take-over");
    // A: a standby whose owner record is written 3 s late (its partition migrating); it never breaks locks itself here.
    Vertx a = slowRecords(realA, 3_000);
    holders.start(a, "A", new JsonObject().put("pollMs", 50).put("leaseMs", 800).put("staleLockGraceMs", 60_000));
    TimeUnit.MILLISECONDS.sleep(500);
    cluster.awaitSafe(); // so that the crash loses no data (HolderElectionLostCounterTest is that case)
    cluster.crash(d); // Hazelcast drops D's lock; D's record stays
    eventually("A holds", () -> holders.log.stream().anyMatch(e -> e.startsWith("A take-over"))); // its record is on its way
    // B: a standby that starts watching now (a node just started, or one whose sighting was reset).
    holders.start(b, "B", new JsonObject().put("pollMs", 50).put("leaseMs", 800).put("staleLockGraceMs", 300));

    TimeUnit.SECONDS.sleep(5);
    assertThat(holders.maxHolding.get()).as("nodes holding at once; events: " + holders.log).isLessThanOrEqualTo(1);
  }

  /** The same node, whose writes to the holder records ({@code vertx-asterisk.holders}) land {@code delayMs} late. */
  @SuppressWarnings("unchecked")
  private static Vertx slowRecords(Vertx real, long delayMs) {
    SharedData realData = real.sharedData();
    SharedData data = (SharedData) Proxy.newProxyInstance(SharedData.class.getClassLoader(), new Class<?>[] {SharedData.class},
      (p, m, args) -> {
        Object result = WithSharedData.invoke(m, realData, args);
        if (m.getName().equals("getAsyncMap") && "vertx-asterisk.holders".equals(args[0])) {
          return ((Future<AsyncMap<String, String>>) result).map(map -> (AsyncMap<String, String>) Proxy.newProxyInstance(
            AsyncMap.class.getClassLoader(), new Class<?>[] {AsyncMap.class}, (mp, mm, margs) -> {
              if (mm.getName().equals("put") && margs.length == 2) {
                Promise<Void> late = Promise.promise();
                real.setTimer(delayMs, t -> map.put((String) margs[0], (String) margs[1]).onComplete(late));
                return late.future();
              }
              return WithSharedData.invoke(mm, map, margs);
            }));
        }
        return result;
      });
    return WithSharedData.of(real, data);
  }

}
