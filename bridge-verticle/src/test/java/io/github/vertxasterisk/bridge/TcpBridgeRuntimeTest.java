package io.github.vertxasterisk.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.vertxasterisk.sim.testing.Await;
import io.github.vertxasterisk.sim.testing.LogCapture;
import io.github.vertxasterisk.testing.TcpBridgeClient;
import io.github.vertxasterisk.testing.TestNode;
import io.vertx.core.Future;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.logging.LogRecord;
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
    suite = TestNode.start(TestNode.bridgeWithTokenBothWays("tcp", port, TOKEN,
      new JsonObject().put("maxBlockedMs", 500).put("maxFrameBytes", 64 * 1024).put("maxRegistrations", 5)));
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

  /** Publishes about 16 MB/s to the address until the bridge has closed one more client as stalled. */
  private static void floodUntilClosedAsStalled(String address, double closedBefore) {
    String chunk = "x".repeat(16 * 1024);
    long flood = suite.node.vertx().setPeriodic(20, t -> {
      for (int i = 0; i < 20; i++) {
        suite.node.vertx().eventBus().publish(address, chunk);
      }
    });
    try {
      Await.eventually(Duration.ofSeconds(20), "the stalled client closed",
        () -> suite.bridgeClientsClosed("tcp", "stalled") > closedBefore);
    } finally {
      suite.node.vertx().cancelTimer(flood);
    }
  }

  /**
   * A client that stops reading is closed once its write buffer has stayed full for maxBlockedMs (500 ms
   * here), instead of the node buffering everything published to it until the heap is gone.
   */
  @Test
  void aClientThatStopsReadingIsClosedInsteadOfBufferedWithoutBound() throws Exception {
    String address = "app.flood." + UUID.randomUUID();
    try (TcpBridgeClient client = new TcpBridgeClient(port)) {
      register(client, address); // and never reads again
      double closedBefore = suite.bridgeClientsClosed("tcp", "stalled"); // another test's client may be counted
      floodUntilClosedAsStalled(address, closedBefore);
      assertThat(client.readToEnd(Duration.ofSeconds(20))).as("the node closed the connection").isTrue();
    }
  }

  /**
   * The stalled client is really gone, even though it never reads again: its registration ends, so the
   * node stops writing to it. Vert.x's {@code NetSocket.close()} queues the close behind the writes that
   * the client never reads, so it never happened, and the bridge kept buffering what was published to it.
   */
  @Test
  void aStalledClientsRegistrationEndsWithoutItReadingAgain() throws Exception {
    String address = "app.flood." + UUID.randomUUID();
    try (TcpBridgeClient client = new TcpBridgeClient(port)) {
      register(client, address); // and never reads again, not even to see the close
      double closedBefore = suite.bridgeClientsClosed("tcp", "stalled");
      floodUntilClosedAsStalled(address, closedBefore);
      Await.eventually(Duration.ofSeconds(10), "no handler left for the stalled client's address", () -> {
        Future<Message<Object>> probe = suite.node.vertx().eventBus()
          .request(address, "probe", new DeliveryOptions().setSendTimeout(500));
        Throwable failure = Await.awaitFailure(probe);
        return failure instanceof ReplyException reply && reply.failureType() == ReplyFailure.NO_HANDLERS;
      });
    }
  }

  /**
   * Vert.x's TCP bridge reads {@code timeout} as a number, {@code localOnly} as a boolean and every other
   * header as text, and knows only five frame types; anything else threw inside its frame parser, which
   * then read the next frame from the middle of this one: the connection went silent for good.
   */
  @Test
  void aFrameTheBridgeCannotUseIsAnsweredWithAnErrAndTheConnectionGoesOn() throws Exception {
    String address = "app.orders." + UUID.randomUUID();
    suite.node.vertx().eventBus().consumer(address, m -> m.reply(new JsonObject().put("ok", true)));
    List<JsonObject> bad = List.of(
      new JsonObject().put("type", "send").put("address", address).put("headers", token().put("timeout", "soon")),
      new JsonObject().put("type", "send").put("address", address).put("headers", token().put("timeout", 0)),
      new JsonObject().put("type", "send").put("address", address).put("headers", token().put("timeout", Long.MAX_VALUE)),
      new JsonObject().put("type", "send").put("address", address).put("headers", token().put("timeout", 600_001)),
      new JsonObject().put("type", "send").put("address", address).put("headers", token().put("localOnly", "yes")),
      new JsonObject().put("type", "send").put("address", address).put("headers", token().putNull("priority")),
      new JsonObject().put("type", "send").put("address", address).put("headers", token().put("codecName", "nosuch")),
      new JsonObject().put("type", "send").put("address", address).put("headers", "not an object"),
      new JsonObject().put("type", 42).put("address", address).put("headers", token()),
      new JsonObject().put("address", address).put("headers", token()),
      new JsonObject().put("type", "message").put("address", address).put("headers", token()));
    try (TcpBridgeClient client = new TcpBridgeClient(port)) {
      for (JsonObject frame : bad) {
        String reply = "r-" + UUID.randomUUID();
        client.write(frame.copy().put("replyAddress", reply).put("body", new JsonObject()));
        JsonObject err = client.await(WAIT, "an err for " + frame.encode(), f -> "err".equals(f.getString("type")));
        assertThat(err.getString("message")).as(frame.encode()).startsWith("bad-request: ");
        client.received.clear();
      }
      String reply = "r-" + UUID.randomUUID();
      // a number is a good header value: Vert.x sends it as text; ten minutes is the longest timeout
      client.write(new JsonObject().put("type", "send").put("address", address).put("replyAddress", reply)
        .put("headers", token().put("priority", 1).put("timeout", 600_000)).put("body", new JsonObject()));
      assertThat(client.await(WAIT, "the reply to a good frame after the bad ones", f -> reply.equals(f.getString("address")))
        .getJsonObject("body").getBoolean("ok")).isTrue();
    }
  }

  /** Every refused frame is answered and counted, but only the first 10 of a connection reach the log. */
  @Test
  void refusedFramesAreAllAnsweredButOnlyTheFirstTenLogged() throws Exception {
    List<LogRecord> logged;
    try (LogCapture log = LogCapture.of("io.github.vertxasterisk.bridge.impl.TcpFrameGate")) {
      logged = log.records;
      try (TcpBridgeClient client = new TcpBridgeClient(port)) {
        for (int i = 0; i < 25; i++) {
          client.write(new JsonObject().put("type", "message").put("replyAddress", "r-" + i).put("headers", token()));
        }
        for (int i = 0; i < 25; i++) {
          String reply = "r-" + i;
          client.await(WAIT, "the err for frame " + i, f -> "err".equals(f.getString("type")) && reply.equals(f.getString("address")));
        }
      }
    }
    assertThat(logged).hasSize(10);
    assertThat(logged.get(9).getMessage()).endsWith("(further refusals on this connection are only counted)");
  }

  /** A length prefix over maxFrameBytes is answered and the connection closed, before any of it is buffered. */
  @Test
  void aFrameOverTheSizeLimitIsRefusedAndTheConnectionClosed() throws Exception {
    try (TcpBridgeClient client = new TcpBridgeClient(port)) {
      client.writeRaw(java.nio.ByteBuffer.allocate(4 + 1024).putInt(100_000_000).array()); // 100 MB announced
      JsonObject err = client.await(WAIT, "an err", f -> "err".equals(f.getString("type")));
      assertThat(err.getInteger("failureCode")).isEqualTo(400);
      assertThat(err.getString("message"))
        .isEqualTo("bad-request: a frame of 100000000 bytes is over bridge.tcp.maxFrameBytes (65536): closing the connection");
      assertThat(client.readToEnd(WAIT)).as("the node closed the connection").isTrue();
    }
  }

  /** At most maxRegistrations addresses per client (5 here): one more is refused, as on SockJS. */
  @Test
  void registrationsPerClientAreBounded() throws Exception {
    String prefix = "app.many." + UUID.randomUUID() + ".";
    try (TcpBridgeClient client = new TcpBridgeClient(port)) {
      for (int i = 0; i < 5; i++) {
        register(client, prefix + i);
      }
      assertThat(client.received).noneMatch(f -> "err".equals(f.getString("type")));
      client.write(new JsonObject().put("type", "register").put("address", prefix + 5).put("headers", token()));
      JsonObject err = client.await(WAIT, "the refusal", f -> "err".equals(f.getString("type")));
      assertThat(err.getString("message")).isEqualTo("forbidden: bridge rule register: this client has 5 registrations,"
        + " the most bridge.tcp.maxRegistrations allows; unregister one first");
      JsonObject vertxErr = client.await(WAIT, "Vert.x's own err", f -> "err".equals(f.getString("type")) && f != err);
      assertThat(vertxErr).as("documented in docs/bridge.md")
        .isEqualTo(new JsonObject().put("type", "err").put("message", "blocked by bridgeEvent handler"));
      client.write(new JsonObject().put("type", "ping"));
      client.await(WAIT, "pong", f -> "pong".equals(f.getString("type")));
      client.received.clear();
      client.write(new JsonObject().put("type", "unregister").put("address", prefix + 0).put("headers", token()));
      register(client, prefix + 5);
      assertThat(client.received).noneMatch(f -> "err".equals(f.getString("type")));
    }
  }

  /** A client's {@code timeout} header bounds its request, as on the bus (default 30 s). */
  @Test
  void aClientSetTimeoutIsHonoured() throws Exception {
    String address = "app.silent." + UUID.randomUUID();
    suite.node.vertx().eventBus().consumer(address, m -> { }); // never answers
    try (TcpBridgeClient client = new TcpBridgeClient(port)) {
      String reply = "r-" + UUID.randomUUID();
      client.write(new JsonObject().put("type", "send").put("address", address).put("replyAddress", reply)
        .put("headers", token().put("timeout", 200)).put("body", new JsonObject()));
      JsonObject err = client.await(WAIT, "the timeout", f -> reply.equals(f.getString("address")));
      assertThat(err.getString("type")).isEqualTo("err");
      assertThat(err.getString("failureType")).isEqualTo("TIMEOUT");
    }
  }
}
