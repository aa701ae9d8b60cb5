package io.github.vertxasterisk.ami.testing;

import static io.github.vertxasterisk.sim.testing.Await.await;

import io.github.vertxasterisk.ami.AmiVerticle;
import io.github.vertxasterisk.ami.api.AmiAddresses;
import io.github.vertxasterisk.ami.api.AmiService;
import io.github.vertxasterisk.sim.testing.Await.Recorder;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * One Vert.x with an AMI verticle for a fresh PBX id per test, its {@code .status} recorded from the
 * start: what the verticle tests against the simulated PBX and against hostile peers share.
 */
public abstract class AmiVerticleFixture {
  protected static final String NODE = "test-node";

  protected Vertx vertx;
  protected String pbx;
  protected AmiAddresses addresses;
  protected Recorder status;
  /** Connections {@link #fakeAsterisk} accepted. */
  protected final AtomicInteger fakeAsteriskConnections = new AtomicInteger();

  @BeforeEach
  void startVertx() {
    vertx = Vertx.vertx();
    pbx = "pbx-" + UUID.randomUUID().toString().substring(0, 8);
    addresses = AmiAddresses.of(pbx);
    status = Recorder.on(vertx, addresses.status());
  }

  @AfterEach
  void closeVertx() {
    await(vertx.close());
  }

  /** A connection to 127.0.0.1:port as the simulator's admin, retrying fast; tests add their timings. */
  protected static JsonObject baseAmiConfig(int port) {
    return new JsonObject()
      .put("host", "127.0.0.1").put("port", port)
      .put("username", "admin").put("secret", "amp111")
      .put("reconnectInitialMs", 50).put("reconnectMaxMs", 200);
  }

  /** Deploys the AMI verticle for this test's PBX; returns the deployment id. */
  protected String deploy(JsonObject ami) {
    JsonObject config = new JsonObject().put("node", NODE).put("pbx", new JsonObject().put("id", pbx).put("ami", ami));
    return await(vertx.deployVerticle(new AmiVerticle(), new DeploymentOptions().setConfig(config)));
  }

  protected AmiService service() {
    return AmiService.createProxy(vertx, addresses.service());
  }

  /**
   * A peer on 127.0.0.1 that greets as Asterisk 22 does and hands each action it reads (without the
   * final CRLF CRLF) to {@code onAction}; a close resets the connection (SO_LINGER 0). Returns its port.
   */
  protected int fakeAsterisk(BiConsumer<NetSocket, String> onAction) {
    return await(vertx.createNetServer(new NetServerOptions().setHost("127.0.0.1").setPort(0).setSoLinger(0))
      .connectHandler(socket -> {
        fakeAsteriskConnections.incrementAndGet();
        socket.exceptionHandler(err -> { });
        socket.write("Asterisk Call Manager/11.0.0\r\n");
        socket.handler(ClientActions.handler(action -> onAction.accept(socket, action)));
      }).listen()).actualPort();
  }
}
