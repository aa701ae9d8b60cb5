package io.github.vertxasterisk.common.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.map.MapInterceptor;
import io.vertx.core.Vertx;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.json.JsonObject;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * An election starts on its verticle's event loop. vertx-hazelcast 5.0.8 creates a counter with a blocking
 * IMap.putIfAbsent on the calling thread: while Hazelcast answers slowly (a migrating partition) the
 * event loop stood still for as long (found by review). Here the counter map's puts wait until the test
 * lets them go, which it does only after start() returned: a start() that waits for the put returns
 * only when the interceptor gives up.
 */
class HolderElectionEventLoopTest {
  private static final CountDownLatch PUTS_MAY_GO = new CountDownLatch(1);
  private static volatile boolean putDone;

  private final TestCluster cluster = new TestCluster("event-loop", 2);

  @AfterEach
  void closeNodes() throws Exception {
    PUTS_MAY_GO.countDown();
    cluster.close();
  }

  /** Holds every put to the counter map until the test lets it go (or 10 s pass). */
  static final class HeldPut implements MapInterceptor {
    private static final long serialVersionUID = 1L;

    @Override
    public Object interceptPut(Object oldValue, Object newValue) {
      try {
        PUTS_MAY_GO.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      putDone = true;
      return null;
    }

    @Override
    public Object interceptGet(Object value) {
      return null;
    }

    @Override
    public void afterGet(Object value) {
    }

    @Override
    public void afterPut(Object value) {
    }

    @Override
    public Object interceptRemove(Object removedValue) {
      return null;
    }

    @Override
    public void afterRemove(Object value) {
    }
  }

  @Test
  void startingAnElectionDoesNotWaitForHazelcastOnTheEventLoop() throws Exception {
    Vertx node = cluster.join();
    cluster.join();
    ((HazelcastClusterManager) ((VertxInternal) node).clusterManager()).getHazelcastInstance()
      .getMap("__vertx.map.counter").addInterceptor(new HeldPut());
    CompletableFuture<Boolean> returnedBeforeThePut = new CompletableFuture<>();
    node.getOrCreateContext().runOnContext(v -> {
      new HolderElection(node, "test.event-loop." + UUID.randomUUID(), HolderOptions.from(new JsonObject()), new RecordingCandidate()).start();
      returnedBeforeThePut.complete(!putDone);
    });
    assertThat(returnedBeforeThePut.get(30, TimeUnit.SECONDS)).as("start() returned before the counter's put was done").isTrue();
  }
}
