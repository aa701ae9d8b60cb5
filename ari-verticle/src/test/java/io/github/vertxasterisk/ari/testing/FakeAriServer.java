package io.github.vertxasterisk.ari.testing;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.WebSocketFrame;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A tiny ARI server for the verticle's own tests: serves the simulated PBX's API declaration, answers a few
 * REST calls the way Asterisk 22 does (status codes and bodies from the captures), and lets a test push
 * frames on the events WebSocket, drop it, or play a peer that is not ARI at all.
 */
public final class FakeAriServer {
  public static final String USER = "asterisk";
  public static final String PASSWORD = "s3cret-ari";

  private final Vertx vertx;
  private HttpServer server;
  private final List<ServerWebSocket> sockets = new CopyOnWriteArrayList<>();
  /** Every REST request except the api-docs and the WebSocket upgrade: what the service sent. */
  public final AtomicInteger restRequests = new AtomicInteger();
  public final AtomicInteger socketsOpened = new AtomicInteger();
  public final List<String> requestLines = new CopyOnWriteArrayList<>();
  public volatile boolean htmlOnly;
  /** Serve the API declaration from this folder instead of the simulated PBX's (e.g. Asterisk's real one). */
  public volatile Path docsDir;
  public volatile String lastEventsQuery;
  /** Accept each events WebSocket upgrade, then close the socket at once: a peer that never keeps one open. */
  public volatile boolean closeEventsSocketsAtOnce;
  /** While set, events upgrades wait for it before they are answered: a slow handshake. */
  public volatile Future<Void> upgradeGate;
  public final AtomicInteger upgradesHeld = new AtomicInteger();
  /** Held upgrades answered (or failed, the client having gone meanwhile). */
  public final AtomicInteger upgradesDone = new AtomicInteger();
  /** Pings received on the events WebSockets (the server answers each with a pong). */
  public final AtomicInteger pingsReceived = new AtomicInteger();

  private final HttpServerOptions options;

  public FakeAriServer(Vertx vertx) {
    this(vertx, new HttpServerOptions());
  }

  /** With these server options, e.g. a large WebSocket frame size to send each event as ONE frame, as Asterisk does. */
  public FakeAriServer(Vertx vertx, HttpServerOptions options) {
    this.vertx = vertx;
    this.options = options;
  }

  public Future<FakeAriServer> start() {
    server = vertx.createHttpServer(options).requestHandler(this::handle);
    return server.listen(0, "127.0.0.1").map(s -> this);
  }

  public int port() {
    return server.actualPort();
  }

  /** The verticle's {@code ari} section for this server and these applications; a test adds its own timings. */
  public JsonObject ariConfig(String... apps) {
    return new JsonObject()
      .put("url", "http://127.0.0.1:" + port() + "/ari")
      .put("username", USER).put("password", PASSWORD)
      .put("apps", new JsonArray(List.of(apps)));
  }

  public Future<Void> close() {
    return server.close();
  }

  public int openSockets() {
    return sockets.size();
  }

  public void push(JsonObject event) {
    sockets.forEach(ws -> ws.writeTextMessage(event.encode()));
  }

  public void pushText(String text) {
    sockets.forEach(ws -> ws.writeTextMessage(text));
  }

  /** Raw frames, e.g. one event in fragments (RFC 6455 lets any peer or proxy fragment a message). */
  public void pushFrames(WebSocketFrame... frames) {
    sockets.forEach(ws -> {
      for (WebSocketFrame frame : frames) {
        ws.writeFrame(frame);
      }
    });
  }

  /** Closes every events WebSocket with this status and reason. */
  public void closeSockets(short status, String reason) {
    sockets.forEach(ws -> ws.close(status, reason));
  }

  public void pushBinary(byte[] data) {
    sockets.forEach(ws -> ws.writeBinaryMessage(Buffer.buffer(data)));
  }

  /** Stops reading the events WebSockets: pings are no longer answered, like a frozen peer. */
  public void freezeSockets() {
    sockets.forEach(ServerWebSocket::pause);
  }

  /** Closes every events WebSocket from the server side, as an Asterisk restart does. */
  public void dropSockets() {
    sockets.forEach(ws -> ws.close());
  }

  private void handle(HttpServerRequest req) {
    if (htmlOnly) {
      req.response().putHeader("Content-Type", "text/html").end("<html><body>It works!</body></html>");
      return;
    }
    String path = req.path();
    if (!authorized(req)) {
      req.response().setStatusCode(401).putHeader("WWW-Authenticate", "Basic realm=\"Asterisk REST Interface\"")
        .putHeader("Content-type", "application/json").end(new JsonObject().put("message", "Authentication required").encode());
      return;
    }
    if (path.startsWith("/ari/api-docs/")) {
      serveDoc(req, path.substring("/ari/api-docs/".length()));
      return;
    }
    if (path.equals("/ari/events")) {
      lastEventsQuery = req.query();
      Future<Void> gate = upgradeGate;
      if (gate == null) {
        upgrade(req);
      } else {
        req.pause();
        upgradesHeld.incrementAndGet();
        Context serverContext = vertx.getOrCreateContext();
        gate.onComplete(v -> serverContext.runOnContext(go -> upgrade(req).onComplete(ws -> upgradesDone.incrementAndGet())));
      }
      return;
    }
    restRequests.incrementAndGet();
    requestLines.add(req.method() + " " + req.uri());
    req.body().onSuccess(body -> rest(req, path, body));
  }

  private Future<ServerWebSocket> upgrade(HttpServerRequest req) {
    return req.toWebSocket().onSuccess(ws -> {
      socketsOpened.incrementAndGet();
      if (closeEventsSocketsAtOnce) {
        ws.close();
        return;
      }
      sockets.add(ws);
      ws.closeHandler(v -> sockets.remove(ws));
      ws.frameHandler(frame -> {
        if (frame.isPing()) {
          pingsReceived.incrementAndGet();
        }
      });
    });
  }

  private void rest(HttpServerRequest req, String path, Buffer body) {
    if (path.equals("/ari/asterisk/info")) {
      json(req, 200, new JsonObject().put("system", new JsonObject().put("version", "22.10.1").put("entity_id", "02:fc:00:00:00:01")));
    } else if (path.equals("/ari/channels/trickle")) {
      // answers at once, then a byte every 200 ms, forever (a misbehaving peer or proxy)
      req.response().setChunked(true).putHeader("Content-type", "application/json").write("[");
      long[] timer = new long[1];
      timer[0] = vertx.setPeriodic(200, t -> {
        if (req.response().closed() || req.response().ended()) { vertx.cancelTimer(timer[0]); return; }
        req.response().write(" ");
      });
    } else if (path.equals("/ari/channels/endless")) {
      endless(req.response());
    } else if (path.equals("/ari/channels/slow")) {
      // never answers: the client's requestTimeoutMs must end the call
    } else if (path.startsWith("/ari/channels/") && req.method().name().equals("GET")) {
      json(req, 404, new JsonObject().put("message", "Channel not found"));
    } else if (path.endsWith("/answer")) {
      req.response().setStatusCode(204).end();
    } else if (path.equals("/ari/channels") && req.method().name().equals("POST")) {
      json(req, 500, new JsonObject().put("error", "Allocation failed"));
    } else if (path.startsWith("/ari/recordings/stored/") && path.endsWith("/file")) {
      req.response().putHeader("Content-Type", "audio/x-wav").end(Buffer.buffer(new byte[] {'R', 'I', 'F', 'F', 0, 1, 2}));
    } else if (path.equals("/ari/notjson")) {
      req.response().putHeader("Content-Type", "application/json").end("<html>oops</html>");
    } else {
      json(req, 200, new JsonObject().put("echo", body.length() == 0 ? null : body.toJsonObject()));
    }
  }

  /**
   * Answers 200 then writes 64 KiB chunks as fast as the client reads them, until the connection closes:
   * a batch at a time, giving the event loop back in between (a closed connection never fills up, and
   * only a loop given back learns that it closed).
   */
  private void endless(HttpServerResponse response) {
    response.setChunked(true).putHeader("Content-type", "application/json").write("[");
    Buffer chunk = Buffer.buffer(" ".repeat(64 * 1024));
    Runnable[] pump = new Runnable[1];
    pump[0] = () -> {
      for (int written = 0; written < 64 && !response.closed() && !response.writeQueueFull(); written++) {
        response.write(chunk);
      }
      if (response.closed()) {
        return;
      }
      if (response.writeQueueFull()) {
        response.drainHandler(v -> pump[0].run());
      } else {
        vertx.runOnContext(v -> pump[0].run());
      }
    };
    pump[0].run();
  }

  private boolean authorized(HttpServerRequest req) {
    String expected = "Basic " + Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    return expected.equals(req.getHeader("Authorization"));
  }

  private void serveDoc(HttpServerRequest req, String file) {
    if (!file.matches("[A-Za-z]+\\.json")) {
      json(req, 404, new JsonObject().put("message", "Resource not found"));
      return;
    }
    (docsDir == null ? ApiDocs.fetchSimulator(file) : ApiDocs.fetch(docsDir, file))
      .onSuccess(doc -> json(req, 200, doc))
      .onFailure(err -> json(req, 404, new JsonObject().put("message", "Resource not found")));
  }

  private static void json(HttpServerRequest req, int status, JsonObject body) {
    req.response().setStatusCode(status).putHeader("Content-type", "application/json").end(body.encode());
  }
}
