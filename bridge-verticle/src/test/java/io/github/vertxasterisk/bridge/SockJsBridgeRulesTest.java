package io.github.vertxasterisk.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.vertxasterisk.ami.api.AmiAddresses;
import io.github.vertxasterisk.sim.testing.Await;
import io.github.vertxasterisk.testing.SockJsClient;
import io.github.vertxasterisk.testing.TestNode;
import io.vertx.core.Future;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The SockJS bridge applies the same rules as the TCP bridge. Spoken here as
 * {@code @vertx/eventbus-bridge-client.js} speaks it over a WebSocket, on a plain socket: the client sends
 * a JSON array of frames, each JSON-encoded as a string; the server sends {@code o} on open, then
 * {@code a[...]} likewise.
 */
class SockJsBridgeRulesTest {
  private static final String TOKEN = "test-token-" + UUID.randomUUID();
  private static final Duration WAIT = Duration.ofSeconds(15);
  private static final AmiAddresses PBX1 = AmiAddresses.of(TestNode.PBX);

  @Test
  void anActionHeaderSpelledInAnotherCaseCannotReachAMethodPastTheRules() throws Exception {
    int port = TestNode.freePort();
    try (TestNode suite = TestNode.start(new JsonObject().put("bridge", new JsonObject()
      .put("sockjs", new JsonObject().put("enabled", true).put("port", port))
      .put("authToken", TOKEN)
      .put("services", new JsonArray().add(new JsonObject().put("address", PBX1.service())
        .put("methods", new JsonArray().add("send").add("info"))
        .put("actions", new JsonArray().add("CoreStatus"))))));
         SockJsClient client = new SockJsClient(port, WAIT)) {
      Await.eventually(WAIT, "pbx1 logged in", () -> suite.sim.ami().actionCount("Login") > 0);

      // the bus's headers ignore case: whichever spelling the rules read first, a second one must not make
      // the call another method than the one the rules passed; both orders, so the rules see "info" once
      for (JsonObject spelling : List.of(new JsonObject().put("ACTION", "send").put("action", "info"),
          new JsonObject().put("action", "info").put("ACTION", "send"))) {
        String reply = UUID.randomUUID().toString(); // vertx-web takes a reply address of up to 36 characters
        client.write(new JsonObject().put("type", "send").put("address", PBX1.service()).put("replyAddress", reply)
          .put("headers", spelling.copy().put("authToken", TOKEN))
          .put("body", new JsonObject().put("action", new JsonObject().put("Action", "Originate")
            .put("Channel", "Local/100@test").put("Application", "Wait").put("Data", "1"))));
        JsonObject answer = client.await("the answer to " + spelling.fieldNames(), f -> reply.equals(f.getString("address")));
        assertThat(answer.getInteger("failureCode")).as(answer.encode()).isEqualTo(403);
        assertThat(answer.getString("message")).as(answer.encode())
          .isEqualTo("forbidden: bridge rule services: the frame has 2 action headers (header names ignore case)");
      }
      assertThat(suite.sim.ami().actionCount("Originate")).isZero();
    }
  }

  @Test
  void aClientCannotAnswerARequestHandedToAnotherClient() throws Exception {
    // vertx-web keeps the reply addresses it handed out in one map for all its clients: any client that
    // names one (unclustered, they are numbered in sequence) could answer another client's request
    int port = TestNode.freePort();
    try (TestNode suite = TestNode.start(new JsonObject().put("bridge", new JsonObject()
      .put("sockjs", new JsonObject().put("enabled", true).put("port", port))
      .put("authToken", TOKEN)
      .put("outbound", new JsonArray().add(new JsonObject().put("address", "app.quotes")))));
         SockJsClient worker = new SockJsClient(port, WAIT);
         SockJsClient intruder = new SockJsClient(port, WAIT)) {
      JsonObject headers = new JsonObject().put("authToken", TOKEN);
      worker.write(new JsonObject().put("type", "register").put("address", "app.quotes").put("headers", headers.copy()));
      Await.eventually(WAIT, "the worker registered", () -> {
        suite.node.vertx().eventBus().publish("app.quotes", "hello");
        try {
          return worker.readAvailable();
        } catch (IOException e) {
          throw new AssertionError(e);
        }
      });
      Future<Message<Object>> request = suite.node.vertx().eventBus().request("app.quotes", "price?");
      String replyAddress = worker.await("the request", f -> f.getString("replyAddress") != null)
        .getString("replyAddress");

      intruder.write(new JsonObject().put("type", "send").put("address", replyAddress).put("headers", headers.copy())
        .put("body", "forged"));
      worker.write(new JsonObject().put("type", "send").put("address", replyAddress).put("headers", headers.copy())
        .put("body", "42"));
      assertThat(Await.await(request).body()).isEqualTo("42");
      assertThat(intruder.await("the refusal", f -> "err".equals(f.getString("type"))).getString("message"))
        .isEqualTo("forbidden: bridge rule inbound: address " + replyAddress
          + " is not the reply address of a request this client received");
    }
  }
}
