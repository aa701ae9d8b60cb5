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
    NodeRuntime node = await(NodeRuntime.start(STANDALONE.copy().put("vertx", new JsonObject().put("eventLoopPoolSize", 1))));
    try {
      assertThat(threadOfNewVerticle(node)).isEqualTo(threadOfNewVerticle(node));
    } finally {
      await(node.close());
    }
  }

  @Test
  void theDefaultHasSeveralEventLoops() throws Exception {
    NodeRuntime node = await(NodeRuntime.start(STANDALONE.copy()));
    try {
      // Vert.x's default is two event loops per core: two verticles get two of them, in turn
      assertThat(threadOfNewVerticle(node)).isNotEqualTo(threadOfNewVerticle(node));
    } finally {
      await(node.close());
    }
  }

  @Test
  void oneWorkerRunsEveryBlockingTaskOnTheSameThread() throws Exception {
    NodeRuntime node = await(NodeRuntime.start(STANDALONE.copy().put("vertx", new JsonObject().put("workerPoolSize", 1))));
    try {
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
    } finally {
      await(node.close());
    }
  }

  @Test
  void aPoolSizeThatIsNotAPositiveNumberIsAClearError() throws Exception {
    for (Object bad : new Object[] {0, -2, "four"}) {
      Throwable failure = await(NodeRuntime.start(STANDALONE.copy().put("vertx", new JsonObject().put("eventLoopPoolSize", bad)))
        .transform(ar -> Future.succeededFuture(ar.cause())));
      assertThat(failure).as("eventLoopPoolSize " + bad).isInstanceOf(IllegalArgumentException.class);
      assertThat(failure.getMessage()).as("eventLoopPoolSize " + bad).startsWith("vertx.eventLoopPoolSize ");
    }
  }

  @Test
  void theEnvironmentOverrideOfOperationsMdSetsOneEventLoop() throws Exception {
    // a created key's plain integer arrives as a number, which ConfigValues.positive accepts
    JsonObject config = EnvOverrides.apply(STANDALONE.copy(), Map.of("ASTERISK_SUITE_VERTX__EVENT_LOOP_POOL_SIZE", "1"));
    NodeRuntime node = await(NodeRuntime.start(config));
    try {
      assertThat(threadOfNewVerticle(node)).isEqualTo(threadOfNewVerticle(node));
    } finally {
      await(node.close());
    }
  }

  @Test
  void aPoolSizeBeyondAnIntIsRefusedNotWrapped() throws Exception {
    // cast to int, 2^32 + 1 used to start one event loop, and 2^31 failed without naming the key
    for (long tooLarge : new long[] {4_294_967_297L, 2_147_483_648L}) {
      Throwable failure = await(NodeRuntime.start(STANDALONE.copy().put("vertx", new JsonObject().put("eventLoopPoolSize", tooLarge)))
        .transform(ar -> Future.succeededFuture(ar.cause())));
      assertThat(failure).as("eventLoopPoolSize " + tooLarge).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("vertx.eventLoopPoolSize is too large: " + tooLarge);
    }
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
