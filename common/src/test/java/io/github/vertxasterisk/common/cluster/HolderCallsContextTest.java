package io.github.vertxasterisk.common.cluster;

import static io.github.vertxasterisk.common.Waiting.await;
import static io.github.vertxasterisk.common.Waiting.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.github.vertxasterisk.common.FailureCode;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * One proxy per PBX is shared by the verticles of a node (the docs say to reuse it): a call's outcome
 * must reach the caller on the caller's own context, as any Vert.x call's does, even when it is the
 * status watcher (on the context that created the proxy) that fails it.
 */
class HolderCallsContextTest {
  private static final String ADDRESS = "asterisk.test.pbx-ctx";

  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() throws Exception {
    await(vertx.close());
  }

  @Test
  void aCallFailedByATakeoverCompletesOnTheCallersContext() throws Exception {
    Context creator = vertx.getOrCreateContext();
    HolderCalls calls = await(Future.<HolderCalls>future(p -> creator.runOnContext(v ->
      p.complete(new HolderCalls(vertx, ADDRESS, "TestVerticle", false)))));
    announce(5, "node-a");
    eventually("epoch 5 seen", () -> calls.knownEpoch() == 5);

    Context caller = vertx.getOrCreateContext();
    AtomicReference<Context> failedOn = new AtomicReference<>();
    CompletableFuture<Throwable> failure = new CompletableFuture<>();
    CompletableFuture<Void> sent = new CompletableFuture<>();
    caller.runOnContext(v -> {
      calls.track(() -> Promise.<Void>promise().future()) // a holder that died with the call
        .onFailure(err -> {
          failedOn.set(Vertx.currentContext());
          failure.complete(err);
        });
      sent.complete(null);
    });
    sent.get(20, TimeUnit.SECONDS);

    announce(6, "node-b");
    assertEquals(FailureCode.DISCONNECTED, FailureCode.of(failure.get(20, TimeUnit.SECONDS)));
    assertSame(caller, failedOn.get(), "the failure handler ran on the caller's context");
  }

  private void announce(long epoch, String node) {
    vertx.eventBus().publish(ADDRESS + ".status", new JsonObject().put("state", "connected").put("epoch", epoch)
      .put("node", node));
  }
}
