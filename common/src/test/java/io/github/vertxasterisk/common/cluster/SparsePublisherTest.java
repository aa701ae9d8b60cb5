package io.github.vertxasterisk.common.cluster;

import static io.github.vertxasterisk.common.Waiting.await;
import static io.github.vertxasterisk.common.Waiting.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Two clustered nodes: what node A's {@link SparsePublisher} publishes reaches every consumer, on
 * either node and of either kind, while addresses nobody listens to are known as such (and so cost no
 * cluster lookup). Each address is used by one test only.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SparsePublisherTest {
  private Vertx nodeA;
  private Vertx nodeB;
  private SparsePublisher publisher;

  @BeforeAll
  void startCluster() throws Exception {
    int port = ClusterPorts.firstOfFree(2);
    JsonObject cluster = new JsonObject().put("name", "sparse-" + UUID.randomUUID()).put("port", port).put("portCount", 2)
      .put("members", new JsonArray().add("127.0.0.1:" + port).add("127.0.0.1:" + (port + 1)));
    nodeA = await(ClusterSetup.start(cluster));
    nodeB = await(ClusterSetup.start(cluster));
    publisher = SparsePublisher.start(nodeA);
    eventually("node A watches the consumer registry", () -> !publisher.listenedTo("nobody.listens.here"));
  }

  @AfterAll
  void stopCluster() throws Exception {
    await(publisher.close());
    await(nodeB.close());
    await(nodeA.close());
  }

  @Test
  void aConsumerOnAnotherNodeIsSeenReceivesAndIsForgottenWhenItLeaves() throws Exception {
    List<String> received = new CopyOnWriteArrayList<>();
    MessageConsumer<String> consumer = consumerOnBSeenByA("sparse.remote", received);

    publisher.publish("sparse.remote", "one");
    eventually("node B receives", () -> received.contains("one"));

    await(consumer.unregister());
    eventually("node A forgets the address once nobody listens", () -> !publisher.listenedTo("sparse.remote"));
  }

  @Test
  void anAddressWithTwoConsumersIsKeptWhileOneRemains() throws Exception {
    MessageConsumer<String> first = nodeB.eventBus().consumer("sparse.two", m -> { });
    List<String> received = new CopyOnWriteArrayList<>();
    MessageConsumer<String> second = nodeA.eventBus().consumer("sparse.two", m -> received.add(m.body()));
    await(Future.all(first.completion(), second.completion()));
    eventually("node A sees the consumers", () -> publisher.listenedTo("sparse.two"));

    await(first.unregister());
    TimeUnit.MILLISECONDS.sleep(500); // time for the removal check to run (and wrongly forget, if it did)
    assertTrue(publisher.listenedTo("sparse.two"), "one consumer remains");
    publisher.publish("sparse.two", "still");
    eventually("the remaining consumer receives", () -> received.contains("still"));
    await(second.unregister());
  }

  @Test
  void aLocalOnlyConsumerReceivesWhatNoClusterMemberListensTo() throws Exception {
    List<String> received = new CopyOnWriteArrayList<>();
    await(nodeA.eventBus().<String>localConsumer("sparse.local", m -> received.add(m.body())).completion());
    TimeUnit.MILLISECONDS.sleep(200);
    assertFalse(publisher.listenedTo("sparse.local"), "a local-only consumer is not in the cluster's registry");

    publisher.publish("sparse.local", "here");
    eventually("the local-only consumer receives", () -> received.contains("here"));
    assertEquals(List.of("here"), received);
  }

  @Test
  void theViewHealsWithinAResyncPeriodWhenAnEntryEventIsLost() throws Exception {
    // What a split cluster merging back leaves: consumers in the registry that sent no entry event.
    List<String> received = new CopyOnWriteArrayList<>();
    MessageConsumer<String> consumer = consumerOnBSeenByA("sparse.healed", received);
    publisher.forgetAsIfAnEventWereLost("sparse.healed");
    assertFalse(publisher.listenedTo("sparse.healed"));

    // Nothing else would bring it back: no entry event is coming (eventually() gives up after 20 s).
    eventually("the periodic re-read finds the address again", () -> publisher.listenedTo("sparse.healed"));
    publisher.publish("sparse.healed", "back");
    eventually("node B receives again", () -> received.contains("back"));
    await(consumer.unregister());
  }

  @Test
  void anAddressWhoseAddedEventCameAfterItsRemovalIsForgottenAtTheNextReRead() throws Exception {
    // Hazelcast's entry events can come out of order: the "added" of a per-call consumer handled after
    // its "removed" left the address in the view for the whole term (nothing else would remove it).
    publisher.added("sparse.late-added");
    assertTrue(publisher.listenedTo("sparse.late-added"));

    eventually("the periodic re-read forgets an address no consumer has", () -> !publisher.listenedTo("sparse.late-added"));
  }

  @Test
  void closedWhileStartingItNeverStartsWatching() throws Exception {
    SparsePublisher closedEarly = SparsePublisher.start(nodeA);
    await(closedEarly.close());
    TimeUnit.MILLISECONDS.sleep(1_000); // long enough for the registry watch to have completed
    assertTrue(closedEarly.listenedTo("nobody.listens.here"), "a closed publisher publishes normally");
  }

  @Test
  void withoutAClusterEverythingIsPublishedNormally() throws Exception {
    Vertx single = Vertx.vertx();
    try {
      SparsePublisher alone = SparsePublisher.start(single);
      assertTrue(alone.listenedTo("any.address"));
      List<String> received = new CopyOnWriteArrayList<>();
      await(single.eventBus().<String>consumer("any.address", m -> received.add(m.body())).completion());
      alone.publish("any.address", "x");
      eventually("the consumer receives", () -> received.contains("x"));
      await(alone.close());
    } finally {
      await(single.close());
    }
  }

  /** A consumer on node B that adds what it receives to {@code received}, once node A's view has it. */
  private MessageConsumer<String> consumerOnBSeenByA(String address, List<String> received) throws Exception {
    MessageConsumer<String> consumer = nodeB.eventBus().consumer(address, m -> received.add(m.body()));
    await(consumer.completion());
    eventually("node A sees node B's consumer", () -> publisher.listenedTo(address));
    return consumer;
  }
}
