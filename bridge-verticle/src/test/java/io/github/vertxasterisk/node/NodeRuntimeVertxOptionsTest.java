package io.github.vertxasterisk.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The node config's {@code vertx} section sizes the node's thread pools: on a small machine one event
 * loop per node saves the hops between event-loop threads (docs/operations.md, docs/benchmarks.md).
 */
class NodeRuntimeVertxOptionsTest {
  private static final JsonObject STANDALONE = new JsonObject().put("cluster", new JsonObject().put("enabled", false));

  @Test
  void oneEventLoopRunsEveryContextOnTheSameThread() throws Exception {
    withNode(vertx(new JsonObject().put("eventLoopPoolSize", 1)),
      node -> assertThat(threadOfNewVerticle(node)).isEqualTo(threadOfNewVerticle(node)));
  }

  @Test
  void theDefaultHasSeveralEventLoops() throws Exception {
    // Vert.x's default is two event loops per core: two verticles get two of them, in turn
    withNode(STANDALONE.copy(), node -> assertThat(threadOfNewVerticle(node)).isNotEqualTo(threadOfNewVerticle(node)));
  }

  @Test
  void oneWorkerRunsEveryBlockingTaskOnTheSameThread() throws Exception {
    withNode(vertx(new JsonObject().put("workerPoolSize", 1)), node -> {
      Set<String> threads = ConcurrentHashMap.newKeySet();
      List<Future<Object>> tasks = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        tasks.add(node.vertx().executeBlocking(() -> {
          threads.add(Thread.currentThread().getName());
          TimeUnit.MILLISECONDS.sleep(50); // a worker thread: with more than one, the others start meanwhile
          return null;
        }, false));
      }
      await(Future.all(tasks));
      assertThat(threads).hasSize(1);
    });
  }

  @Test
  void aPoolSizeThatIsNotAPositiveNumberIsAClearError() throws Exception {
    for (Object bad : new Object[] {0, -2, "four"}) {
      Throwable failure = startFailure(vertx(new JsonObject().put("eventLoopPoolSize", bad)));
      assertThat(failure).as("eventLoopPoolSize " + bad).isInstanceOf(IllegalArgumentException.class);
      assertThat(failure.getMessage()).as("eventLoopPoolSize " + bad).startsWith("vertx.eventLoopPoolSize ");
    }
  }

  @Test
  void theEnvironmentOverrideOfOperationsMdSetsOneEventLoop() throws Exception {
    // a created key's plain integer arrives as a number, which ConfigValues.positive accepts
    JsonObject config = EnvOverrides.apply(STANDALONE.copy(), Map.of("ASTERISK_SUITE_VERTX__EVENT_LOOP_POOL_SIZE", "1"));
    withNode(config, node -> assertThat(threadOfNewVerticle(node)).isEqualTo(threadOfNewVerticle(node)));
  }

  @Test
  void aPoolSizeBeyondAnIntIsRefusedNotWrapped() throws Exception {
    // cast to int, 2^32 + 1 used to start one event loop, and 2^31 failed without naming the key
    for (long tooLarge : new long[] {4_294_967_297L, 2_147_483_648L}) {
      Throwable failure = startFailure(vertx(new JsonObject().put("eventLoopPoolSize", tooLarge)));
      assertThat(failure).as("eventLoopPoolSize " + tooLarge).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("vertx.eventLoopPoolSize is too large: " + tooLarge);
    }
  }

  private interface NodeCheck {
    void check(NodeRuntime node) throws Exception;
  }

  /** Starts a node with this config, runs the check, closes the node. */
  private static void withNode(JsonObject config, NodeCheck check) throws Exception {
    NodeRuntime node = await(NodeRuntime.start(config));
    try {
      check.check(node);
    } finally {
      await(node.close());
    }
  }

  /** Why a node with this config failed to start (null when it started: it is closed again). */
  private static Throwable startFailure(JsonObject config) throws Exception {
    return await(NodeRuntime.start(config).transform(ar -> ar.succeeded()
      ? ar.result().close().map(v -> (Throwable) null) : Future.succeededFuture(ar.cause())));
  }

  private static JsonObject vertx(JsonObject section) {
    return STANDALONE.copy().put("vertx", section);
  }

  /** Each deployment is given an event loop of the pool, in turn. */
  private static String threadOfNewVerticle(NodeRuntime node) throws Exception {
    Promise<String> thread = Promise.promise();
    await(node.vertx().deployVerticle(new VerticleBase() {
      @Override
      public Future<?> start() {
        thread.complete(Thread.currentThread().getName());
        return Future.succeededFuture();
      }
    }));
    return await(thread.future());
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }
}
