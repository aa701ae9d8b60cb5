package io.github.vertxasterisk.bench.bridge;

import io.github.vertxasterisk.bridge.TcpBridgeFrames;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetSocket;
import java.util.function.Consumer;

/**
 * A TCP bridge client as a polyglot client would write one: a plain Vert.x {@code NetSocket}, frames of a
 * 4-byte big-endian length plus UTF-8 JSON, every frame decoded into a {@link JsonObject}. Its Vert.x has
 * one event loop, so {@link #thread()} is the only thread doing client work and its CPU time can be taken
 * out of the process's.
 */
final class FrameClient {
  private final Vertx vertx;
  /** Held for the connection's life: Vert.x closes a client, and its connections, once it is garbage. */
  private final NetClient client;
  private final Context context;
  private final NetSocket socket;
  private final Thread thread;
  private final String token;
  private volatile Consumer<JsonObject> onFrame = frame -> { };
  private volatile boolean closing;

  private FrameClient(Vertx vertx, NetClient client, NetSocket socket, String token) {
    this.vertx = vertx;
    this.client = client;
    this.context = Vertx.currentContext();
    this.thread = Thread.currentThread();
    this.socket = socket;
    this.token = token;
    socket.handler(TcpBridgeFrames.decoder(frame -> onFrame.accept(frame))); // onFrame is replaced between phases
    socket.closeHandler(v -> {
      if (!closing) {
        System.err.println("the bridge closed the connection");
        System.exit(1);
      }
    });
  }

  /** Connects from a Vert.x of its own (one event loop); the frames are handled on that loop. */
  static Future<FrameClient> connect(int port, String token) {
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
    NetClient client = vertx.createNetClient();
    return client.connect(port, "127.0.0.1")
      .map(socket -> new FrameClient(vertx, client, socket, token))
      .onFailure(err -> vertx.close());
  }

  /** Where frames go from now on (called on the client's event loop). */
  void onFrame(Consumer<JsonObject> handler) {
    onFrame = handler;
  }

  /** Writes a frame with the bridge's auth header; on the client's event loop. */
  void write(JsonObject frame) {
    frame.put("headers", new JsonObject().put("authToken", token));
    socket.write(TcpBridgeFrames.encode(frame));
  }

  /** Runs on the client's event loop. */
  void run(Runnable task) {
    context.runOnContext(v -> task.run());
  }

  Thread thread() {
    return thread;
  }

  /** Closes its Vert.x, and with it the connection. */
  Future<Void> close() {
    closing = true;
    return client.close().eventually(vertx::close);
  }
}
