package io.github.vertxasterisk.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.vertxasterisk.testing.TcpBridgeClient;
import io.github.vertxasterisk.testing.TestNode;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * On a TCP bridge with an {@code authToken}, clients that have not shown it cannot hold the places of those
 * that have: each is closed after {@code authTimeoutMs} (as Asterisk's {@code manager.conf}
 * {@code authtimeout} does for AMI), and at most {@code maxUnauthenticated} of them are connected at a time:
 * a new one closes the one that has waited longest. A client counts as authenticated from its first frame
 * with the right token, even one a rule refuses.
 */
class TcpBridgeAuthLimitTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final String TOKEN = "t-" + UUID.randomUUID();

  /** authTimeoutMs 300 ms. */
  private static TestNode shortTimeout;
  private static int shortTimeoutPort;
  /** maxUnauthenticated 2, and a timeout no test reaches. */
  private static TestNode twoUnauthenticated;
  private static int twoUnauthenticatedPort;

  @BeforeAll
  static void startNodes() {
    shortTimeoutPort = TestNode.freePort();
    shortTimeout = TestNode.start(bridge(shortTimeoutPort, new JsonObject().put("authTimeoutMs", 300)));
    twoUnauthenticatedPort = TestNode.freePort();
    twoUnauthenticated = TestNode.start(bridge(twoUnauthenticatedPort,
      new JsonObject().put("maxUnauthenticated", 2).put("authTimeoutMs", 600_000)));
  }

  private static JsonObject bridge(int port, JsonObject tcp) {
    return TestNode.bridgeWithToken("tcp", port, TOKEN, tcp);
  }

  @AfterAll
  static void stopNodes() {
    shortTimeout.close();
    twoUnauthenticated.close();
  }

  @Test
  void aClientThatNeverShowsTheTokenIsToldWhyAndClosed() throws Exception {
    try (TcpBridgeClient pinging = new TcpBridgeClient(shortTimeoutPort);
         TcpBridgeClient wrongToken = new TcpBridgeClient(shortTimeoutPort);
         TcpBridgeClient registered = new TcpBridgeClient(shortTimeoutPort)) {
      registered.write(register("app.a", TOKEN));
      wrongToken.write(register("app.b", "not-" + TOKEN));
      pinging.write(new JsonObject().put("type", "ping"));
      assertThat(pinging.await(WAIT, "the pong", f -> true).getString("type")).isEqualTo("pong");

      for (TcpBridgeClient closed : new TcpBridgeClient[] {pinging, wrongToken}) {
        JsonObject err = closed.await(WAIT, "the auth timeout", f -> "err".equals(f.getString("type"))
          && f.getString("message").contains("authTimeoutMs"));
        assertThat(err.getInteger("failureCode")).isEqualTo(403);
        assertThat(err.getString("message")).isEqualTo(
          "forbidden: no frame with the right authToken within 300 ms (bridge.tcp.authTimeoutMs): closing this connection");
        assertThat(closed.readToEnd(WAIT)).as("the node closed the connection").isTrue();
      }
      assertThat(shortTimeout.bridgeClientsClosed("tcp", "auth-timeout")).isEqualTo(2);
      assertServed(registered);
    }
  }

  @Test
  void atMaxUnauthenticatedANewClientClosesTheOneThatWaitedLongest() throws Exception {
    try (TcpBridgeClient shown = new TcpBridgeClient(twoUnauthenticatedPort);
         TcpBridgeClient longest = new TcpBridgeClient(twoUnauthenticatedPort)) {
      // A rule refuses this register (no outbound rule for it), but it carried the right token.
      shown.write(register("other.address", TOKEN));
      shown.await(WAIT, "the rule's refusal and Vert.x's own after it",
        f -> "blocked by bridgeEvent handler".equals(f.getString("message")));
      assertServed(longest);
      try (TcpBridgeClient second = new TcpBridgeClient(twoUnauthenticatedPort)) {
        assertServed(second);
        try (TcpBridgeClient newest = new TcpBridgeClient(twoUnauthenticatedPort)) {
          JsonObject err = longest.await(WAIT, "the eviction", f -> "err".equals(f.getString("type")));
          assertThat(err.getInteger("failureCode")).isEqualTo(529);
          assertThat(err.getString("message")).isEqualTo("overloaded: 2 connections have not shown the authToken yet,"
            + " the most bridge.tcp.maxUnauthenticated allows: closing the one that has waited longest, this one");
          assertThat(longest.readToEnd(WAIT)).as("the node closed the longest waiting connection").isTrue();
          assertServed(newest);
          assertServed(second);
          assertServed(shown);
        }
      }
      assertThat(twoUnauthenticated.bridgeClientsClosed("tcp", "too-many-unauthenticated")).isEqualTo(1);
    }
  }

  private static JsonObject register(String address, String token) {
    return new JsonObject().put("type", "register").put("address", address)
      .put("headers", new JsonObject().put("authToken", token));
  }

  private static void assertServed(TcpBridgeClient client) throws IOException {
    client.received.clear();
    client.write(new JsonObject().put("type", "ping"));
    assertThat(client.await(WAIT, "an answer to the ping", f -> true).getString("type")).isEqualTo("pong");
    client.received.clear();
  }
}
