package io.github.vertxasterisk.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.vertxasterisk.sim.testing.Await;
import io.github.vertxasterisk.testing.TcpBridgeClient;
import io.github.vertxasterisk.testing.TestNode;
import io.vertx.core.Future;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The TCP bridge at run time: replies from clients, registrations, the messages-out meter, stalled clients. */
class TcpBridgeRuntimeTest {
  private static final String TOKEN = "t-" + UUID.randomUUID();
  private static final Duration WAIT = Duration.ofSeconds(10);

  private static TestNode suite;
  private static int port;

  @BeforeAll
  static void startNode() {
    port = TestNode.freePort();
    suite = TestNode.start(new JsonObject().put("bridge", new JsonObject()
      .put("tcp", new JsonObject().put("enabled", true).put("port", port).put("maxBlockedMs", 500))
      .put("authToken", TOKEN)
      .put("outbound", new JsonArray().add(new JsonObject().put("addressRegex", "app\\..+")))));
  }

  @AfterAll
  static void stopNode() {
    suite.close();
  }

  private static JsonObject token() {
    return new JsonObject().put("authToken", TOKEN);
  }

  /** Registers, then waits for the pong that says the register frame has been handled. */
  private static void register(TcpBridgeClient client, String address) throws Exception {
    client.write(new JsonObject().put("type", "register").put("address", address).put("headers", token()));
    client.write(new JsonObject().put("type", "ping"));
    client.await(WAIT, "pong", f -> "pong".equals(f.getString("type")));
    client.received.removeIf(f -> "pong".equals(f.getString("type")));
  }

  @Test
  void aClientCanReplyToARequestItReceived() throws Exception {
    String address = "app.pricing." + UUID.randomUUID();
    try (TcpBridgeClient client = new TcpBridgeClient(port)) {
      register(client, address);
      Future<Message<Object>> answer = suite.node.vertx().eventBus()
        .request(address, new JsonObject().put("item", "x"), new DeliveryOptions().setSendTimeout(5_000));
      JsonObject request = client.await(WAIT, "the request", f -> address.equals(f.getString("address")));
      String replyAddress = request.getString("replyAddress");
      assertThat(replyAddress).isNotNull();
      client.write(new JsonObject().put("type", "send").put("address", replyAddress).put("headers", token())
        .put("body", new JsonObject().put("price", 42)));
      assertThat(((JsonObject) Await.await(answer).body()).getInteger("price")).isEqualTo(42);
      assertThat(client.received).noneMatch(f -> "err".equals(f.getString("type")));
    }
  }

  @Test
  void aClientThatRegistersTwiceLeavesNoConsumerBehindWhenItGoes() throws Exception {
    String address = "app.news." + UUID.randomUUID();
    try (TcpBridgeClient client = new TcpBridgeClient(port)) {
      register(client, address);
      register(client, address);
    }
    Await.eventually(WAIT, "no consumer left on " + address, () -> {
      Throwable failure = Await.awaitFailure(suite.node.vertx().eventBus()
        .request(address, new JsonObject(), new DeliveryOptions().setSendTimeout(300)));
      return ((ReplyException) failure).failureType() == ReplyFailure.NO_HANDLERS;
    });
  }

  @Test
  void noTcpMessagesOutMeterThatStaysAtZeroWhileMessagesFlow() throws Exception {
    String address = "app.counted." + UUID.randomUUID();
    try (TcpBridgeClient client = new TcpBridgeClient(port)) {
      register(client, address);
      for (int i = 0; i < 3; i++) {
        suite.node.vertx().eventBus().publish(address, new JsonObject().put("n", i));
      }
      client.await(WAIT, "the third message", f -> address.equals(f.getString("address"))
        && f.getJsonObject("body").getInteger("n") == 2);
    }
    // Vert.x's TCP bridge raises no RECEIVE event: a TCP series of this meter could only ever read 0
    assertThat(suite.node.registry().find("asterisk.bridge.messages.out").tag("transport", "tcp").counter())
      .satisfiesAnyOf(c -> assertThat(c).isNull(), c -> assertThat(c.count()).isGreaterThanOrEqualTo(3));
  }

  /**
   * A client that stops reading is closed once its write buffer has stayed full for maxBlockedMs (500 ms
   * here), instead of the node buffering everything published to it until the heap is gone.
   */
  @Test
  void aClientThatStopsReadingIsClosedInsteadOfBufferedWithoutBound() throws Exception {
    String address = "app.flood." + UUID.randomUUID();
    String chunk = "x".repeat(16 * 1024);
    try (TcpBridgeClient client = new TcpBridgeClient(port)) {
      register(client, address); // and never reads again
      long flood = suite.node.vertx().setPeriodic(20, t -> {
        for (int i = 0; i < 20; i++) { // about 16 MB/s
          suite.node.vertx().eventBus().publish(address, chunk);
        }
      });
      try {
        Await.eventually(Duration.ofSeconds(20), "the stalled client closed", () -> stalledClientsClosed() >= 1);
      } finally {
        suite.node.vertx().cancelTimer(flood);
      }
      assertThat(client.readToEnd(Duration.ofSeconds(20))).as("the node closed the connection").isTrue();
    }
  }

  private static double stalledClientsClosed() {
    var closed = suite.node.registry().find("asterisk.bridge.clients.closed").tag("transport", "tcp")
      .tag("reason", "stalled").counter();
    return closed == null ? 0 : closed.count();
  }
}
