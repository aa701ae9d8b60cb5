package io.github.vertxasterisk.ami.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.vertxasterisk.common.FailureCode;
import io.github.vertxasterisk.common.cluster.HolderCalls;
import io.github.vertxasterisk.sim.testing.Await;
import io.vertx.core.Future;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The client-side failover semantics of the proxy, with a holder that never answers. */
class HolderAwareAmiServiceTest {
  private final Vertx vertx = Vertx.vertx();
  private final AmiAddresses pbx = AmiAddresses.of("pbx-proxy");

  @AfterEach
  void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void aCallInFlightWhenANewHolderTakesOverFailsWithDisconnected() throws Exception {
    // A "holder" that swallows the call, as a process killed with -9 would.
    vertx.eventBus().consumer(pbx.service(), m -> { }).completion().toCompletionStage().toCompletableFuture().get();
    AmiService ami = AmiService.createProxy(vertx, pbx.service());
    vertx.eventBus().publish(pbx.status(), new JsonObject().put("state", "connected").put("epoch", 7));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (((HolderCalls.Watched) ami).knownEpoch() != 7 && System.nanoTime() < deadline) {
      TimeUnit.MILLISECONDS.sleep(5); // allowed: the JUnit thread waits for the status to arrive
    }
    Future<JsonObject> call = ami.ping();
    // Statuses that are not a takeover change nothing.
    vertx.eventBus().publish(pbx.status(), new JsonObject().put("state", "connecting").put("epoch", 8));
    vertx.eventBus().publish(pbx.status(), new JsonObject().put("state", "connected").put("epoch", 7));
    assertThat(waitFor(call, 300)).isNull();

    vertx.eventBus().publish(pbx.status(), new JsonObject().put("state", "connected").put("epoch", 8));
    Throwable failure = failureOf(call);
    assertThat(FailureCode.of(failure)).isEqualTo(FailureCode.DISCONNECTED);
    assertThat(failure.getMessage()).contains("epoch 8").contains("outcome is unknown");
  }

  @Test
  void aFloodReportToAProxyThatSawNoStatusYetFailsNoCall() throws Exception {
    vertx.eventBus().consumer(pbx.service(), m -> { }).completion().toCompletionStage().toCompletableFuture().get();
    AmiService ami = AmiService.createProxy(vertx, pbx.service());
    Future<JsonObject> call = ami.ping();
    // What AmiSession publishes on .status when it sheds events: the connection unchanged.
    vertx.eventBus().publish(pbx.status(), new JsonObject().put("state", "connected").put("epoch", 3)
      .put("node", "node-a").put("overload", "event flood: 120 events dropped in the last 10000 ms").put("dropped", 120));
    assertThat(waitFor(call, 300)).isNull();
    assertThat(((HolderCalls.Watched) ami).knownEpoch()).isEqualTo(3);
  }

  @Test
  void noHandlerMeansNoHolder() throws Exception {
    AmiService ami = AmiService.createProxy(vertx, AmiAddresses.of("pbx-none").service());
    Throwable failure = failureOf(ami.info());
    assertThat(FailureCode.of(failure)).isEqualTo(FailureCode.NO_HOLDER);
    assertThat(failure.getMessage()).startsWith("no-holder: no node of the cluster holds asterisk.ami.pbx-none");
  }

  @Test
  void aClosedProxyStopsWatchingTheStatusAndRefusesCalls() throws Exception {
    vertx.eventBus().consumer(pbx.service(), m -> m.reply(new JsonObject().put("Response", "Success")))
      .completion().toCompletionStage().toCompletableFuture().get();
    AmiService closed = AmiService.createProxy(vertx, pbx.service());
    AmiService open = AmiService.createProxy(vertx, pbx.service());
    AmiService.closeProxy(closed).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);

    vertx.eventBus().publish(pbx.status(), new JsonObject().put("state", "connected").put("epoch", 9));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (((HolderCalls.Watched) open).knownEpoch() != 9 && System.nanoTime() < deadline) {
      TimeUnit.MILLISECONDS.sleep(5); // the open proxy's copy of the status is the sign it went out
    }
    assertThat(((HolderCalls.Watched) open).knownEpoch()).isEqualTo(9);
    assertThat(((HolderCalls.Watched) closed).knownEpoch()).as("a closed proxy's view").isZero();

    Throwable refused = failureOf(closed.ping());
    assertThat(refused).isInstanceOf(ReplyException.class)
      .hasMessage("bad-request: this proxy of asterisk.ami.pbx-proxy was closed");
    assertThat(((ReplyException) refused).failureCode()).isEqualTo(400);
    assertThat(waitFor(open.ping(), 10_000)).isNotNull();
  }

  /** "Every method fails with a ReplyException whose code is one of FailureCode": the bus's send timeout too. */
  @Test
  void aCallTheHolderNeverAnswersFailsWithACodeOfTheTable() throws Exception {
    vertx.eventBus().consumer(pbx.service(), m -> { }).completion().toCompletionStage().toCompletableFuture().get();
    AmiService ami = AmiService.createProxyWithOptions(vertx, pbx.service(), new DeliveryOptions().setSendTimeout(300));

    for (Future<?> call : new Future<?>[] {ami.ping(), ami.send(new JsonObject().put("Action", "CoreStatus")),
        ami.originate(new JsonObject().put("Channel", "Local/100@test").put("Application", "Wait").put("Timeout", 200))}) {
      Throwable failure = failureOf(call);
      assertThat(failure).isInstanceOf(ReplyException.class);
      assertThat(((ReplyException) failure).failureCode()).as(failure.toString()).isEqualTo(FailureCode.TIMEOUT.code());
      assertThat(failure.getMessage()).startsWith("timeout: ").contains(pbx.service());
    }
  }

  /**
   * {@code .status} is published at changes only: a proxy made while holder node-a has long been connected
   * (epoch 3) sees node-b's takeover (epoch 4) as its first status, and must still fail the call node-a
   * took with it (node-a answers info() as AmiSession does, and swallows the ping as a process killed with
   * -9 right then would).
   */
  @Test
  void aTakeoverFailsTheCallsInFlightOfAProxyMadeWhileTheOldHolderWasConnected() throws Exception {
    AtomicInteger pings = new AtomicInteger();
    vertx.eventBus().<JsonObject>consumer(pbx.service(), m -> {
      if ("info".equals(m.headers().get("action"))) {
        m.reply(new JsonObject().put("node", "node-a").put("state", "connected").put("epoch", 3L));
      } else {
        pings.incrementAndGet();
      }
    }).completion().toCompletionStage().toCompletableFuture().get();

    AmiService ami = AmiService.createProxy(vertx, pbx.service());
    Await.eventually(Duration.ofSeconds(5), "the proxy learnt node-a's epoch", () -> ((HolderCalls.Watched) ami).knownEpoch() == 3);
    Future<JsonObject> call = ami.ping();
    Await.eventually(Duration.ofSeconds(5), "the ping at node-a", () -> pings.get() == 1);
    vertx.eventBus().publish(pbx.status(), new JsonObject().put("node", "node-b").put("state", "connected").put("epoch", 4L));

    Throwable failure;
    try {
      call.toCompletionStage().toCompletableFuture().get(3, TimeUnit.SECONDS);
      throw new AssertionError("the call succeeded");
    } catch (java.util.concurrent.TimeoutException stillWaiting) {
      throw new AssertionError("the call in flight at node-a still waits 3 s after node-b took over (epoch 4)");
    } catch (ExecutionException e) {
      failure = e.getCause();
    }
    assertThat(FailureCode.of(failure)).isEqualTo(FailureCode.DISCONNECTED);
  }

  private static Object waitFor(Future<?> future, long ms) throws Exception {
    try {
      return future.toCompletionStage().toCompletableFuture().get(ms, TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.TimeoutException stillWaiting) {
      return null;
    }
  }

  private static Throwable failureOf(Future<?> future) throws Exception {
    try {
      future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      throw new AssertionError("expected a failure");
    } catch (ExecutionException e) {
      return e.getCause();
    }
  }
}
