package io.github.vertxasterisk.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.vertxasterisk.sim.testing.Await;
import io.github.vertxasterisk.sim.testing.LogCapture;
import io.github.vertxasterisk.testing.TestNode;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The SockJS bridge over its HTTP fallback (XHR polling, what a browser uses where WebSockets are
 * blocked): frames are POSTed to {@code xhr_send}, what the server sends is long-polled on {@code xhr}.
 */
class SockJsXhrTransportTest {
  private static final String TOKEN = "test-token-" + UUID.randomUUID();
  private static final Duration WAIT = Duration.ofSeconds(15);
  private static TestNode suite;
  private static String base;

  @BeforeAll
  static void start() {
    int port = TestNode.freePort();
    suite = TestNode.start(TestNode.bridgeWithToken("sockjs", port, TOKEN, new JsonObject()));
    base = "http://127.0.0.1:" + port + "/eventbus/000/";
  }

  @AfterAll
  static void stop() {
    suite.close();
  }

  @Test
  void aClientOnXhrPollingRegistersWithItsTokenAndReceives() throws Exception {
    String session = base + UUID.randomUUID().toString().substring(0, 8);
    assertThat(post(session + "/xhr", "").body()).isEqualTo("o\n");

    HttpResponse<String> sent = post(session + "/xhr_send", frames(new JsonObject().put("type", "register")
      .put("address", "app.xhr").put("headers", new JsonObject().put("authToken", TOKEN))));
    assertThat(sent.statusCode()).as(sent.body()).isEqualTo(204);

    String body = "hello-" + UUID.randomUUID();
    CompletableFuture<HttpResponse<String>> poll = freshClient().sendAsync(request(session + "/xhr", ""), HttpResponse.BodyHandlers.ofString());
    Await.eventually(WAIT, "the poll answered", () -> {
      suite.node.vertx().eventBus().publish("app.xhr", body); // until the registration has spread
      return poll.isDone();
    });
    assertThat(poll.get().body()).startsWith("a[").contains(body);
  }

  @Test
  void aSendBodyOverTheLimitIsRefusedAndTheSessionGoesOn() throws Exception {
    String session = base + UUID.randomUUID().toString().substring(0, 8);
    assertThat(post(session + "/xhr", "").body()).isEqualTo("o\n");

    String huge = "x".repeat(300 * 1024);
    try (LogCapture routerLog = LogCapture.of("io.vertx.ext.web.RoutingContext")) {
      HttpResponse<String> refused = post(session + "/xhr_send", frames(new JsonObject().put("type", "ping").put("pad", huge)));
      assertThat(refused.statusCode()).as("a 300 KB send").isEqualTo(413);
      assertThat(routerLog.records).as("router errors logged for a refused body (a client could send one a request)").isEmpty();
    }

    HttpResponse<String> sent = post(session + "/xhr_send", frames(new JsonObject().put("type", "ping")));
    assertThat(sent.statusCode()).as(sent.body()).isEqualTo(204);
  }

  /** A SockJS send body: a JSON array of frames, each a JSON text. */
  private static String frames(JsonObject... frames) {
    JsonArray array = new JsonArray();
    for (JsonObject frame : frames) {
      array.add(frame.encode());
    }
    return array.encode();
  }

  private static HttpResponse<String> post(String url, String body) throws Exception {
    return freshClient().send(request(url, body), HttpResponse.BodyHandlers.ofString());
  }

  /**
   * A client, so a connection, per request, as a browser's SockJS client may use: a kept-alive one can be
   * closed by the node just as the JDK's client reuses it ("header parser received no bytes", seen once in CI).
   */
  private static HttpClient freshClient() {
    return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(WAIT).build();
  }

  private static HttpRequest request(String url, String body) {
    return HttpRequest.newBuilder(URI.create(url)).timeout(WAIT).header("Content-Type", "text/plain")
      .POST(HttpRequest.BodyPublishers.ofString(body)).build();
  }
}
