package io.github.vertxasterisk.common;

import static io.github.vertxasterisk.common.Waiting.await;
import static io.github.vertxasterisk.common.Waiting.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
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

  /** A plain Vert.x consumer survives an Error thrown by its handler (AssertionError, NoClassDefFoundError...). */
  @Test
  void aHandlerThatThrowsAnErrorDoesNotStopTheConsumer() throws Exception {
    List<Integer> seen = new CopyOnWriteArrayList<>();
    SheddingConsumer<Integer> consumer = await(SheddingConsumer.subscribe(vertx, "stream.error", 100, m -> {
      if (m.body() == 1) {
        throw new AssertionError("handler bug on 1");
      }
      seen.add(m.body());
    }));
    vertx.eventBus().publish("stream.error", 1);
    eventually("the failing message handled", () -> consumer.handled() == 1);
    for (int i = 2; i <= 5; i++) {
      vertx.eventBus().publish("stream.error", i);
    }
    eventually("later messages reach the handler", () -> consumer.handled() == 5);
    assertEquals(List.of(2, 3, 4, 5), seen);
    assertEquals(0, consumer.shed());
  }

  @Test
  void aBurstBeyondCapacityKeepsCapacityAndCountsTheRestAsShed() throws Exception {
    // Subscribed and published from one context: all 2,000 deliveries are queued on its event loop
    // before the first drain can run, so exactly the first 20 wait and the other 1,980 are shed.
    Context context = vertx.getOrCreateContext();
    List<Integer> seen = new CopyOnWriteArrayList<>();
    SheddingConsumer<Integer> consumer = await(Future.<SheddingConsumer<Integer>>future(p -> context.runOnContext(v ->
      SheddingConsumer.<Integer>subscribe(vertx, "stream.burst", 20, m -> seen.add(m.body())).onComplete(p))));
    context.runOnContext(v -> {
      for (int i = 0; i < 2_000; i++) {
        vertx.eventBus().publish("stream.burst", i);
      }
    });
    eventually("every message handled or shed", () -> consumer.handled() + consumer.shed() == 2_000);
    assertEquals(20, consumer.handled());
    assertEquals(1_980, consumer.shed());
    assertEquals(IntStream.range(0, 20).boxed().toList(), seen);
  }

  @Test
  void aSlowHandlerIsFedInSlicesAndLosesOnlyWhatDoesNotFit() throws Exception {
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
    assertEquals(consumer.handled(), seen.size());
    assertTrue(isAscending(seen), "what was handled is in order");
  }

  @Test
  void aHandlerThatThrowsDoesNotStopTheConsumer() throws Exception {
    List<Integer> seen = new CopyOnWriteArrayList<>();
    SheddingConsumer<Integer> consumer = await(SheddingConsumer.subscribe(vertx, "stream.throws", 100, m -> {
      if (m.body() == 3) {
        throw new IllegalStateException("handler bug on 3");
      }
      seen.add(m.body());
    }));
    publishFromAnotherContext("stream.throws", 10);
    eventually("the messages after the failure handled", () -> seen.size() == 9);
    assertEquals(List.of(0, 1, 2, 4, 5, 6, 7, 8, 9), seen);
    assertEquals(0, consumer.shed());
  }

  /** E.g. a subscriber of one call's address that stops at its Hangup: what was waiting is dropped, as documented. */
  @Test
  void aHandlerThatUnregistersGetsNothingMore() throws Exception {
    Context context = vertx.getOrCreateContext();
    List<Integer> seen = new CopyOnWriteArrayList<>();
    AtomicReference<SheddingConsumer<Integer>> self = new AtomicReference<>();
    SheddingConsumer<Integer> consumer = await(Future.<SheddingConsumer<Integer>>future(p -> context.runOnContext(v ->
      SheddingConsumer.<Integer>subscribe(vertx, "stream.stop", 20, m -> {
        seen.add(m.body());
        if (m.body() == 0) {
          self.get().unregister();
        }
      }).onComplete(p))));
    self.set(consumer);
    // Published from the consumer's context: all 20 wait before the first is handled.
    Future<Void> published = Future.future(p -> context.runOnContext(v -> {
      for (int i = 0; i < 20; i++) {
        vertx.eventBus().publish("stream.stop", i);
      }
      p.complete();
    }));
    await(published);
    eventually("the first message handled", () -> consumer.handled() >= 1);
    // A task queued behind every delivery and drain slice: by then a drain still going would have run.
    for (int i = 0; i < 3; i++) {
      await(Future.<Void>future(p -> context.runOnContext(v -> p.complete())));
    }
    assertEquals(List.of(0), seen);
    assertEquals(1, consumer.handled());
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
