package io.github.vertxasterisk.ami.impl;

import io.github.vertxasterisk.ami.codec.AmiEncoder;
import io.github.vertxasterisk.ami.codec.AmiMessage;
import io.github.vertxasterisk.ami.codec.AmiParser;
import io.github.vertxasterisk.common.ConnectionState;
import io.github.vertxasterisk.common.FailureCode;
import io.github.vertxasterisk.common.LogSafeText;
import io.github.vertxasterisk.common.SocketClose;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetSocket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One logged-in AMI socket: writes actions, feeds the parser, routes each message to the action
 * waiting for it and every event to the {@link Listener}. It never reconnects: {@link AmiSession} does.
 * Everything runs on the event loop of the verticle that opened it.
 */
final class AmiConnection {
  private static final Logger LOG = Logger.getLogger(AmiConnection.class.getName());
  private static final AtomicLong ACTION_COUNTER = new AtomicLong();

  /** What the session hears from its connection. */
  interface Listener {
    void event(AmiMessage event, long receivedAtMs);

    /** A message the parser dropped (the session logs the first few, then sums them up). */
    void rejected(String reason, String actionId);

    /** Every message of one socket read has been handed over. */
    void endOfRead();

    void closed(AmiConnection connection, String reason);
  }

  private final Vertx vertx;
  private final AmiConfig config;
  private final Listener listener;
  private final PendingActions pending;
  private final String actionIdPrefix;
  private final Promise<String> banner = Promise.promise();
  /** When each synchronous Originate in flight times out, by ActionID: Asterisk answers nothing else until then. */
  private final Map<String, Long> blockingUntilMs = new HashMap<>();
  private NetSocket socket;
  private String closeReason;
  private boolean loggedIn;
  String amiVersion;

  private AmiConnection(Vertx vertx, AmiConfig config, String actionIdPrefix, Listener listener) {
    this.vertx = vertx;
    this.config = config;
    this.listener = listener;
    this.pending = new PendingActions(vertx);
    this.actionIdPrefix = actionIdPrefix;
  }

  /**
   * Connects, reads the banner and logs in. Fails with a {@link ConnectFailure} whose state says why:
   * {@code auth-failed}, {@code incorrect-server} or {@code disconnected}.
   */
  static Future<AmiConnection> open(Vertx vertx, NetClient client, AmiConfig config, String actionIdPrefix,
                                    Listener listener) {
    AmiConnection connection = new AmiConnection(vertx, config, actionIdPrefix, listener);
    Promise<AmiConnection> ready = Promise.promise();
    long loginTimer = vertx.setTimer(config.loginTimeoutMs, id -> {
      if (ready.tryFail(new ConnectFailure(ConnectionState.DISCONNECTED,
        "no banner and login within " + config.loginTimeoutMs + " ms"))) {
        connection.close("login timeout");
      }
    });
    client.connect(config.port, config.host)
      .compose(socket -> connection.attach(socket))
      .compose(v -> connection.login())
      .onComplete(ar -> {
        vertx.cancelTimer(loginTimer);
        if (ar.succeeded()) {
          connection.loggedIn = true;
          ready.tryComplete(connection);
        } else {
          connection.close("login failed");
          ready.tryFail(ar.cause() instanceof ConnectFailure ? ar.cause()
            : new ConnectFailure(ConnectionState.DISCONNECTED, describe(ar.cause())));
        }
      });
    return ready.future();
  }

  private Future<String> attach(NetSocket socket) {
    this.socket = socket;
    AmiParser parser = new AmiParser(config.limits, new ParserListener());
    socket.handler(chunk -> {
      try {
        parser.handle(chunk);
      } finally {
        listener.endOfRead();
      }
    });
    socket.closeHandler(v -> onClosed());
    socket.exceptionHandler(err -> LOG.log(Level.FINE, "AMI socket error on " + config.pbx, err));
    return banner.future();
  }

  private Future<Void> login() {
    if (!config.md5) {
      return loginWith(new JsonObject().put("Secret", config.secret));
    }
    return action(new JsonObject().put("Action", "Challenge").put("AuthType", "MD5"), PendingActions.Kind.SINGLE,
      config.loginTimeoutMs)
      .compose(result -> {
        String challenge = result.response().get("Challenge");
        if (result.isError() || challenge == null) {
          return Future.failedFuture(new ConnectFailure(ConnectionState.AUTH_FAILED,
            "MD5 challenge refused: " + LogSafeText.of(result.response().get("Message"))));
        }
        return loginWith(new JsonObject().put("AuthType", "MD5").put("Key", md5Hex(challenge + config.secret)));
      });
  }

  private Future<Void> loginWith(JsonObject credentials) {
    JsonObject login = new JsonObject().put("Action", "Login").put("Username", config.username)
      .mergeIn(credentials).put("Events", config.events);
    return action(login, PendingActions.Kind.SINGLE, config.loginTimeoutMs).compose(result -> {
      if (result.isError()) {
        return Future.failedFuture(new ConnectFailure(ConnectionState.AUTH_FAILED,
          "login as '" + config.username + "' refused: " + LogSafeText.of(result.response().get("Message"))));
      }
      return Future.succeededFuture();
    });
  }

  /** Sends an action; the ActionID is generated unless the action carries one. */
  Future<ActionResult> action(JsonObject action, PendingActions.Kind kind, long timeoutMs) {
    return send(action, kind, timeoutMs, true);
  }

  /**
   * The keepalive's Ping, past maxPendingActions: a peer that stopped answering fills the pending
   * actions, and a Ping refused then would never find it dead.
   */
  Future<ActionResult> keepAlivePing(long timeoutMs) {
    long busyForMs = blockingUntilMs.values().stream().mapToLong(until -> until - System.currentTimeMillis()).max().orElse(0);
    return send(new JsonObject().put("Action", "Ping"), PendingActions.Kind.SINGLE, timeoutMs + Math.max(0, busyForMs), false);
  }

  /**
   * Asterisk runs a synchronous Originate on the session's thread and answers no other action (a Ping
   * neither) until the call answers or fails.
   */
  static boolean blocksTheSession(JsonObject action) {
    return "Originate".equalsIgnoreCase(String.valueOf(action.getValue("Action")).trim())
      && !AsteriskValues.isTrue(AmiEncoder.header(action, "Async"));
  }

  private Future<ActionResult> send(JsonObject action, PendingActions.Kind kind, long timeoutMs, boolean bounded) {
    if (socket == null || closeReason != null) {
      return Future.failedFuture(FailureCode.DISCONNECTED.exception("the connection is closed: " + closeReason));
    }
    if (bounded && pending.size() >= config.maxPendingActions) {
      return Future.failedFuture(FailureCode.OVERLOADED.exception(
        pending.size() + " actions already wait for Asterisk's answer (maxPendingActions)"));
    }
    // Asterisk reads the first ActionID header whatever its case, skips the blanks before it, echoes
    // what is left, and none when nothing is.
    String idKey = AmiEncoder.headerKey(action, AmiMessage.ACTION_ID);
    String actionId = AsteriskValues.headerValue(idKey == null ? null : action.getValue(idKey));
    if (actionId.isEmpty()) {
      do { // a caller may have chosen what the counter gives next: never two actions under one id
        actionId = actionIdPrefix + ACTION_COUNTER.incrementAndGet();
      } while (pending.owed(actionId));
      action = action.copy();
      if (idKey != null) {
        action.remove(idKey);
      }
      action.put(AmiMessage.ACTION_ID, actionId);
    } else if (pending.owed(actionId)) {
      return Future.failedFuture(FailureCode.BAD_REQUEST.exception("ActionID '" + actionId
        + "' is already in flight, or timed out with its answer still owed"));
    }
    io.vertx.core.buffer.Buffer bytes;
    try {
      bytes = AmiEncoder.encode(action);
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(FailureCode.BAD_REQUEST.exception(e.getMessage()));
    }
    Future<ActionResult> answer = pending.add(actionId, action.getString("Action"), kind, timeoutMs);
    if (blocksTheSession(action)) {
      String id = actionId;
      blockingUntilMs.put(id, System.currentTimeMillis() + timeoutMs);
      answer.onComplete(ar -> blockingUntilMs.remove(id));
    }
    socket.write(bytes);
    return answer;
  }

  boolean isOpen() {
    return loggedIn && closeReason == null;
  }

  int pendingActions() {
    return pending.size();
  }

  long unmatchedResponses() {
    return pending.unmatched();
  }

  /** Closes the socket; pending actions fail with {@code disconnected} and the listener hears why. */
  void close(String reason) {
    if (closeReason == null) {
      closeReason = reason;
    }
    if (socket != null) {
      SocketClose.now(socket); // a peer that stopped reading (the keepalive's case) must not keep it open
    } else {
      onClosed();
    }
  }

  private void onClosed() {
    if (closeReason == null) {
      closeReason = "closed by Asterisk";
    }
    pending.failAll(closeReason);
    banner.tryFail(new ConnectFailure(ConnectionState.DISCONNECTED, "connection closed before the banner: " + closeReason));
    if (loggedIn) {
      loggedIn = false;
      listener.closed(this, closeReason);
    }
  }

  private final class ParserListener implements AmiParser.Listener {
    @Override
    public void banner(String version) {
      amiVersion = version;
      banner.tryComplete(version);
    }

    @Override
    public void message(AmiMessage message) {
      long now = System.currentTimeMillis();
      if (message.isEvent()) {
        if (pending.onEvent(message)) {
          return; // a list item: the reply of the action that asked for it
        }
        listener.event(message, now);
        if ("Shutdown".equalsIgnoreCase(message.eventName())) {
          close("Asterisk is shutting down (Shutdown: " + LogSafeText.of(message.get("Shutdown")) + ", Restart: "
            + LogSafeText.of(message.get("Restart")) + ")");
        }
      } else {
        pending.onResponse(message);
      }
    }

    @Override
    public void rejected(String reason) {
      rejected(reason, null);
    }

    @Override
    public void rejected(String reason, String actionId) {
      listener.rejected(reason, actionId);
      if (actionId != null) {
        pending.fail(actionId, FailureCode.ASTERISK_ERROR.exception("Asterisk's answer (ActionID " + actionId
          + ") was dropped: " + reason));
      }
    }

    @Override
    public void fatal(String reason) {
      banner.tryFail(new ConnectFailure(ConnectionState.INCORRECT_SERVER, "the peer is not an AMI server: " + reason));
      close("not an AMI server");
    }
  }

  private static String md5Hex(String text) {
    try {
      MessageDigest md5 = MessageDigest.getInstance("MD5");
      return HexFormat.of().formatHex(md5.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no MD5", e);
    }
  }

  static String describe(Throwable t) {
    String message = t.getMessage();
    return message == null ? t.getClass().getSimpleName() : message;
  }
}
