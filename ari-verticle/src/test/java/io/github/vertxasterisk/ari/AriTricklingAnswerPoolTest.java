package io.github.vertxasterisk.ari;

import static io.github.vertxasterisk.sim.testing.Await.awaitFailure;
import static io.github.vertxasterisk.sim.testing.Await.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.vertxasterisk.ari.api.AriService;
import io.github.vertxasterisk.ari.testing.AriVerticleFixture;
import io.github.vertxasterisk.ari.testing.FakeAriServer;
import io.github.vertxasterisk.common.FailureCode;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An answer that trickles in (a byte now and then, never ending) fails its call with {@code timeout}
 * after requestTimeoutMs; its HTTP connection must not stay busy reading it for good. Five of them held
 * the whole pool: every later call timed out, and the events WebSocket, once dropped, never came back
 * (the API documents are fetched through the same pool).
 */
class AriTricklingAnswerPoolTest extends AriVerticleFixture {
  private FakeAriServer ari;

  @BeforeEach
  void startServer() {
    ari = startFakeAri();
  }

  @Test
  void answersThatTrickleInDoNotKeepThePoolBusyAfterTheirTimeout() throws Exception {
    deploy(ari.ariConfig("demo-app").put("requestTimeoutMs", 1_000).put("connectTimeoutMs", 1_000)
      .put("reconnectInitialMs", 50).put("reconnectMaxMs", 200));
    status.awaitState("connected");
    AriService service = AriService.createProxy(vertx, addresses.service());

    List<Future<JsonObject>> trickling = new ArrayList<>();
    for (int i = 0; i < 5; i++) { // the web client's default pool: 5 connections
      trickling.add(service.request("GET", "/channels/trickle", null, null));
    }
    for (Future<JsonObject> call : trickling) {
      assertThat(FailureCode.of(awaitFailure(call))).isEqualTo(FailureCode.TIMEOUT);
    }

    Future<JsonObject> info = service.request("GET", "/asterisk/info", null, null);
    assertThat(awaitOutcome(info)).as("a call after five trickling answers timed out").isNull();

    // The events WebSocket drops: reconnecting fetches the API documents through the same pool.
    int before = status.messages.size();
    ari.dropSockets();
    eventually(Duration.ofSeconds(15), "connected again after the drop: " + status.messages,
      () -> status.messages.stream().skip(before).anyMatch(m -> "connected".equals(m.getString("state"))));
  }

  /** Null when the call succeeded, else its failure. */
  private static Throwable awaitOutcome(Future<?> call) throws Exception {
    try {
      call.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      return null;
    } catch (ExecutionException e) {
      return e.getCause();
    }
  }
}
