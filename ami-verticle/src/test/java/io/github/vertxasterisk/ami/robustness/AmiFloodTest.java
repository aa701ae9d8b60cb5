package io.github.vertxasterisk.ami.robustness;

import static io.github.vertxasterisk.sim.testing.Await.await;
import static io.github.vertxasterisk.sim.testing.Await.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.vertxasterisk.ami.api.AmiService;
import io.github.vertxasterisk.ami.testing.AmiVerticleFixture;
import io.github.vertxasterisk.common.EventMeta;
import io.github.vertxasterisk.sim.PbxSimulator;
import io.github.vertxasterisk.sim.ami.AmiMessage;
import io.github.vertxasterisk.sim.testing.Await.Recorder;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The simulated PBX streams events as fast as the socket takes them, far above the configured
 * {@code maxEventsPerSecond}: the holder keeps answering service calls, publishes no more than the
 * bound allows, counts what it drops (info and metrics) and reports it on {@code .status}, and
 * publishes normally again once the flood stops. The heap bound ({@code maxHeapPercent}) the same way.
 */
class AmiFloodTest extends AmiVerticleFixture {
  private static final int MAX_EVENTS_PER_SECOND = 2_000;

  private PbxSimulator sim;

  @BeforeEach
  void startSimulator() {
    sim = await(PbxSimulator.forTests().start(vertx));
  }

  @Test
  void aFloodIsShedCountedAndReportedWhileServiceCallsAreAnswered() {
    AtomicLong received = new AtomicLong();
    AtomicLong highestSeq = new AtomicLong();
    vertx.eventBus().<JsonObject>consumer(addresses.events(), m -> {
      received.incrementAndGet();
      highestSeq.accumulateAndGet(m.body().getJsonObject(EventMeta.FIELD).getLong("seq"), Math::max);
    });
    deploy(MAX_EVENTS_PER_SECOND, 80);
    status.awaitState("connected");
    AmiService service = AmiService.createProxy(vertx, addresses.service());

    long before = System.nanoTime();
    long publishedBefore = await(service.info()).getLong("eventsPublished");
    await(sim.ami().startEventStreamMaxRate());
    JsonObject report = status.awaitMatch("a flood report", m -> m.containsKey("overload"));
    // Service calls still get their answer in the middle of the flood.
    for (int i = 0; i < 5; i++) {
      assertThat(await(service.ping()).getString("Ping")).isEqualTo("Pong");
    }
    JsonObject during = await(service.info());
    await(sim.ami().stopEventStream());
    long elapsedNanos = System.nanoTime() - before;

    assertThat(report.getString("state")).isEqualTo("connected");
    assertThat(report.getLong("dropped")).isPositive();
    assertThat(report.getInteger("maxEventsPerSecond")).isEqualTo(MAX_EVENTS_PER_SECOND);
    assertThat(report.getString("overload")).contains("events dropped");
    assertThat(during.getLong("eventsDropped")).isGreaterThanOrEqualTo(report.getLong("eventsDropped"));
    // The bound: a full bucket (one second's worth) plus the rate over the time we watched.
    long published = during.getLong("eventsPublished") - publishedBefore;
    assertThat(published).isLessThanOrEqualTo(MAX_EVENTS_PER_SECOND + (long) (MAX_EVENTS_PER_SECOND * elapsedNanos / 1e9));
    // Dropped events keep their sequence numbers: subscribers can see the gap.
    eventually(Duration.ofSeconds(10), "the subscriber saw a sequence gap", () -> highestSeq.get() > received.get());

    // Once the flood is over, events flow again and nothing more is dropped. TCP keeps order: when a
    // marker sent after the flood is published, every flood event has been read.
    Recorder markers = Recorder.on(vertx, addresses.event("UserEvent"));
    eventually(Duration.ofSeconds(10), "a marker published after the flood", () -> {
      await(sim.ami().emitEvent(AmiMessage.event("UserEvent", "user,all").add("UserEvent", "after-flood")));
      return !markers.messages.isEmpty();
    });
    long droppedAfterFlood = await(service.info()).getLong("eventsDropped");
    await(sim.ami().startEventStream(50));
    long receivedNow = received.get();
    eventually(Duration.ofSeconds(10), "events published again", () -> received.get() > receivedNow + 20);
    await(sim.ami().stopEventStream());
    assertThat(await(service.info()).getLong("eventsDropped")).isEqualTo(droppedAfterFlood);
  }

  /** The heap bound, made to trip at once: any live set is over 1% of the heap. */
  @Test
  void aFullHeapStopsPublishingSaysWhyAndKeepsAnswering() {
    deploy(0, 1);
    status.awaitState("connected");
    AmiService service = AmiService.createProxy(vertx, addresses.service());
    // The bound reads what the last collection left in each pool; G1 records the old generation's
    // only at a full or mixed collection, which a busy node has and a fresh test JVM may not.
    System.gc();

    await(sim.ami().startEventStream(500));
    JsonObject first = status.awaitMatch("a flood report", m -> m.containsKey("overload"));
    long publishedDuring = await(service.info()).getLong("eventsPublished");
    status.awaitMatch("a later flood report", m -> m.containsKey("overload") && m.getLong("eventsDropped") > first.getLong("eventsDropped"));
    assertThat(await(service.ping()).getString("Ping")).isEqualTo("Pong");
    await(sim.ami().stopEventStream());

    assertThat(first.getString("overload")).contains("maxHeapPercent 1%");
    assertThat(first.getLong("dropped")).isPositive();
    assertThat(first.getInteger("maxHeapPercent")).isEqualTo(1);
    assertThat(await(service.info()).getLong("eventsPublished")).as("nothing published while the heap is over").isEqualTo(publishedDuring);
  }

  private void deploy(int maxEventsPerSecond, int maxHeapPercent) {
    deploy(baseAmiConfig(sim.amiPort())
      .put("actionTimeoutMs", 5_000).put("keepAliveIntervalMs", 60_000)
      .put("maxEventsPerSecond", maxEventsPerSecond).put("maxHeapPercent", maxHeapPercent));
  }
}
