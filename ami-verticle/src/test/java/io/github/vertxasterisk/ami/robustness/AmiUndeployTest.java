package io.github.vertxasterisk.ami.robustness;

import static io.github.vertxasterisk.sim.testing.Await.await;
import static io.github.vertxasterisk.sim.testing.Await.awaitFailure;
import static io.github.vertxasterisk.sim.testing.Await.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.vertxasterisk.ami.robustness.HostileAmiServer.Mode;
import io.github.vertxasterisk.ami.testing.AmiVerticleFixture;
import io.github.vertxasterisk.common.FailureCode;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class AmiUndeployTest extends AmiVerticleFixture {

  private static JsonObject ami(int port, long loginTimeoutMs) {
    return baseAmiConfig(port).put("actionTimeoutMs", 30_000).put("loginTimeoutMs", loginTimeoutMs).put("keepAliveIntervalMs", 60_000);
  }

  @Test
  void undeployDuringALoginClosesTheSocket() {
    HostileAmiServer peer = new HostileAmiServer(Mode.SILENT_AFTER_BANNER);
    String id = deploy(ami(await(peer.start(vertx)), 60_000));
    eventually(Duration.ofSeconds(5), "connected to the peer", () -> peer.open() == 1);
    await(vertx.undeploy(id));
    eventually(Duration.ofSeconds(5), "the socket closed after undeploy", () -> peer.open() == 0);
    status.awaitState("stopped");
  }

  @Test
  void undeployWithADeafPeerFailsThePendingActionAndClosesTheSocket() {
    HostileAmiServer peer = new HostileAmiServer(Mode.DEAF_AFTER_LOGIN);
    String id = deploy(ami(await(peer.start(vertx)), 5_000));
    status.awaitState("connecting");
    eventually(Duration.ofSeconds(5), "logged in", () -> {
      JsonObject info = service().info().toCompletionStage().toCompletableFuture().exceptionally(e -> new JsonObject().put("pendingActions", 0)).join();
      return info.getInteger("pendingActions") >= 1;
    });
    Future<JsonObject> pending = service().send(new JsonObject().put("Action", "CoreStatus"));
    eventually(Duration.ofSeconds(5), "two pending", () -> await(service().info()).getInteger("pendingActions") >= 2);
    await(vertx.undeploy(id));
    Throwable failure = awaitFailure(pending);
    assertThat(FailureCode.of(failure)).as(failure.toString()).isEqualTo(FailureCode.DISCONNECTED);
    eventually(Duration.ofSeconds(5), "the socket closed after undeploy", () -> peer.open() == 0);
    assertThat(status.messages.get(status.messages.size() - 1).getString("state")).isEqualTo("stopped");
  }
}
