package io.github.vertxasterisk.common.cluster;

import static io.github.vertxasterisk.common.Waiting.await;
import static io.github.vertxasterisk.common.Waiting.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.map.IMap;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.json.JsonObject;
import io.vertx.core.shareddata.Counter;
import io.vertx.core.shareddata.SharedData;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.lang.reflect.Proxy;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Found by review ("lost counter"): the holder X (epoch E after reconnects) and a standby Y (which last
 * read E - 3) both read the lost counter as absent. Y's raise (getCounter puts 0, compareAndSet(0, E - 3))
 * lands first; X's raise is compareAndSet(0, E + 1): it fails, nothing retries, and X steps down releasing
 * the lock anyway. The counter is left at E - 3 and Y takes the connection at E - 2, an epoch X already
 * published under (the epoch goes backwards); then X, as a standby, raises it to E and Y is kicked out.
 * The only help given: X's counter read is made to come first, and Y's reads wait while X reconnects.
 */
class HolderElectionRaiseRaceTest {
  private static final JsonObject OPTIONS = new JsonObject().put("pollMs", 200).put("leaseMs", 400);
  private final TestCluster cluster = new TestCluster("review-raise-race", 2);
  private final String key = "test.review-raise-race." + UUID.randomUUID();
  private final String counterName = "vertx-asterisk.epoch." + key;

  @AfterEach
  void closeNodes() throws Exception {
    cluster.close();
  }

  @Test
  void noTermReusesAnEpochAlreadyPublished() throws Exception {
    Vertx realX = cluster.join();
    Vertx realY = cluster.join();
    IMap<String, Long> counters = ((HazelcastClusterManager) ((VertxInternal) realY).clusterManager()).getHazelcastInstance()
      .getMap("__vertx.map.counter");

    AtomicBoolean loseOnNextXRead = new AtomicBoolean();
    AtomicBoolean xRaiseWaitsForAnother = new AtomicBoolean();
    AtomicBoolean yReadsHeld = new AtomicBoolean();
    AtomicInteger yReads = new AtomicInteger();

    // X: its next read after arming finds the counter lost; its raise's getCounter comes after Y's raise.
    Vertx x = WithSharedData.of(realX, sharedData(realX, (real, m, args) -> {
      if (m.getName().equals("get") && loseOnNextXRead.compareAndSet(true, false)) {
        counters.remove(counterName);
        return ((Future<?>) WithSharedData.invoke(m, real, args)).andThen(ar -> yReadsHeld.set(false));
      }
      return WithSharedData.invoke(m, real, args);
    }, () -> {
      if (xRaiseWaitsForAnother.get()) {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < end && (counters.get(counterName) == null || counters.get(counterName) == 0)) {
          sleep();
        }
      }
    }));
    // Y: its reads wait while X reconnects (a standby that last read an epoch before the reconnects).
    Vertx y = WithSharedData.of(realY, sharedData(realY, (real, m, args) -> {
      if (m.getName().equals("get") && yReadsHeld.get()) {
        Promise<Long> later = Promise.promise();
        new Thread(() -> {
          while (yReadsHeld.get()) {
            sleep();
          }
          ((Counter) real).get().onComplete(later);
        }).start();
        return later.future();
      }
      if (m.getName().equals("get")) {
        return ((Future<?>) WithSharedData.invoke(m, real, args)).andThen(ar -> yReads.incrementAndGet());
      }
      return WithSharedData.invoke(m, real, args);
    }, () -> { }));

    RecordingCandidate onX = new RecordingCandidate().startOn(x, key, OPTIONS);
    assertThat(onX.events.poll(10, TimeUnit.SECONDS)).isEqualTo("take-over");
    HolderCount onY = new HolderCount(key);
    onY.start(y, "Y", OPTIONS);
    eventually("Y has read X's epoch", () -> yReads.get() > 0);
    yReadsHeld.set(true);
    TimeUnit.MILLISECONDS.sleep(300);
    for (int i = 0; i < 3; i++) { // X reconnects three times
      Promise<Long> bumped = Promise.promise();
      realX.getOrCreateContext().runOnContext(v -> onX.term.get().nextEpoch().onComplete(bumped));
      await(bumped.future());
    }
    long published = onX.term.get().epoch();
    xRaiseWaitsForAnother.set(true);
    loseOnNextXRead.set(true);

    eventually("Y takes over; X: " + onX.events + ", Y: " + onY.log, () -> !onY.log.isEmpty());
    String first = onY.log.get(0);
    assertThat(Long.parseLong(first.substring(first.lastIndexOf(' ') + 1)))
      .as("Y's epoch, after X published under epoch " + published + "; X: " + onX.events + ", Y: " + onY.log)
      .isGreaterThan(published);
  }

  interface CounterCall {
    Object call(Counter real, java.lang.reflect.Method m, Object[] args) throws Throwable;
  }

  /** The node's SharedData, whose counters go through {@code call}; {@code beforeGetCounter} runs first. */
  private static SharedData sharedData(Vertx real, CounterCall call, Runnable beforeGetCounter) {
    SharedData realData = real.sharedData();
    return (SharedData) Proxy.newProxyInstance(SharedData.class.getClassLoader(), new Class<?>[] {SharedData.class}, (p, m, args) -> {
      if (m.getName().equals("getCounter")) {
        beforeGetCounter.run();
        return ((Future<Counter>) WithSharedData.invoke(m, realData, args)).map(c -> (Counter) Proxy.newProxyInstance(
          Counter.class.getClassLoader(), new Class<?>[] {Counter.class}, (q, cm, cargs) -> call.call(c, cm, cargs)));
      }
      return WithSharedData.invoke(m, realData, args);
    });
  }

  private static void sleep() {
    try {
      TimeUnit.MILLISECONDS.sleep(5);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
