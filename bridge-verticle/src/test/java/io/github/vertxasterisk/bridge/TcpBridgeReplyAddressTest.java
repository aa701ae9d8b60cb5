package io.github.vertxasterisk.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.vertxasterisk.sim.testing.Await;
import io.github.vertxasterisk.testing.TcpBridgeClient;
import io.github.vertxasterisk.testing.TestNode;
import io.vertx.core.Future;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A reply address ({@code __vertx.reply.*}) belongs to the request that made it: only the client handed it
 * may answer, once. Broad rules ({@code ".*"}: any address but the services) must not open another client's
 * reply address to a register (it would take a share of the replies), a publish or a send (a forged answer).
 * On an unclustered node reply addresses are numbered in sequence: easy to guess.
 */
class TcpBridgeReplyAddressTest {
  private static final String TOKEN = "test-token-" + UUID.randomUUID();
  private static final Duration WAIT = Duration.ofSeconds(15);

  @Test
  void broadRulesDoNotOpenAnotherClientsReplyAddress() throws Exception {
    int port = TestNode.freePort();
    JsonArray anyAddress = new JsonArray().add(new JsonObject().put("addressRegex", ".*"));
    try (TestNode suite = TestNode.start(new JsonObject().put("bridge", new JsonObject()
      .put("tcp", new JsonObject().put("enabled", true).put("port", port))
      .put("authToken", TOKEN).put("inbound", anyAddress).put("outbound", anyAddress.copy())));
         TcpBridgeClient worker = new TcpBridgeClient(port);
         TcpBridgeClient intruder = new TcpBridgeClient(port)) {
      worker.write(new JsonObject().put("type", "register").put("address", "app.quotes").put("headers", token()));
      worker.write(new JsonObject().put("type", "ping"));
      worker.await(WAIT, "pong after register", f -> "pong".equals(f.getString("type")));
      Future<Message<Object>> request = suite.node.vertx().eventBus()
        .request("app.quotes", "price?", new DeliveryOptions().setSendTimeout(WAIT.toMillis()));
      String replyAddress = worker.await(WAIT, "the request", f -> "app.quotes".equals(f.getString("address")))
        .getString("replyAddress");

      intruder.write(new JsonObject().put("type", "register").put("address", replyAddress).put("headers", token()));
      assertThat(intruder.await(WAIT, "the register refused", f -> "err".equals(f.getString("type"))).getString("message"))
        .startsWith("forbidden: bridge rule outbound: register on reply address " + replyAddress);
      intruder.write(new JsonObject().put("type", "publish").put("address", replyAddress).put("headers", token())
        .put("body", "forged"));
      intruder.write(new JsonObject().put("type", "send").put("address", replyAddress).put("headers", token())
        .put("body", "forged"));
      intruder.write(new JsonObject().put("type", "ping"));
      intruder.await(WAIT, "pong", f -> "pong".equals(f.getString("type")));
      assertThat(intruder.received).filteredOn(f -> "err".equals(f.getString("type")))
        .extracting(f -> f.getString("message"))
        .anyMatch(m -> m.startsWith("forbidden: bridge rule inbound: publish to reply address " + replyAddress))
        .contains("access_denied"); // the send: Vert.x's own answer, as it is not this client's reply address

      worker.write(new JsonObject().put("type", "send").put("address", replyAddress).put("headers", token()).put("body", "42"));
      assertThat(Await.await(request).body()).isEqualTo("42");
    }
  }

  private static JsonObject token() {
    return new JsonObject().put("authToken", TOKEN);
  }
}
