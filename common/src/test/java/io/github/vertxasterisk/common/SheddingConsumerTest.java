package io.github.vertxasterisk.common;

import static io.github.vertxasterisk.common.Waiting.await;
import static io.github.vertxasterisk.common.Waiting.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SheddingConsumerTest {
  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() throws Exception {
    await(vertx.close());
  }

  @Test
  void aHandlerThatKeepsUpGetsEveryMessageInOrder() throws Exception {
    List<Integer> seen = new CopyOnWriteArrayList<>();
    SheddingConsumer<Integer> consumer = await(SheddingConsumer.subscribe(vertx, "stream.fast", 5_000,
      m -> seen.add(m.body())));
    publishFromAnotherContext("stream.fast", 2_000);
    eventually("all handled", () -> consumer.handled() == 2_000);
    assertEquals(0, consumer.shed());
    assertTrue(isAscending(seen), "in order");
  }

  @Test
  void aSlowHandlerKeepsAtMostCapacityWaitingAndCountsWhatItDrops() throws Exception {
    List<Integer> seen = new CopyOnWriteArrayList<>();
    SheddingConsumer<Integer> consumer = await(SheddingConsumer.subscribe(vertx, "stream.slow", 20, m -> {
      seen.add(m.body());
      long until = System.nanoTime() + 200_000; // 200 µs of work per message: far slower than the stream
      while (System.nanoTime() < until) {
        Thread.onSpinWait();
      }
    }));
    publishFromAnotherContext("stream.slow", 2_000);
    eventually("every message handled or shed", () -> consumer.handled() + consumer.shed() == 2_000);
    assertTrue(consumer.shed() > 0, "something was shed");
    assertTrue(consumer.handled() >= 20, "the first capacity-worth was handled: " + consumer.handled());
    assertEquals(consumer.handled(), seen.size());
    assertTrue(isAscending(seen), "what was handled is in order");
  }

  @Test
  void aCapacityBelowOneIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> SheddingConsumer.subscribe(vertx, "x", 0, m -> { }));
  }

  private void publishFromAnotherContext(String address, int count) {
    vertx.getOrCreateContext().runOnContext(v -> {
      for (int i = 0; i < count; i++) {
        vertx.eventBus().publish(address, i);
      }
    });
  }

  private static boolean isAscending(List<Integer> values) {
    for (int i = 1; i < values.size(); i++) {
      if (values.get(i) <= values.get(i - 1)) {
        return false;
      }
    }
    return true;
  }
}
