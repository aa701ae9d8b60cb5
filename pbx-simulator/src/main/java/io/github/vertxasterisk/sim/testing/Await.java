package io.github.vertxasterisk.sim.testing;

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

/**
 * For tests that run on the JUnit thread and wait for the event loop's results: the suite's own tests
 * use it, and so can yours. Never call these from an event-loop thread: they block.
 */
public final class Await {
  private static final long TIMEOUT_SECONDS = 30;

  private Await() {
  }

  /** The result of a future that must succeed. */
  public static <T> T await(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw new AssertionError("future failed: " + e.getCause(), e.getCause());
    } catch (Exception e) {
      throw new AssertionError("future did not complete: " + e, e);
    }
  }

  /** The failure of a future that must fail. */
  public static Throwable awaitFailure(Future<?> future) {
    try {
      Object value = future.toCompletionStage().toCompletableFuture().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
      throw new AssertionError("expected a failure, got " + value);
    } catch (ExecutionException e) {
      return e.getCause();
    } catch (Exception e) {
      throw new AssertionError("future did not complete: " + e, e);
    }
  }

  /** Polls a condition until it holds, or fails the test saying what did not happen. */
  public static void eventually(Duration within, String what, BooleanSupplier condition) {
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

  /** Records every message on an address, in order. */
  public static final class Recorder {
    public final List<JsonObject> messages = new CopyOnWriteArrayList<>();

    public static Recorder on(Vertx vertx, String address) {
      Recorder recorder = new Recorder();
      await(vertx.eventBus().<JsonObject>consumer(address, m -> recorder.messages.add(m.body())).completion());
      return recorder;
    }

    public JsonObject awaitMatch(String what, Predicate<JsonObject> predicate) {
      eventually(Duration.ofSeconds(20), what + " in " + messages, () -> messages.stream().anyMatch(predicate));
      return messages.stream().filter(predicate).findFirst().orElseThrow();
    }

    /** The first status message with that {@code state}. */
    public JsonObject awaitState(String state) {
      return awaitMatch("state " + state, m -> state.equals(m.getString("state")));
    }

    public long count(Predicate<JsonObject> predicate) {
      return messages.stream().filter(predicate).count();
    }

    public boolean any(Predicate<JsonObject> predicate) {
      return messages.stream().anyMatch(predicate);
    }
  }
}
