package io.github.vertxasterisk.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.vertxasterisk.sim.testing.Await;
import io.github.vertxasterisk.sim.testing.LogCapture;
import io.github.vertxasterisk.testing.TcpBridgeClient;
import io.github.vertxasterisk.testing.TestNode;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Each bridge transport serves at most {@code maxConnections} clients (2 here): one more is closed at
 * once and counted, and the limit is logged once, not once per refused connection. A place freed by a
 * client that leaves can be taken again.
 */
class BridgeConnectionLimitTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final String TOKEN = "t-" + UUID.randomUUID();

  private static TestNode suite;
  private static int tcpPort;
  private static int sockJsPort;

  @BeforeAll
  static void startNode() {
    tcpPort = TestNode.freePort();
    sockJsPort = TestNode.freePort();
    suite = TestNode.start(new JsonObject().put("bridge", new JsonObject()
      .put("authToken", TOKEN)
      .put("tcp", new JsonObject().put("enabled", true).put("port", tcpPort).put("maxConnections", 2))
      .put("sockjs", new JsonObject().put("enabled", true).put("port", sockJsPort).put("maxConnections", 2))));
  }

  @AfterAll
  static void stopNode() {
    suite.close();
  }

  @Test
  void aTcpClientOverTheLimitIsToldWhyAndClosed() throws Exception {
    try (LogCapture warnings = LogCapture.of("io.github.vertxasterisk.bridge.impl.TcpClients", Level.WARNING);
         TcpBridgeClient first = new TcpBridgeClient(tcpPort); TcpBridgeClient second = new TcpBridgeClient(tcpPort)) {
      assertServed(first);
      assertServed(second);
      for (int i = 0; i < 2; i++) {
        try (TcpBridgeClient extra = new TcpBridgeClient(tcpPort)) {
          JsonObject err = extra.await(WAIT, "the refusal", f -> "err".equals(f.getString("type")));
          assertThat(err.getInteger("failureCode")).isEqualTo(529);
          assertThat(err.getString("message")).isEqualTo(
            "overloaded: 2 connections are open, the most bridge.tcp.maxConnections allows: closing this one");
          assertThat(extra.readToEnd(WAIT)).as("the node closed the connection").isTrue();
        }
      }
      assertThat(suite.bridgeClientsClosed("tcp", "too-many-connections")).isEqualTo(2);
      assertThat(warnings.records).as("the limit logged once for two refusals").hasSize(1);

      first.close();
      Await.eventually(WAIT, "a freed place taken by a new client", () -> {
        try (TcpBridgeClient next = new TcpBridgeClient(tcpPort)) {
          next.write(new JsonObject().put("type", "ping"));
          return "pong".equals(next.await(WAIT, "an answer", f -> true).getString("type"));
        } catch (IOException e) {
          return false; // refused and closed: the first client's close not handled yet
        }
      });
      assertServed(second);
    }
  }

  @Test
  void aSockJsConnectionOverTheLimitIsClosed() throws Exception {
    try (Socket first = new Socket("127.0.0.1", sockJsPort); Socket second = new Socket("127.0.0.1", sockJsPort)) {
      assertThat(info(first)).startsWith("HTTP/1.1 200");
      assertThat(info(second)).startsWith("HTTP/1.1 200");
      try (Socket extra = new Socket("127.0.0.1", sockJsPort)) {
        assertThat(closedWithoutAnswer(extra)).as("the connection over the limit closed, unanswered").isTrue();
      }
      assertThat(suite.bridgeClientsClosed("sockjs", "too-many-connections")).isEqualTo(1);
      assertThat(info(second)).as("the admitted connections are still served").startsWith("HTTP/1.1 200");

      first.close();
      Await.eventually(WAIT, "a freed place taken by a new connection", () -> {
        try (Socket next = new Socket("127.0.0.1", sockJsPort)) {
          return info(next).startsWith("HTTP/1.1 200");
        } catch (IOException e) {
          return false; // closed: the first connection's close not handled yet
        }
      });
    }
  }

  private static void assertServed(TcpBridgeClient client) throws IOException {
    client.write(new JsonObject().put("type", "ping"));
    JsonObject answer = client.await(WAIT, "an answer to the ping", f -> true);
    client.received.clear();
    assertThat(answer.getString("type")).isEqualTo("pong");
  }

  /** SockJS's info request on a kept-alive connection: the response's head and body. */
  private static String info(Socket socket) throws IOException {
    socket.getOutputStream().write(("GET /eventbus/info HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
    socket.setSoTimeout((int) WAIT.toMillis());
    InputStream in = socket.getInputStream();
    StringBuilder response = new StringBuilder();
    int b;
    while ((b = in.read()) >= 0) {
      response.append((char) b);
      if (response.indexOf("\r\n\r\n") >= 0 && response.charAt(response.length() - 1) == '}') {
        return response.toString(); // the info body is one JSON object
      }
    }
    throw new IOException("closed after: " + response);
  }

  private static boolean closedWithoutAnswer(Socket socket) throws IOException {
    try {
      socket.getOutputStream().write(("GET /eventbus/info HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      socket.setSoTimeout((int) WAIT.toMillis());
      return socket.getInputStream().read() < 0;
    } catch (SocketException reset) {
      return true;
    } catch (SocketTimeoutException open) {
      return false;
    }
  }

}

