package io.github.vertxasterisk.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.vertxasterisk.sim.testing.Await;
import io.github.vertxasterisk.testing.TcpBridgeClient;
import io.github.vertxasterisk.testing.TestNode;
import io.vertx.core.Future;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Vert.x's TCP bridge keeps every request it hands a client until the client answers it, for as long as
 * the client stays: one that never answers (a Stasis handler that does not acknowledge) made the node
 * hold every request it was ever sent. The bridge answers in its place after {@code replyTimeoutMs}, and
 * closes a client whose unanswered requests hold more than {@code maxUnansweredBytes}.
 */
class TcpBridgeUnansweredRequestsTest {
  private static final String TOKEN = "test-token-" + UUID.randomUUID();
  private static final Duration WAIT = Duration.ofSeconds(15);

  private static TestNode start(int port, JsonObject tcp) {
    JsonArray app = new JsonArray().add(new JsonObject().put("addressRegex", "app\\..+"));
    return TestNode.start(new JsonObject().put("bridge", new JsonObject()
      .put("tcp", tcp.put("enabled", true).put("port", port))
      .put("authToken", TOKEN).put("inbound", app).put("outbound", app.copy())));
  }

  private static void register(TcpBridgeClient client, String address) throws Exception {
    client.write(new JsonObject().put("type", "register").put("address", address)
      .put("headers", new JsonObject().put("authToken", TOKEN)));
    client.write(new JsonObject().put("type", "ping"));
    client.await(WAIT, "pong after register", f -> "pong".equals(f.getString("type")));
  }

  @Test
  void aRequestLeftUnansweredIsFailedForTheClientAfterReplyTimeoutMs() throws Exception {
    int port = TestNode.freePort();
    String address = "app.stasis." + UUID.randomUUID();
    try (TestNode suite = start(port, new JsonObject().put("replyTimeoutMs", 1_500));
         TcpBridgeClient client = new TcpBridgeClient(port)) {
      register(client, address);
      Future<Message<Object>> ignored = suite.node.vertx().eventBus().request(address, new JsonObject().put("call", 1),
        new DeliveryOptions().setSendTimeout(10_000));
      client.await(WAIT, "the request", f -> address.equals(f.getString("address")));

      Throwable failure = Await.awaitFailure(ignored);
      assertThat(failure).isInstanceOf(ReplyException.class);
      assertThat(((ReplyException) failure).failureCode()).isEqualTo(504);
      assertThat(failure.getMessage()).isEqualTo("timeout: the bridge client did not answer within 1500 ms (bridge.tcp.replyTimeoutMs)");
      assertThat(sendFramesCounted(suite)).as("the gate's answer counted as the client's send").isZero();

      // the connection goes on, and a request the client answers in time is answered as usual
      Future<Message<Object>> answered = suite.node.vertx().eventBus().request(address, new JsonObject().put("call", 2),
        new DeliveryOptions().setSendTimeout(10_000));
      String replyAddress = client.await(WAIT, "the second request", f -> address.equals(f.getString("address"))
        && f.getJsonObject("body").getInteger("call") == 2).getString("replyAddress");
      client.write(new JsonObject().put("type", "send").put("address", replyAddress)
        .put("headers", new JsonObject().put("authToken", TOKEN)).put("body", "ack"));
      assertThat(Await.await(answered).body()).isEqualTo("ack");
    }
  }

  @Test
  void aClientWhoseUnansweredRequestsHoldTooMuchIsClosed() throws Exception {
    int port = TestNode.freePort();
    String address = "app.work." + UUID.randomUUID();
    try (TestNode suite = start(port, new JsonObject().put("maxUnansweredBytes", 64 * 1024));
         TcpBridgeClient client = new TcpBridgeClient(port)) {
      register(client, address);
      String chunk = "x".repeat(20 * 1024);
      for (int i = 0; i < 4; i++) {
        suite.node.vertx().eventBus().request(address, chunk, new DeliveryOptions().setSendTimeout(10_000));
      }
      JsonObject err = client.await(WAIT, "the closing err", f -> "err".equals(f.getString("type")));
      assertThat(err.getInteger("failureCode")).isEqualTo(529);
      assertThat(err.getString("message")).isEqualTo("overloaded: the requests this client has not answered hold more"
        + " than 65536 bytes, the most bridge.tcp.maxUnansweredBytes allows: closing the connection");
      assertThat(client.readToEnd(WAIT)).as("closed by the node").isTrue();
      assertThat(suite.bridgeClientsClosed("tcp", "unanswered")).isEqualTo(1);
    }
  }

  private static double sendFramesCounted(TestNode suite) {
    var counter = suite.node.registry().find("asterisk.bridge.frames.in").tag("transport", "tcp").tag("type", "send").counter();
    return counter == null ? 0 : counter.count();
  }

  @Test
  void anAnswerTheRulesRefuseAnswersNothingAndTheDeadlineStillHolds() throws Exception {
    int port = TestNode.freePort();
    String address = "app.stasis." + UUID.randomUUID();
    try (TestNode suite = start(port, new JsonObject().put("replyTimeoutMs", 300));
         TcpBridgeClient client = new TcpBridgeClient(port)) {
      register(client, address);
      Future<Message<Object>> request = suite.node.vertx().eventBus().request(address, "call",
        new DeliveryOptions().setSendTimeout(10_000));
      String replyAddress = client.await(WAIT, "the request", f -> address.equals(f.getString("address")))
        .getString("replyAddress");
      client.write(new JsonObject().put("type", "send").put("address", replyAddress)
        .put("headers", new JsonObject().put("authToken", "wrong")).put("body", "ack"));
      Throwable failure = Await.awaitFailure(request);
      assertThat(((ReplyException) failure).failureCode()).as(String.valueOf(failure)).isEqualTo(504);
    }
  }

  @Test
  void aPublishedMessageWhoseBodyNamesAReplyAddressIsNoRequest() throws Exception {
    // only the frame's own field counts: a body's would have had the node send, as this client, to
    // whatever address it named
    int port = TestNode.freePort();
    String address = "app.events." + UUID.randomUUID();
    try (TestNode suite = start(port, new JsonObject().put("replyTimeoutMs", 200).put("maxUnansweredBytes", 64 * 1024));
         TcpBridgeClient client = new TcpBridgeClient(port)) {
      List<Object> victim = new CopyOnWriteArrayList<>();
      Await.await(suite.node.vertx().eventBus().consumer("app.victim", m -> victim.add(m.body())).completion());
      register(client, address);
      for (int i = 0; i < 4; i++) { // 80 KB of them: over maxUnansweredBytes, had they counted
        suite.node.vertx().eventBus().publish(address, new JsonObject().put("Event", "UserEvent")
          .put("replyAddress", "app.victim").put("pad", "x".repeat(20 * 1024)));
      }
      // a real request left unanswered: once it is failed, a sweep has passed over the events too
      Future<Message<Object>> request = suite.node.vertx().eventBus().request(address, "call",
        new DeliveryOptions().setSendTimeout(10_000));
      assertThat(((ReplyException) Await.awaitFailure(request)).failureCode()).isEqualTo(504);
      assertThat(victim).as("messages sent to app.victim in the client's name").isEmpty();
      assertThat(suite.bridgeClientsClosed("tcp", "unanswered")).isZero();
      client.write(new JsonObject().put("type", "ping"));
      client.await(WAIT, "pong: still connected", f -> "pong".equals(f.getString("type")));
    }
  }

  @Test
  void aClientThatLeftIsNotAnsweredFor() throws Exception {
    int port = TestNode.freePort();
    String address = "app.stasis." + UUID.randomUUID();
    // the gate's 2 s leave the node time to see the client leave before it would answer 504 in its place;
    // the requester's own 3 s tell the two outcomes apart
    try (TestNode suite = start(port, new JsonObject().put("replyTimeoutMs", 2_000))) {
      Future<Message<Object>> request;
      try (TcpBridgeClient client = new TcpBridgeClient(port)) {
        register(client, address);
        request = suite.node.vertx().eventBus().request(address, "call", new DeliveryOptions().setSendTimeout(3_000));
        client.await(WAIT, "the request", f -> address.equals(f.getString("address")));
      }
      Throwable failure = Await.awaitFailure(request);
      assertThat(((ReplyException) failure).failureCode()).as("the requester's own timeout: " + failure).isEqualTo(-1);
      assertThat(sendFramesCounted(suite)).as("send frames counted for a client that sent none").isZero();
    }
  }

  @Test
  void aReplyTimeoutTooLargeForNanosecondsMeansNever() throws Exception {
    int port = TestNode.freePort();
    String address = "app.stasis." + UUID.randomUUID();
    try (TestNode suite = start(port, new JsonObject().put("replyTimeoutMs", 10_000_000_000_000L));
         TcpBridgeClient client = new TcpBridgeClient(port)) {
      register(client, address);
      Future<Message<Object>> request = suite.node.vertx().eventBus().request(address, "call",
        new DeliveryOptions().setSendTimeout(3_000));
      client.await(WAIT, "the request", f -> address.equals(f.getString("address")));
      Throwable failure = Await.awaitFailure(request);
      assertThat(((ReplyException) failure).failureCode()).as("the requester's own timeout: " + failure).isEqualTo(-1);
    }
  }

  @Test
  void withoutAnAuthTokenTheDeadlineHoldsToo() throws Exception {
    int port = TestNode.freePort();
    String address = "app.stasis." + UUID.randomUUID();
    JsonArray app = new JsonArray().add(new JsonObject().put("addressRegex", "app\\..+"));
    try (TestNode suite = TestNode.start(new JsonObject().put("bridge", new JsonObject()
           .put("tcp", new JsonObject().put("enabled", true).put("port", port).put("replyTimeoutMs", 300))
           .put("inbound", app).put("outbound", app.copy())));
         TcpBridgeClient client = new TcpBridgeClient(port)) {
      client.write(new JsonObject().put("type", "register").put("address", address));
      client.write(new JsonObject().put("type", "ping"));
      client.await(WAIT, "pong", f -> "pong".equals(f.getString("type")));
      Future<Message<Object>> request = suite.node.vertx().eventBus().request(address, "call",
        new DeliveryOptions().setSendTimeout(10_000));
      client.await(WAIT, "the request", f -> address.equals(f.getString("address")));
      assertThat(((ReplyException) Await.awaitFailure(request)).failureCode()).isEqualTo(504);
    }
  }
}
