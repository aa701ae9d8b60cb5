package io.github.vertxasterisk.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.vertxasterisk.sim.testing.LogCapture;
import io.github.vertxasterisk.testing.TcpBridgeClient;
import io.github.vertxasterisk.testing.TestNode;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.logging.LogRecord;
import java.util.logging.SimpleFormatter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Frames Vert.x's TCP bridge would mishandle, and fields a client makes as long as a frame: each is
 * refused with a bounded answer and a bounded, single-line log record, and the connection goes on.
 */
class TcpBridgeHostileFramesTest {
  private static final String TOKEN = "test-token-" + UUID.randomUUID();
  private static final Duration WAIT = Duration.ofSeconds(15);
  private static final List<String> GATE_LOGGERS = List.of(
    "io.github.vertxasterisk.bridge.impl.BridgeGuard", "io.github.vertxasterisk.bridge.impl.TcpFrameGate");

  private static TestNode suite;
  private static int port;
  private TcpBridgeClient client;

  @BeforeAll
  static void startNode() {
    port = TestNode.freePort();
    JsonArray app = new JsonArray().add(new JsonObject().put("addressRegex", "app\\..+"));
    suite = TestNode.start(new JsonObject().put("bridge", new JsonObject()
      .put("tcp", new JsonObject().put("enabled", true).put("port", port))
      .put("authToken", TOKEN).put("inbound", app).put("outbound", app.copy())));
  }

  @AfterAll
  static void stopNode() {
    suite.close();
  }

  @BeforeEach
  void connect() throws Exception {
    client = new TcpBridgeClient(port);
  }

  @AfterEach
  void disconnect() throws Exception {
    client.close();
  }

  private static JsonObject token() {
    return new JsonObject().put("authToken", TOKEN);
  }

  private void awaitPong(String after) throws Exception {
    client.write(new JsonObject().put("type", "ping"));
    client.await(WAIT, "pong after " + after, f -> "pong".equals(f.getString("type")));
    client.received.removeIf(f -> "pong".equals(f.getString("type")));
  }

  @Test
  void anAnswerWhoseFailureCodeIsNotANumberIsRefusedAndTheConnectionGoesOn() throws Exception {
    // Vert.x's bridge read it with getInteger, threw inside its parser, then took JSON text for the
    // next frame's length and buffered without bound
    client.write(new JsonObject().put("type", "register").put("address", "app.q").put("headers", token()));
    awaitPong("register");
    client.write(new JsonObject().put("type", "send").put("address", "app.q").put("replyAddress", "mine")
      .put("headers", token()).put("body", "hi"));
    String replyAddress = client.await(WAIT, "the request", f -> "app.q".equals(f.getString("address")))
      .getString("replyAddress");

    client.write(new JsonObject().put("type", "send").put("address", replyAddress).put("headers", token())
      .put("failureCode", "oops").put("message", "x"));
    JsonObject err = client.await(WAIT, "refusal", f -> "err".equals(f.getString("type")));
    assertThat(err.getInteger("failureCode")).isEqualTo(400);
    assertThat(err.getString("message")).isEqualTo("bad-request: failureCode must be a whole number");

    client.write(new JsonObject().put("type", "send").put("address", replyAddress).put("headers", token())
      .put("failureCode", 42).put("message", "no stock"));
    JsonObject failure = client.await(WAIT, "the requester's failure", f -> "mine".equals(f.getString("address")));
    assertThat(failure.getInteger("failureCode")).isEqualTo(42);
    assertThat(failure.getString("message")).isEqualTo("no stock");
  }

  @Test
  void addressesLongerThanSockJsAllowsAreRefusedBeforeTheBridgeKeepsThem() throws Exception {
    String longest = "app." + "a".repeat(196);
    client.write(new JsonObject().put("type", "register").put("address", longest).put("headers", token()));
    client.write(new JsonObject().put("type", "register").put("address", longest + "b").put("headers", token()));
    JsonObject err = client.await(WAIT, "refusal", f -> "err".equals(f.getString("type")));
    assertThat(err.getString("message")).isEqualTo("bad-request: address must be at most 200 characters");
    assertThat(err.getString("address")).isNull();

    client.write(new JsonObject().put("type", "send").put("address", longest).put("headers", token()).put("body", 1));
    assertThat(client.await(WAIT, "a message on the 200-character address", f -> "message".equals(f.getString("type")))
      .getString("address")).isEqualTo(longest);
  }

  @Test
  void aClientWithoutTheTokenGetsShortAnswersAndShortSingleLineLogRecords() throws Exception {
    String longAddress = "app." + "A".repeat(400_000); // twice in a frame: under maxFrameBytes
    String forged = "app.x\n16:00:00.000 SEVERE  io.github.vertxasterisk.bridge.impl.TcpClients: FORGED";
    try (LogCapture guard = LogCapture.of(GATE_LOGGERS.get(0)); LogCapture gate = LogCapture.of(GATE_LOGGERS.get(1))) {
      for (int i = 0; i < 5; i++) {
        client.write(new JsonObject().put("type", "send").put("address", longAddress).put("replyAddress", longAddress)
          .put("body", i));
        client.write(new JsonObject().put("type", "x".repeat(500_000)));
      }
      client.write(new JsonObject().put("type", "send").put("address", forged).put("body", 1));
      awaitPong("the refused frames");

      // eleven refusals, and Vert.x's own bare err frame after the one its bridge event handler refused
      assertThat(client.received).hasSize(12).allSatisfy(err -> {
        assertThat(err.getString("type")).isEqualTo("err");
        assertThat(err.encode().length()).as("an err frame's size").isLessThan(1000);
      });
      SimpleFormatter format = new SimpleFormatter();
      List<LogRecord> records = new java.util.ArrayList<>(guard.records);
      records.addAll(gate.records);
      assertThat(records).hasSize(11).allSatisfy(r -> {
        String line = format.format(r);
        assertThat(line.length()).as("a log record's size").isLessThan(1000);
        assertThat(line.strip()).as("a log record").doesNotContain("\n");
      });
      assertThat(records.stream().map(format::format)).anyMatch(l -> l.contains("app.x\\x0a16:00:00.000 SEVERE"));
    }
  }
}
