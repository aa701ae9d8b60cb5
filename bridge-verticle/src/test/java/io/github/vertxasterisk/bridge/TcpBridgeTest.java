package io.github.vertxasterisk.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.vertxasterisk.sim.testing.Await;
import io.github.vertxasterisk.ami.api.AmiAddresses;
import io.github.vertxasterisk.bridge.impl.BridgeGuard;
import io.github.vertxasterisk.sim.testing.LogCapture;
import io.github.vertxasterisk.testing.TcpBridgeClient;
import io.github.vertxasterisk.testing.TestNode;
import io.vertx.core.MultiMap;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The TCP bridge, driven by a raw-frame client against a node with the simulated PBX: permitted calls
 * work, everything else is refused with an {@code err} frame naming the rule, and a refused action
 * never reaches Asterisk.
 */
class TcpBridgeTest {
  private static final String TOKEN = "test-token-" + UUID.randomUUID();
  private static final Duration WAIT = Duration.ofSeconds(15);
  private static final AmiAddresses PBX1 = AmiAddresses.of(TestNode.PBX);

  private static TestNode suite;
  private static int port;
  private TcpBridgeClient client;

  @BeforeAll
  static void startNode() {
    port = TestNode.freePort();
    suite = TestNode.start(new JsonObject().put("bridge", new JsonObject()
      .put("tcp", new JsonObject().put("enabled", true).put("port", port))
      .put("authToken", TOKEN)
      .put("inbound", new JsonArray().add(new JsonObject().put("address", "app.orders")))
      .put("outbound", new JsonArray().add(new JsonObject().put("addressRegex", "asterisk\\.ami\\.pbx1\\.event\\..+")))
      .put("services", new JsonArray().add(new JsonObject().put("address", PBX1.service())
        .put("methods", new JsonArray().add("send").add("info").add("originate"))
        .put("actions", new JsonArray().add("CoreStatus").add("Ping"))))));
    Await.eventually(WAIT, "pbx1 connected", () -> suite.sim.ami().actionCount("Login") > 0
      && Await.await(suite.node.vertx().eventBus().<JsonObject>request(PBX1.service(), new JsonObject(),
        new io.vertx.core.eventbus.DeliveryOptions().addHeader("action", "info"))).body().getString("state").equals("connected"));
  }

  @AfterAll
  static void stopNode() {
    suite.close();
  }

  @BeforeEach
  void connect() throws Exception {
    client = new TcpBridgeClient(port);
  }

  @org.junit.jupiter.api.AfterEach
  void disconnect() throws Exception {
    client.close();
  }

  private JsonObject call(String method, JsonObject body, String token) throws Exception {
    String reply = "reply-" + UUID.randomUUID();
    JsonObject headers = new JsonObject().put("action", method);
    if (token != null) {
      headers.put("authToken", token);
    }
    client.write(new JsonObject().put("type", "send").put("address", PBX1.service()).put("headers", headers)
      .put("body", body).put("replyAddress", reply));
    return client.await(WAIT, "reply to " + method, f -> reply.equals(f.getString("address")));
  }

  /** What reached the simulated Asterisk, leaving out the AMI verticle's own keepalive Pings. */
  private static long actionsButKeepalive() {
    return suite.sim.ami().actionCount() - suite.sim.ami().actionCount("Ping");
  }

  @Test
  void aPermittedActionIsAnsweredByAsterisk() throws Exception {
    JsonObject reply = call("send", new JsonObject().put("action", new JsonObject().put("Action", "CoreStatus")), TOKEN);
    assertThat(reply.getString("type")).isEqualTo("message");
    assertThat(reply.getJsonObject("body").getString("Response")).isEqualTo("Success");
    assertThat(reply.getJsonObject("body").containsKey("CoreCurrentCalls")).isTrue();
  }

  @Test
  void aForbiddenActionIsRefusedWithTheRuleAndNeverReachesAsterisk() throws Exception {
    long before = actionsButKeepalive();
    long originatesBefore = suite.sim.ami().actionCount("Originate");
    JsonObject originate = new JsonObject().put("Action", "Originate").put("Channel", "Local/100@test")
      .put("Application", "Wait").put("Data", "1");
    JsonObject refused = call("send", new JsonObject().put("action", originate), TOKEN);
    assertThat(refused.getString("type")).isEqualTo("err");
    assertThat(refused.getInteger("failureCode")).isEqualTo(403);
    assertThat(refused.getString("message"))
      .isEqualTo("forbidden: bridge rule services.actions: AMI action Originate is not permitted on asterisk.ami.pbx1");

    // AMI header names ignore case: a second, lower-case "action" must not smuggle an Originate in
    JsonObject smuggled = call("send", new JsonObject().put("action", new JsonObject()
      .put("action", "Originate").put("Action", "Ping").put("Channel", "Local/100@test")), TOKEN);
    assertThat(smuggled.getString("message")).contains("services.actions").contains("Originate");

    JsonObject command = call("command", new JsonObject().put("command", "core stop now"), TOKEN);
    assertThat(command.getString("message"))
      .isEqualTo("forbidden: bridge rule services.methods: method command is not permitted on asterisk.ami.pbx1");

    // a sure-to-pass action afterwards shows the connection works and nothing refused went out
    call("send", new JsonObject().put("action", new JsonObject().put("Action", "CoreStatus")), TOKEN);
    assertThat(actionsButKeepalive()).isEqualTo(before + 1);
    assertThat(suite.sim.ami().actionCount("Originate")).isEqualTo(originatesBefore);
  }

  @Test
  void anActionHeaderSpelledInAnotherCaseCannotReachAMethodPastTheRules() throws Exception {
    // the bus's headers ignore case, and the service reads the method from headers().get("action"):
    // with "info" shown to the rules, a second spelling must not make the call a send of an Originate
    long originatesBefore = suite.sim.ami().actionCount("Originate");
    JsonObject originate = new JsonObject().put("action", new JsonObject().put("Action", "Originate")
      .put("Channel", "Local/100@test").put("Application", "Wait").put("Data", "1"));
    List<JsonObject> spellings = List.of(
      new JsonObject().put("ACTION", "send").put("action", "info"),
      new JsonObject().put("action", "info").put("Action", "send"));
    for (JsonObject headers : spellings) {
      String reply = "reply-" + UUID.randomUUID();
      client.write(new JsonObject().put("type", "send").put("address", PBX1.service())
        .put("headers", headers.put("authToken", TOKEN)).put("body", originate).put("replyAddress", reply));
      JsonObject answer = client.await(WAIT, "answer to " + headers.fieldNames(), f -> reply.equals(f.getString("address")));
      assertThat(answer.getInteger("failureCode")).as(answer.encode()).isEqualTo(403);
      assertThat(answer.getString("message")).contains("bridge rule services");
    }
    // a sure-to-pass action afterwards: everything before it has been handled
    call("send", new JsonObject().put("action", new JsonObject().put("Action", "CoreStatus")), TOKEN);
    assertThat(suite.sim.ami().actionCount("Originate")).isEqualTo(originatesBefore);
  }

  @Test
  void withoutTheTokenNothingPasses() throws Exception {
    long before = actionsButKeepalive();
    JsonObject noToken = call("send", new JsonObject().put("action", new JsonObject().put("Action", "CoreStatus")), null);
    assertThat(noToken.getString("message")).isEqualTo("forbidden: bridge rule authToken: missing or wrong authToken header");
    JsonObject wrong = call("info", new JsonObject(), "guess");
    assertThat(wrong.getString("message")).contains("authToken");
    client.write(new JsonObject().put("type", "register").put("address", PBX1.event("Hangup")));
    JsonObject register = client.await(WAIT, "register refusal",
      f -> "err".equals(f.getString("type")) && PBX1.event("Hangup").equals(f.getString("address")));
    assertThat(register.getString("message")).contains("authToken");
    assertThat(actionsButKeepalive()).isEqualTo(before);
  }

  /** docs: the token "is removed from the frame before the frame goes anywhere": a consumer never sees it. */
  @Test
  void theTokenIsRemovedBeforeTheFrameReachesTheBus() throws Exception {
    CompletableFuture<MultiMap> received = new CompletableFuture<>();
    MessageConsumer<Object> consumer = suite.node.vertx().eventBus()
      .consumer("app.orders", m -> received.complete(m.headers()));
    Await.await(consumer.completion());
    try {
      client.write(new JsonObject().put("type", "send").put("address", "app.orders")
        .put("headers", new JsonObject().put("authToken", TOKEN).put("x-order", "7")).put("body", new JsonObject()));
      MultiMap headers = received.get(WAIT.toSeconds(), TimeUnit.SECONDS);
      assertThat(headers.get("x-order")).as("the frame's other headers are passed").isEqualTo("7");
      assertThat(headers.names()).as("headers a consumer of app.orders got").noneMatch(n -> n.equalsIgnoreCase("authToken"));
    } finally {
      Await.await(consumer.unregister());
    }
  }

  @Test
  void aClientWithoutTheTokenCannotFloodTheLog() throws Exception {
    // every refused frame was logged with the address it named, however many a client sent and however long
    try (LogCapture log = LogCapture.of(BridgeGuard.class.getName())) {
      String address = "app.orders." + "x".repeat(180); // as long as an address may be
      for (int i = 0; i < 100; i++) {
        client.write(new JsonObject().put("type", "send").put("address", address).put("body", i));
      }
      client.write(new JsonObject().put("type", "ping"));
      client.await(WAIT, "pong after the refused frames", f -> "pong".equals(f.getString("type")));
      assertThat(client.received.stream().filter(f -> "err".equals(f.getString("type"))
        && f.getString("message").contains("bridge rule authToken"))).hasSize(100);
      assertThat(log.records).as("log records of one connection's refusals").hasSizeLessThanOrEqualTo(10);
    }
  }

  @Test
  void addressesOutsideTheRulesAreRefused() throws Exception {
    JsonObject headers = new JsonObject().put("authToken", TOKEN);
    client.write(new JsonObject().put("type", "register").put("address", PBX1.status()).put("headers", headers));
    assertThat(client.await(WAIT, "register refusal", f -> "err".equals(f.getString("type"))).getString("message"))
      .isEqualTo("forbidden: bridge rule outbound: address asterisk.ami.pbx1.status is not permitted for register");

    // a client must not fake Asterisk events for everyone else
    String reply = "r-" + UUID.randomUUID();
    client.write(new JsonObject().put("type", "send").put("address", PBX1.event("Hangup")).put("headers", headers.copy())
      .put("body", new JsonObject().put("Event", "Hangup")).put("replyAddress", reply));
    assertThat(client.await(WAIT, "send refusal", f -> reply.equals(f.getString("address"))).getString("message"))
      .isEqualTo("forbidden: bridge rule inbound: address asterisk.ami.pbx1.event.Hangup is not permitted for send");

    // a service address is never reachable through a plain inbound rule, nor by publish
    client.write(new JsonObject().put("type", "publish").put("address", PBX1.service())
      .put("headers", headers.copy().put("action", "send"))
      .put("body", new JsonObject().put("action", new JsonObject().put("Action", "Ping"))));
    assertThat(client.await(WAIT, "publish refusal", f -> "err".equals(f.getString("type"))
      && f.getString("message").contains("publish to service address")).getInteger("failureCode")).isEqualTo(403);
  }

  @Test
  void eventsOfAPermittedAddressReachTheClient() throws Exception {
    client.write(new JsonObject().put("type", "register").put("address", PBX1.event("Hangup"))
      .put("headers", new JsonObject().put("authToken", TOKEN)));
    client.write(new JsonObject().put("type", "ping"));
    client.await(WAIT, "pong after register", f -> "pong".equals(f.getString("type")));
    JsonObject answer = call("originate", new JsonObject().put("request", new JsonObject()
      .put("Channel", "Local/100@test").put("Application", "Wait").put("Data", "1").put("Async", "true")), TOKEN);
    assertThat(answer.getJsonObject("body").getString("Event")).isEqualTo("OriginateResponse");
    JsonObject hangup = client.await(WAIT, "a Hangup event", f -> PBX1.event("Hangup").equals(f.getString("address")));
    assertThat(hangup.getJsonObject("body").getString("Event")).isEqualTo("Hangup");
    assertThat(hangup.getJsonObject("body").getJsonObject("_meta").getString("pbx")).isEqualTo("pbx1");
    assertThat(List.of(hangup.getJsonObject("body").getString("Channel"))).allMatch(c -> c.startsWith("Local/100@test"));
  }
}
