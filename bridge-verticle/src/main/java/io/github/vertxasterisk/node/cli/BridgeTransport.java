package io.github.vertxasterisk.node.cli;

import io.github.vertxasterisk.bridge.TcpBridgeFrames;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetSocket;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * A client of the node's TCP event-bus bridge: frames are a 4-byte big-endian length plus UTF-8 JSON.
 * Every frame carries the bridge's {@code authToken} header when one is given.
 */
public final class BridgeTransport implements CliTransport {
  private final Vertx vertx;
  private final NetClient client;
  private final NetSocket socket;
  private final String token;
  private final Map<String, Subscription> subscriptions = new ConcurrentHashMap<>();
  private final Map<String, Promise<JsonObject>> pending = new ConcurrentHashMap<>();

  private BridgeTransport(Vertx vertx, NetClient client, NetSocket socket, String token) {
    this.vertx = vertx;
    this.client = client;
    this.socket = socket;
    this.token = token;
    socket.handler(TcpBridgeFrames.decoder(this::onFrame));
    socket.closeHandler(v -> {
      failAll("the bridge closed the connection");
      // a tail would otherwise wait forever for messages that can no longer come
      subscriptions.values().forEach(s -> s.refused.accept("the bridge closed the connection"));
      subscriptions.clear();
    });
  }

  public static Future<CliTransport> connect(String host, int port, String token) {
    Vertx vertx = Vertx.vertx();
    NetClient client = vertx.createNetClient();
    return client.connect(port, host)
      .<CliTransport>map(socket -> new BridgeTransport(vertx, client, socket, token))
      .onFailure(err -> vertx.close());
  }

  private void onFrame(JsonObject frame) {
    String address = frame.getString("address");
    Promise<JsonObject> reply = address == null ? null : pending.remove(address);
    if (reply != null) {
      if ("err".equals(frame.getString("type"))) {
        reply.fail(failure(frame));
      } else {
        reply.complete(frame.getJsonObject("body"));
      }
    } else if (address != null && subscriptions.containsKey(address)) {
      if ("err".equals(frame.getString("type"))) {
        subscriptions.remove(address).refused.accept(frame.getString("message"));
      } else {
        subscriptions.get(address).handler.accept(frame.getJsonObject("body"));
      }
    } else if ("err".equals(frame.getString("type"))) {
      failAll(frame.getString("message"));
    }
  }

  /** The bridge's err frame carries the bus failure's type (NO_HANDLERS: no node serves the PBX) and code. */
  private static ReplyException failure(JsonObject err) {
    ReplyFailure type = ReplyFailure.RECIPIENT_FAILURE;
    try {
      type = ReplyFailure.valueOf(err.getString("failureType", type.name()));
    } catch (IllegalArgumentException unknown) {
      // a type this client does not know: report it as the recipient's failure
    }
    return new ReplyException(type, err.getInteger("failureCode", -1), err.getString("message"));
  }

  private void failAll(String why) {
    pending.values().forEach(p -> p.tryFail(new ReplyException(ReplyFailure.RECIPIENT_FAILURE, -1, why)));
    pending.clear();
  }

  private Future<Void> write(JsonObject frame) {
    JsonObject headers = frame.getJsonObject("headers", new JsonObject());
    if (token != null) {
      headers.put("authToken", token);
    }
    return socket.write(TcpBridgeFrames.encode(frame.put("headers", headers)));
  }

  /** A refused register comes back as an {@code err} frame on the address. */
  @Override
  public Future<Void> subscribe(String address, Consumer<JsonObject> handler, Consumer<String> refused) {
    subscriptions.put(address, new Subscription(handler, refused));
    return write(new JsonObject().put("type", "register").put("address", address));
  }

  @Override
  public Future<JsonObject> call(String address, String method, JsonObject body, long timeoutMs) {
    String replyAddress = "cli-" + UUID.randomUUID();
    Promise<JsonObject> reply = Promise.promise();
    pending.put(replyAddress, reply);
    long timer = vertx.setTimer(timeoutMs, id -> {
      if (pending.remove(replyAddress) != null) {
        reply.tryFail(new ReplyException(ReplyFailure.TIMEOUT, -1, "no reply within " + timeoutMs + " ms"));
      }
    });
    write(new JsonObject().put("type", "send").put("address", address).put("replyAddress", replyAddress)
      .put("headers", new JsonObject().put("action", method)).put("body", body))
      .onFailure(reply::tryFail);
    return reply.future().onComplete(ar -> vertx.cancelTimer(timer));
  }

  private record Subscription(Consumer<JsonObject> handler, Consumer<String> refused) {
  }

  /**
   * Closes the client at once ({@code NetClient.close()} is a shutdown with no grace period), then its
   * Vert.x: closing the Vert.x alone waited up to 30 s for the open bridge connection (seen in CliTest).
   * Called from the tool's thread, not the event loop.
   */
  @Override
  public Future<Void> close() {
    subscriptions.clear(); // our own close is no failure of the tail
    return client.close().transform(ar -> vertx.close());
  }
}
