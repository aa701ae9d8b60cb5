package io.github.vertxasterisk.ari.testing;

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

/** Small helpers for tests that run on the JUnit thread and wait for the event loop's results. */
public final class TestSupport {
  private TestSupport() {
  }

  public static <T> T await(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw new AssertionError("future failed: " + e.getCause(), e.getCause());
    } catch (Exception e) {
      throw new AssertionError("future did not complete: " + e, e);
    }
  }

  /** The failure of a future that must fail. */
  public static Throwable awaitFailure(Future<?> future) {
    try {
      Object value = future.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
      throw new AssertionError("expected a failure, got " + value);
    } catch (ExecutionException e) {
      return e.getCause();
    } catch (Exception e) {
      throw new AssertionError("future did not complete: " + e, e);
    }
  }

  /** Polls a condition (on the test thread) until it holds. */
  public static void eventually(Duration within, String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + within.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within " + within + ": " + what);
      }
      try {
        TimeUnit.MILLISECONDS.sleep(10); // allowed: the JUnit thread, never an event loop
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  /** Records every message on an address. */
  public static final class Recorder {
    public final List<JsonObject> messages = new CopyOnWriteArrayList<>();

    public static Recorder on(Vertx vertx, String address) {
      Recorder recorder = new Recorder();
      await(vertx.eventBus().<JsonObject>consumer(address, m -> recorder.messages.add(m.body())).completion());
      return recorder;
    }

    public JsonObject awaitMatch(String what, Predicate<JsonObject> predicate) {
      eventually(Duration.ofSeconds(15), what + " in " + messages, () -> messages.stream().anyMatch(predicate));
      return messages.stream().filter(predicate).findFirst().orElseThrow();
    }

    public JsonObject awaitState(String state) {
      return awaitMatch("state " + state, m -> state.equals(m.getString("state")));
    }

    public long count(Predicate<JsonObject> predicate) {
      return messages.stream().filter(predicate).count();
    }
  }
}
