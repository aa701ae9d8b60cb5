package io.github.vertxasterisk.ari.api;

import static io.github.vertxasterisk.sim.testing.Await.await;
import static io.github.vertxasterisk.sim.testing.Await.awaitFailure;
import static io.github.vertxasterisk.sim.testing.Await.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.vertxasterisk.common.FailureCode;
import io.github.vertxasterisk.common.cluster.HolderCalls;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The client-side failover semantics of the proxy, with a holder that never answers. */
class HolderAwareAriServiceTest {
  private final Vertx vertx = Vertx.vertx();
  private final AriAddresses pbx = AriAddresses.of("pbx-ari-proxy");

  @AfterEach
  void close() {
    await(vertx.close());
  }

  /** A "holder" that swallows every call, as a process killed with -9 would. */
  private AriService proxyToASilentHolder() {
    await(vertx.eventBus().consumer(pbx.service(), m -> { }).completion());
    return AriService.createProxy(vertx, pbx.service());
  }

  private void announce(AriService ari, String state, long epoch, String node) {
    vertx.eventBus().publish(pbx.status(), new JsonObject().put("state", state).put("epoch", epoch).put("node", node));
  }

  private static void awaitEpoch(AriService ari, long epoch) {
    eventually(Duration.ofSeconds(5), "epoch " + epoch + " seen", () -> ((HolderCalls.Watched) ari).knownEpoch() == epoch);
  }

  @Test
  void aCallInFlightWhenAnotherNodeTakesOverFailsWithDisconnected() {
    AriService ari = proxyToASilentHolder();
    announce(ari, "connected", 7, "node-a");
    awaitEpoch(ari, 7);
    Future<Void> call = ari.answer("chan-1");
    // Statuses that are not a new connection change nothing.
    announce(ari, "disconnected", 8, "node-a");
    announce(ari, "connected", 7, "node-b");
    assertThat(stillPending(call)).isTrue();

    announce(ari, "connected", 8, "node-b");
    Throwable failure = awaitFailure(call);
    assertThat(FailureCode.of(failure)).isEqualTo(FailureCode.DISCONNECTED);
    assertThat(failure.getMessage()).isEqualTo("disconnected: node node-b took over asterisk.ari.pbx-ari-proxy"
      + " (epoch 8) while the call was in flight: its outcome is unknown");
  }

  @Test
  void aClosedProxyRefusesCalls() {
    AriService ari = proxyToASilentHolder();
    await(AriService.closeProxy(ari));
    assertThat(awaitFailure(ari.invoke("channels.list", null)))
      .isInstanceOf(ReplyException.class).hasMessage("bad-request: this proxy of asterisk.ari.pbx-ari-proxy was closed");
  }

  @Test
  void aWebSocketReconnectOnTheSameHolderFailsNoCall() {
    AriService ari = proxyToASilentHolder();
    announce(ari, "connected", 3, "node-a");
    awaitEpoch(ari, 3);
    Future<JsonObject> call = ari.invoke("channels.list", null);
    announce(ari, "connected", 4, "node-a");
    awaitEpoch(ari, 4);
    assertThat(stillPending(call)).isTrue();
    assertThat(((HolderCalls.Watched) ari).knownHolder()).isEqualTo("node-a");
  }

  @Test
  void theFirstConnectionAProxySeesFailsNoCallButTheNextTakeoverDoes() {
    // A proxy made while node-a has held the PBX for a while: it learns the holder from the next status
    // (here a flood report, which says "connected" with the current epoch), after a call already left.
    AriService ari = proxyToASilentHolder();
    Future<JsonObject> call = ari.invoke("channels.list", null);
    announce(ari, "connected", 5, "node-a");
    awaitEpoch(ari, 5);
    assertThat(stillPending(call)).isTrue();

    announce(ari, "connected", 6, "node-b");
    assertThat(FailureCode.of(awaitFailure(call))).isEqualTo(FailureCode.DISCONNECTED);
  }

  @Test
  void noHandlerMeansNoHolder() {
    AriService ari = AriService.createProxy(vertx, AriAddresses.of("pbx-ari-none").service());
    Throwable failure = awaitFailure(ari.originate(new JsonObject().put("endpoint", "Local/1@t").put("app", "a")));
    assertThat(FailureCode.of(failure)).isEqualTo(FailureCode.NO_HOLDER);
    assertThat(failure.getMessage()).startsWith("no-holder: no node of the cluster holds asterisk.ari.pbx-ari-none");
    assertThat(FailureCode.of(awaitFailure(ari.storedRecordingFile("r")))).isEqualTo(FailureCode.NO_HOLDER);
  }

  /** True when the call is still unanswered 300 ms later (the silent holder never answers it). */
  private static boolean stillPending(Future<?> call) {
    try {
      call.toCompletionStage().toCompletableFuture().get(300, TimeUnit.MILLISECONDS);
      return false;
    } catch (TimeoutException pending) {
      return true;
    } catch (Exception completed) {
      return false;
    }
  }
}
