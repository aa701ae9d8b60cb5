package io.github.vertxasterisk.sim.ari;

import io.github.vertxasterisk.sim.PbxSimulator;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

/** A simulator per test (fast media) and raw HTTP / WebSocket clients; waits on the JUnit thread. */
@ExtendWith(VertxExtension.class)
abstract class AriTestBase {

  static final String AUTH = "Basic " + Base64.getEncoder().encodeToString("asterisk:asterisk".getBytes());
  static final long TIMEOUT_MS = 10_000;

  Vertx vertx;
  PbxSimulator sim;
  AriServer ari;
  HttpClient http;
  /** Kept in a field: Vert.x 5 closes a client nothing references any more. */
  WebSocketClient wsClient;
  private final List<Events> sockets = new ArrayList<>();

  /** One REST answer. */
  record Resp(int status, String reason, MultiMap headers, Buffer body) {
    JsonObject json() { return body.toJsonObject(); }
    JsonArray array() { return body.toJsonArray(); }
    String text() { return body.toString(); }
  }

  @BeforeEach
  void startSimulator(Vertx vertx) {
    this.vertx = vertx;
    sim = await(PbxSimulator.forTests().start(vertx));
    ari = sim.ari();
    http = vertx.createHttpClient();
    wsClient = vertx.createWebSocketClient();
  }

  @AfterEach
  void stopSimulator() {
    sockets.forEach(s -> s.ws.close());
    await(http.close());
    await(wsClient.close());
    await(sim.close());
  }

  static <T> T await(Future<T> f) {
    try {
      return f.toCompletionStage().toCompletableFuture().get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  Resp call(HttpMethod method, String uri) {
    return call(method, uri, null, AUTH);
  }

  Resp call(HttpMethod method, String uri, String body) {
    return call(method, uri, body, AUTH);
  }

  Resp call(HttpMethod method, String uri, String body, String authorization) {
    RequestOptions o = new RequestOptions().setMethod(method).setHost("127.0.0.1").setPort(ari.port()).setURI(uri);
    if (authorization != null) {
      o.putHeader("Authorization", authorization);
    }
    if (body != null) {
      o.putHeader("Content-Type", "application/json");
    }
    return await(http.request(o).compose(req -> (body == null ? req.send() : req.send(body))
        .compose(r -> r.body().map(b -> toResp(r, b)))));
  }

  private static Resp toResp(HttpClientResponse r, Buffer b) {
    return new Resp(r.statusCode(), r.statusMessage(), r.headers(), b);
  }

  /** An events WebSocket for {@code query} (e.g. {@code app=demo-app}), authenticated with api_key. */
  Events events(String query) {
    WebSocketConnectOptions o = new WebSocketConnectOptions().setHost("127.0.0.1").setPort(ari.port())
        .setURI("/ari/events?" + query + "&api_key=asterisk:asterisk");
    Events e = new Events();
    e.ws = await(wsClient.connect(o));
    e.ws.textMessageHandler(e.messages::add);
    e.ws.binaryMessageHandler(b -> e.messages.add("<binary " + b.length() + ">"));
    e.ws.closeHandler(v -> e.messages.add("<closed>"));
    sockets.add(e);
    return e;
  }

  /** Received frames of one WebSocket, in order. */
  static final class Events {
    WebSocket ws;
    final LinkedBlockingQueue<String> messages = new LinkedBlockingQueue<>();

    String nextText() {
      try {
        String m = messages.poll(TIMEOUT_MS, TimeUnit.MILLISECONDS);
        if (m == null) {
          throw new AssertionError("no WebSocket message within " + TIMEOUT_MS + " ms");
        }
        return m;
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
    }

    JsonObject next() {
      return new JsonObject(nextText());
    }

    /** Events up to and including the first of this type. */
    List<JsonObject> until(String type) {
      List<JsonObject> out = new ArrayList<>();
      JsonObject e;
      do {
        e = next();
        out.add(e);
      } while (!type.equals(e.getString("type")));
      return out;
    }

    /** Nothing arrives for a short while. */
    boolean quietFor(long ms) {
      try {
        return messages.poll(ms, TimeUnit.MILLISECONDS) == null;
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  static List<String> types(List<JsonObject> events) {
    return events.stream().map(e -> e.getString("type")).toList();
  }
}
