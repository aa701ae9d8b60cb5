package io.github.vertxasterisk.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.vertxasterisk.sim.testing.Await;
import io.github.vertxasterisk.testing.SockJsClient;
import io.github.vertxasterisk.testing.TestNode;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The SockJS bridge's sessions that have not shown the {@code authToken} cannot hold the places of those
 * that have, as on the TCP bridge ({@link TcpBridgeAuthLimitTest}): each is closed after
 * {@code sockjs.authTimeoutMs}, and a new one beyond {@code sockjs.maxUnauthenticated} closes the one that
 * has waited longest.
 */
class SockJsBridgeAuthLimitTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final String TOKEN = "t-" + UUID.randomUUID();

  /** authTimeoutMs 1500 ms: long enough for the registered client's first frame on a slow machine. */
  private static TestNode shortTimeout;
  private static int shortTimeoutPort;
  /** maxUnauthenticated 2, and a timeout no test reaches. */
  private static TestNode twoUnauthenticated;
  private static int twoUnauthenticatedPort;
  /** idleTimeoutMs 3000 ms. */
  private static TestNode shortIdle;
  private static int shortIdlePort;

  @BeforeAll
  static void startNodes() {
    shortTimeoutPort = TestNode.freePort();
    shortTimeout = TestNode.start(bridge(shortTimeoutPort, new JsonObject().put("authTimeoutMs", 1_500)));
    twoUnauthenticatedPort = TestNode.freePort();
    twoUnauthenticated = TestNode.start(bridge(twoUnauthenticatedPort,
      new JsonObject().put("maxUnauthenticated", 2).put("authTimeoutMs", 600_000)));
    shortIdlePort = TestNode.freePort();
    shortIdle = TestNode.start(bridge(shortIdlePort, new JsonObject().put("idleTimeoutMs", 3_000)));
  }

  private static JsonObject bridge(int port, JsonObject sockjs) {
    return TestNode.bridgeWithToken("sockjs", port, TOKEN, sockjs);
  }

  @AfterAll
  static void stopNodes() {
    shortTimeout.close();
    twoUnauthenticated.close();
    shortIdle.close();
  }

  @Test
  void aSessionThatNeverShowsTheTokenIsToldWhyAndClosed() throws Exception {
    try (SockJsClient idle = new SockJsClient(shortTimeoutPort, WAIT);
         SockJsClient wrongToken = new SockJsClient(shortTimeoutPort, WAIT);
         SockJsClient registered = new SockJsClient(shortTimeoutPort, WAIT)) {
      registered.write(register("app.a", TOKEN));
      wrongToken.write(register("app.b", "not-" + TOKEN));

      for (SockJsClient closed : new SockJsClient[] {idle, wrongToken}) {
        JsonObject err = closed.await("the auth timeout", f -> "err".equals(f.getString("type"))
          && String.valueOf(f.getString("message")).contains("authTimeoutMs"));
        assertThat(err.getInteger("failureCode")).isEqualTo(403);
        assertThat(err.getString("message")).isEqualTo(
          "forbidden: no frame with the right authToken within 1500 ms (bridge.sockjs.authTimeoutMs): closing this connection");
        assertThat(closed.readToClose()).as("the node closed the session").isTrue();
      }
      assertThat(shortTimeout.bridgeClientsClosed("sockjs", "auth-timeout")).isEqualTo(2);
      assertServed(shortTimeout, registered, "app.a");
    }
  }

  @Test
  void atMaxUnauthenticatedANewSessionClosesTheOneThatWaitedLongest() throws Exception {
    try (SockJsClient shown = new SockJsClient(twoUnauthenticatedPort, WAIT);
         SockJsClient longest = new SockJsClient(twoUnauthenticatedPort, WAIT)) {
      shown.write(register("app.shown", TOKEN));
      assertServed(twoUnauthenticated, shown, "app.shown");
      assertStillOpen(longest);
      try (SockJsClient second = new SockJsClient(twoUnauthenticatedPort, WAIT)) {
        assertStillOpen(second);
        try (SockJsClient newest = new SockJsClient(twoUnauthenticatedPort, WAIT)) {
          JsonObject err = longest.await("the eviction", f -> "err".equals(f.getString("type"))
            && Integer.valueOf(529).equals(f.getInteger("failureCode")));
          assertThat(err.getString("message")).isEqualTo("overloaded: 2 connections have not shown the authToken yet,"
            + " the most bridge.sockjs.maxUnauthenticated allows: closing the one that has waited longest, this one");
          assertThat(longest.readToClose()).as("the node closed the longest waiting session").isTrue();
          assertStillOpen(newest);
          assertStillOpen(second);
          assertServed(twoUnauthenticated, shown, "app.shown");
        }
      }
      assertThat(twoUnauthenticated.bridgeClientsClosed("sockjs", "too-many-unauthenticated")).isEqualTo(1);
    }
  }

  /**
   * An HTTP connection that never makes a request held one of the sockjs.maxConnections places for good;
   * it is closed after idleTimeoutMs. A session that pings is not idle.
   */
  @Test
  void anHttpConnectionThatSendsNothingIsClosedButAPingingSessionStays() throws Exception {
    try (Socket silent = new Socket("127.0.0.1", shortIdlePort);
         SockJsClient pinging = new SockJsClient(shortIdlePort, WAIT)) {
      pinging.write(register("app.pinging", TOKEN));
      silent.setSoTimeout((int) WAIT.toMillis());
      // The JUnit thread: a client that pings every 100 ms for 2.5 idle timeouts, so that a stall of
      // up to 2.9 s of a loaded machine does not make it idle (one of 1 s did, with a 1 s timeout).
      for (int i = 0; i < 75; i++) {
        pinging.write(new JsonObject().put("type", "ping"));
        TimeUnit.MILLISECONDS.sleep(100);
      }
      assertThat(silent.getInputStream().read()).as("the silent connection closed").isEqualTo(-1);
      assertServed(shortIdle, pinging, "app.pinging");
    }
  }

  private static JsonObject register(String address, String token) {
    return new JsonObject().put("type", "register").put("address", address)
      .put("headers", new JsonObject().put("authToken", token));
  }

  /** A frame with a wrong token is refused, not counted as the token: the session is open and still waiting. */
  private static void assertStillOpen(SockJsClient client) throws IOException {
    String address = "app." + UUID.randomUUID();
    client.write(register(address, "not-" + TOKEN));
    JsonObject err = client.await("the refusal of a wrong token", f -> address.equals(f.getString("address")));
    assertThat(err.getString("message")).contains("authToken");
  }

  /** Messages published to its address reach the client. */
  private static void assertServed(TestNode node, SockJsClient client, String address) throws IOException {
    String body = "hello-" + UUID.randomUUID();
    Await.eventually(WAIT, "a message on " + address, () -> {
      node.node.vertx().eventBus().publish(address, body);
      try {
        client.readAvailable();
      } catch (IOException e) {
        throw new AssertionError(e);
      }
      return client.received.stream().anyMatch(f -> body.equals(f.getString("body")));
    });
  }
}
