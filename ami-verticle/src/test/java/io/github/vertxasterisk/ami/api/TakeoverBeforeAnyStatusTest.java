package io.github.vertxasterisk.ami.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.vertxasterisk.common.FailureCode;
import io.github.vertxasterisk.sim.testing.Await;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * README: "Make one proxy per PBX and reuse it: it watches the PBX's .status (to fail calls at once ...
 * when another node takes over during a call)". An application usually starts while a holder is
 * already connected: .status is published only at changes, so its proxy has seen none. When that
 * holder dies with a call in flight and another node takes over, the call must fail at once with
 * 520 disconnected, not wait for the bus's send timeout (30 s by default).
 */
class TakeoverBeforeAnyStatusTest {
  private final Vertx vertx = Vertx.vertx();
  private final AmiAddresses pbx = AmiAddresses.of("pbx-seen-late");

  @AfterEach
  void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void aTakeoverFailsTheCallsInFlightOfAProxyMadeWhileTheOldHolderWasConnected() throws Exception {
    // Holder node-a, connected (epoch 3) since before the application started: it answers info()
    // as AmiSession does, and swallows the ping, as a process killed with -9 right then would.
    AtomicInteger pings = new AtomicInteger();
    vertx.eventBus().<JsonObject>consumer(pbx.service(), m -> {
      if ("info".equals(m.headers().get("action"))) {
        m.reply(new JsonObject().put("pbx", "pbx-seen-late").put("node", "node-a").put("state", "connected").put("epoch", 3L));
      } else {
        pings.incrementAndGet();
      }
    }).completion().toCompletionStage().toCompletableFuture().get();

    AmiService ami = AmiService.createProxy(vertx, pbx.service());
    TimeUnit.MILLISECONDS.sleep(300); // the application runs a while (the proxy has had its info() answer)
    Future<JsonObject> call = ami.ping();
    Await.eventually(Duration.ofSeconds(5), "the ping at node-a", () -> pings.get() == 1);
    // node-b takes the PBX over: what its AmiSession publishes
    vertx.eventBus().publish(pbx.status(), new JsonObject().put("pbx", "pbx-seen-late").put("node", "node-b")
      .put("state", "connected").put("epoch", 4L));

    Throwable failure;
    try {
      call.toCompletionStage().toCompletableFuture().get(3, TimeUnit.SECONDS);
      throw new AssertionError("the call succeeded");
    } catch (TimeoutException stillWaiting) {
      throw new AssertionError("the call in flight at node-a still waits 3 s after node-b took over (epoch 4)");
    } catch (ExecutionException e) {
      failure = e.getCause();
    }
    assertThat(FailureCode.of(failure)).isEqualTo(FailureCode.DISCONNECTED);
  }
}
