package io.github.vertxasterisk.ami.robustness;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/** Waiting on the JUnit thread for the event loop's results (as the module's TestSupport, for this package). */
final class Waits {
  private Waits() {
  }

  static <T> T await(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw new AssertionError("future failed: " + e.getCause(), e.getCause());
    } catch (Exception e) {
      throw new AssertionError("future did not complete: " + e, e);
    }
  }

  static void eventually(Duration within, String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + within.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within " + within + ": " + what);
      }
      try {
        TimeUnit.MILLISECONDS.sleep(10); // the JUnit thread, never an event loop
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  /** Every message published on an address, in order. */
  static final class Recorder {
    final List<JsonObject> messages = new CopyOnWriteArrayList<>();

    static Recorder on(Vertx vertx, String address) {
      Recorder recorder = new Recorder();
      await(vertx.eventBus().<JsonObject>consumer(address, m -> recorder.messages.add(m.body())).completion());
      return recorder;
    }

    JsonObject awaitMatch(String what, Predicate<JsonObject> predicate) {
      eventually(Duration.ofSeconds(20), what + " in " + messages, () -> messages.stream().anyMatch(predicate));
      return messages.stream().filter(predicate).findFirst().orElseThrow();
    }

    JsonObject awaitState(String state) {
      return awaitMatch("state " + state, m -> state.equals(m.getString("state")));
    }

    boolean any(Predicate<JsonObject> predicate) {
      return messages.stream().anyMatch(predicate);
    }
  }
}
