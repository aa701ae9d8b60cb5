package io.github.vertxasterisk.ami.robustness;

import static io.github.vertxasterisk.sim.testing.Await.await;
import static io.github.vertxasterisk.sim.testing.Await.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.vertxasterisk.ami.testing.AmiVerticleFixture;
import io.github.vertxasterisk.ami.testing.ClientActions;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetServerOptions;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A peer that stops reading after the login (Asterisk's manager thread hung, or a host gone without a
 * reset) while the application keeps writing: once the socket's buffers are full, the keepalive must
 * still close the connection and reconnect (README: no answer within keepAliveTimeoutMs closes the
 * socket and reconnects).
 */
class StalledPeerCloseTest extends AmiVerticleFixture {

  @Test
  void aPeerThatStopsReadingIsClosedAndReplacedByTheKeepAlive() {
    AtomicInteger accepted = new AtomicInteger();
    AtomicBoolean stall = new AtomicBoolean(true);
    int port = await(vertx.createNetServer(new NetServerOptions().setHost("127.0.0.1").setPort(0)
      .setReceiveBufferSize(64 * 1024))
      .connectHandler(socket -> {
        accepted.incrementAndGet();
        boolean stalls = stall.get();
        socket.exceptionHandler(err -> { });
        socket.write("Asterisk Call Manager/11.0.0\r\n");
        socket.handler(ClientActions.handler(action -> {
          String id = "";
          for (String line : action.split("\r\n")) {
            if (line.regionMatches(true, 0, "ActionID:", 0, 9)) {
              id = line.substring(9).trim();
            }
          }
          socket.write("Response: Success\r\nActionID: " + id + "\r\nMessage: ok\r\n\r\n");
          if (stalls && action.contains("Action: Login")) {
            socket.pause(); // reads nothing more, and never closes
          }
        }));
      }).listen()).actualPort();
    deploy(baseAmiConfig(port).put("loginTimeoutMs", 2_000).put("actionTimeoutMs", 120_000)
      .put("maxPendingActions", 100_000).put("keepAliveIntervalMs", 300).put("keepAliveTimeoutMs", 300));
    status.awaitState("connecting");
    eventually(Duration.ofSeconds(10), "logged in", () -> service().info().toCompletionStage().toCompletableFuture()
      .exceptionally(e -> new JsonObject()).join().getString("amiVersion") != null);

    // ~25 MB of actions: far more than the socket buffers hold
    JsonObject big = new JsonObject().put("Action", "UserEvent").put("UserEvent", "Fill");
    for (int i = 0; i < 120; i++) {
      big.put("H" + i, "x".repeat(1000));
    }
    for (int i = 0; i < 200; i++) {
      service().send(big);
    }
    stall.set(false);
    status.awaitMatch("disconnected by the keepalive",
      m -> "disconnected".equals(m.getString("state")) && m.getString("reason", "").contains("keepalive"));
    eventually(Duration.ofSeconds(10), "a new connection", () -> accepted.get() >= 2);
    status.awaitMatch("connected again", m -> "connected".equals(m.getString("state")));
    assertThat(accepted.get()).isGreaterThanOrEqualTo(2);
  }
}
