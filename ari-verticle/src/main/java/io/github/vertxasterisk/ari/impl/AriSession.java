package io.github.vertxasterisk.ari.impl;

import io.github.vertxasterisk.ari.impl.spec.AriSpec;
import io.github.vertxasterisk.ari.impl.spec.AriSpecLoader;
import io.github.vertxasterisk.common.ConnectionState;
import io.github.vertxasterisk.common.FailureCode;
import io.github.vertxasterisk.common.LogBudget;
import io.github.vertxasterisk.common.LogSafeText;
import io.github.vertxasterisk.common.ReconnectSchedule;
import io.github.vertxasterisk.common.StatusChannel;
import io.github.vertxasterisk.common.cluster.HeldConnection;
import io.github.vertxasterisk.common.cluster.HolderTerm;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.ConnectException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps one PBX's ARI side alive for as long as this node holds it. Each connection: a new epoch,
 * the API loaded from the server's own {@code /api-docs} (so every Asterisk version's operations
 * work), its version from {@code asterisk/info}, then the events WebSocket for the configured
 * applications. Every event goes through {@link AriEventPublisher}; a WebSocket ping every
 * {@code pingIntervalMs} detects a dead peer (Asterisk never pings by itself). Reconnects with capped
 * exponential backoff, and a long one after {@code auth-failed} or when another client took the
 * application ({@code ApplicationReplaced}): no tight loop fighting over an app, and the long waits
 * grow at each replacement ({@link ReconnectSchedule}). The backoff starts again only once a connection
 * proved itself (an event or a pong), not at the handshake: a peer that accepts the WebSocket and drops
 * it at once is retried ever more slowly. Confined to the verticle's event loop.
 */
final class AriSession implements HeldConnection.Session {
  private static final Logger LOG = Logger.getLogger(AriSession.class.getName());
  /** Garbage frames are logged individually up to this many per connection, then only counted. */
  private static final int LOGGED_REJECTS = 10;
  /**
   * A stray garbage frame is skipped, but this many in a row without one real event means the peer is
   * not speaking ARI: report it and reconnect rather than stay "connected" to it.
   */
  private static final int MAX_CONSECUTIVE_REJECTS = 10;
  /** And across connections: a server that proves each WebSocket then sends garbage and closes it. */
  private final LogBudget rejectLogBudget = new LogBudget(2 * LOGGED_REJECTS, 60_000);

  private final Vertx vertx;
  private final AriConfig config;
  private final AriRestClient rest;
  private final WebSocketClient wsClient;
  private final AriEventPublisher publisher;
  private final ReconnectSchedule reconnects;
  private final HolderTerm term;
  private final StatusChannel status;

  private ConnectionState state = ConnectionState.DISCONNECTED;
  private String reason;
  private long epoch;
  private AriSpec spec;
  private String asteriskVersion;
  private WebSocket socket;
  private long connectedAtMs;
  private long framesRejected;
  private long rejectsThisConnection;
  private int consecutiveRejects;
  private long restRequests;
  /** The first error the current WebSocket reported (e.g. an event over maxEventBytes): why it closed. */
  private Throwable socketError;
  private long keepAliveTimer = -1;
  private long pongTimer = -1;
  private boolean stopped;

  AriSession(Vertx vertx, AriRestClient rest, WebSocketClient wsClient, AriConfig config, HolderTerm term, StatusChannel status) {
    this.vertx = vertx;
    this.rest = rest;
    this.wsClient = wsClient;
    this.config = config;
    this.term = term;
    this.status = status;
    this.publisher = new AriEventPublisher(vertx.eventBus(), config);
    this.reconnects = new ReconnectSchedule(vertx, config.reconnectInitialMs, config.reconnectMaxMs, config.authFailedDelayMs);
  }

  @Override
  public void start() {
    connect();
  }

  /** The API of the connected Asterisk, or {@code not-connected} saying why there is none. */
  Future<AriSpec> spec() {
    if (state == ConnectionState.CONNECTED && spec != null) {
      return Future.succeededFuture(spec);
    }
    return Future.failedFuture(FailureCode.NOT_CONNECTED.exception(
      "ARI " + config.pbx + " is " + state.wire() + (reason == null ? "" : " (" + reason + ")")));
  }

  /** One REST call on behalf of the service: only while connected, and while this node's term lasts. */
  Future<AriHttpResponse> call(HttpMethod method, String path, Map<String, String> query, JsonObject body) {
    if (!term.leaseValid()) {
      return term.refuseAfterLease("ARI " + config.pbx, "a request");
    }
    return spec().compose(s -> {
      restRequests++;
      return rest.send(method, path, query, body);
    });
  }

  private void connect() {
    if (stopped) {
      return;
    }
    term.nextEpoch().onSuccess(newEpoch -> {
      if (stopped) {
        return;
      }
      epoch = newEpoch;
      publisher.newEpoch(newEpoch);
      rejectsThisConnection = 0;
      consecutiveRejects = 0;
      setState(ConnectionState.CONNECTING, null, new JsonObject().put("url", config.displayUrl()));
      AriSpecLoader.load(this::fetchDocument)
        .recover(err -> Future.failedFuture(classifySpecFailure(err)))
        .compose(loaded -> stillHolding().compose(v -> fetchAsteriskVersion())
          .compose(version -> stillHolding().compose(v -> openSocket()).map(ws -> {
            connected(ws, loaded, version);
            return ws;
          })))
        .onFailure(err -> {
          AriConnectFailure failure = AriConnectFailure.of(err);
          scheduleReconnect(failure.state, failure.getMessage());
        });
    }).onFailure(err -> scheduleReconnect(ConnectionState.DISCONNECTED, "no new epoch from the cluster: " + err.getMessage()));
  }

  /**
   * A session stopped mid-connect (its holder stepped down), or whose lease ran out meanwhile (a frozen
   * node), goes no further: its events WebSocket would take the applications from the new holder's
   * (Asterisk sends that one ApplicationReplaced, which parks it for authFailedDelayMs).
   */
  private Future<Void> stillHolding() {
    if (stopped) {
      return Future.failedFuture(new AriConnectFailure(ConnectionState.STANDBY, "no longer the holder"));
    }
    if (!term.leaseValid()) {
      term.lose("holder lease expired while connecting");
      return Future.failedFuture(new AriConnectFailure(ConnectionState.STANDBY, "holder lease expired while connecting"));
    }
    return Future.succeededFuture();
  }

  /** One API document; an answer that is not one says the peer is no ARI server. */
  private Future<JsonObject> fetchDocument(String relativePath) {
    String what = "GET " + config.basePath + "/api-docs/" + relativePath;
    return rest.send(HttpMethod.GET, "/api-docs/" + relativePath, Map.of(), null)
      .recover(err -> Future.failedFuture(new AriConnectFailure(ConnectionState.DISCONNECTED, err.getMessage())))
      .compose(r -> {
        if (r.status() == 401) {
          return Future.failedFuture(authFailed(what));
        }
        if (!r.isSuccess()) {
          return Future.failedFuture(new AriConnectFailure(ConnectionState.INCORRECT_SERVER,
            what + " answered HTTP " + r.status() + " " + r.statusMessage() + ": not an Asterisk ARI server?"));
        }
        Object json;
        try {
          json = r.json();
        } catch (DecodeException e) {
          json = null;
        }
        if (!(json instanceof JsonObject)) {
          return Future.failedFuture(new AriConnectFailure(ConnectionState.INCORRECT_SERVER,
            what + " is not a JSON object (" + LogSafeText.of(r.contentType()) + ": " + r.snippet() + "): not an Asterisk ARI server?"));
        }
        return Future.succeededFuture((JsonObject) json);
      });
  }

  private AriConnectFailure authFailed(String what) {
    return new AriConnectFailure(ConnectionState.AUTH_FAILED,
      "ARI refused the credentials of user '" + config.username + "' (HTTP 401 on " + what + ")");
  }

  /** Transport and HTTP failures are classified already; anything else is a document we cannot read. */
  private static AriConnectFailure classifySpecFailure(Throwable err) {
    for (Throwable t = err; t != null; t = t.getCause()) {
      if (t instanceof AriConnectFailure f) {
        return f;
      }
    }
    return new AriConnectFailure(ConnectionState.INCORRECT_SERVER, "unreadable ARI API declarations: " + err.getMessage());
  }

  private Future<String> fetchAsteriskVersion() {
    return rest.send(HttpMethod.GET, "/asterisk/info", Map.of("only", "system"), null).map(r -> {
      try {
        Object json = r.isSuccess() ? r.json() : null;
        JsonObject system = json instanceof JsonObject info ? info.getJsonObject("system") : null;
        return system == null ? null : system.getString("version");
      } catch (DecodeException | ClassCastException e) {
        return null;
      }
    }).otherwise((String) null);
  }

  private Future<WebSocket> openSocket() {
    String apps = URLEncoder.encode(String.join(",", config.apps), StandardCharsets.UTF_8);
    String credentials = Base64.getEncoder().encodeToString(
      (config.username + ":" + config.password).getBytes(StandardCharsets.UTF_8));
    WebSocketConnectOptions options = new WebSocketConnectOptions()
      .setHost(config.host)
      .setPort(config.port)
      .setSsl(config.tls)
      .setURI(config.basePath + "/events?app=" + apps + "&subscribeAll=" + config.subscribeAll)
      .setConnectTimeout(config.connectTimeoutMs)
      // the upgrade is a request: a peer that accepts the TCP connection but never answers it must not
      // leave the session "connecting" for good
      .setTimeout(config.requestTimeoutMs)
      .putHeader("Authorization", "Basic " + credentials);
    long startedAtNanos = System.nanoTime();
    return wsClient.connect(options).recover(err -> {
      if (err instanceof UpgradeRejectedException rejected) {
        if (rejected.getStatus() == 401) {
          return Future.failedFuture(authFailed("the events WebSocket"));
        }
        return Future.failedFuture(new AriConnectFailure(ConnectionState.DISCONNECTED,
          "events WebSocket refused: HTTP " + rejected.getStatus()));
      }
      if (!(err instanceof ConnectException) && System.nanoTime() - startedAtNanos >= config.requestTimeoutMs * 1_000_000L) {
        // Vert.x ends an unanswered upgrade by closing the connection: say why
        return Future.failedFuture(new AriConnectFailure(ConnectionState.DISCONNECTED,
          "events WebSocket: no answer to the upgrade within " + config.requestTimeoutMs + " ms"));
      }
      return Future.failedFuture(new AriConnectFailure(ConnectionState.DISCONNECTED,
        "events WebSocket: " + (err.getMessage() == null ? err.getClass().getSimpleName() : err.getMessage())));
    });
  }

  private void connected(WebSocket ws, AriSpec loaded, String version) {
    if (stopped) {
      ws.close((short) 1000, "verticle stopped");
      return;
    }
    socket = ws;
    spec = loaded;
    asteriskVersion = version;
    connectedAtMs = System.currentTimeMillis();
    ws.frameHandler(new EventFrames(config.maxEventBytes, text -> onText(ws, text),
      bytes -> rejectFrame(ws, "a binary message of " + bytes + " bytes"), why -> tooLarge(ws, why))::frame);
    ws.pongHandler(data -> {
      cancelPongTimer();
      connectionProved(ws);
    });
    socketError = null;
    ws.exceptionHandler(err -> {
      LOG.log(Level.FINE, "ARI " + config.pbx + " WebSocket error", err);
      // the first error says why; the "connection was closed" that follows it, nothing more
      if (ws == socket && socketError == null && !(err instanceof HttpClosedException)) {
        socketError = err;
      }
    });
    ws.closeHandler(v -> lost(ws, "the events WebSocket closed"
      + (ws.closeStatusCode() == null ? "" : " (" + ws.closeStatusCode() + (ws.closeReason() == null ? "" : " " + LogSafeText.of(ws.closeReason())) + ")")
      + (socketError == null || ws != socket ? "" : ": " + socketError.getMessage())));
    reconnects.opened();
    startKeepAlive(ws);
    setState(ConnectionState.CONNECTED, null, new JsonObject()
      .put("asteriskVersion", asteriskVersion)
      .put("apiVersion", loaded.apiVersion())
      .put("apps", new JsonArray(config.apps))
      .put("url", config.displayUrl()));
  }

  /** A message over maxEventBytes: the connection is closed, as Vert.x closes it for a single frame over it. */
  private void tooLarge(WebSocket ws, String why) {
    if (ws != socket) {
      return;
    }
    if (socketError == null) {
      socketError = new IllegalStateException(why);
    }
    ws.close((short) 1009, "message too big");
  }

  private void onText(WebSocket ws, String text) {
    if (ws != socket) {
      return;
    }
    long receivedAt = System.currentTimeMillis();
    JsonObject event;
    try {
      event = new JsonObject(text);
    } catch (DecodeException | ClassCastException e) {
      rejectFrame(ws, "a text frame that is not a JSON object: " + LogSafeText.of(text, 80));
      return;
    }
    consecutiveRejects = 0;
    if (!term.leaseValid()) {
      // A stale holder (frozen, or cut off): a standby may already publish this PBX's events.
      publisher.dropStale();
      term.lose("holder lease expired while events arrived");
      return;
    }
    publisher.publish(event, receivedAt);
    if ("ApplicationReplaced".equals(event.getValue("type"))) {
      replaced(ws, event.getString("application")); // proves nothing: two clients fighting must slow down
    } else {
      connectionProved(ws);
    }
  }

  /**
   * A WebSocket that only completed its handshake proves nothing (a peer may accept and drop it each
   * time): the first event or pong on it is what starts the backoff from its initial delay again.
   */
  private void connectionProved(WebSocket ws) {
    if (ws == socket) {
      reconnects.proved();
    }
  }

  private void rejectFrame(WebSocket ws, String what) {
    if (ws != socket) {
      return;
    }
    framesRejected++;
    String more = ++rejectsThisConnection <= LOGGED_REJECTS ? rejectLogBudget.admit() : null;
    if (more != null) {
      LOG.warning("ARI " + config.pbx + ": ignored " + what + more);
    }
    if (++consecutiveRejects >= MAX_CONSECUTIVE_REJECTS) {
      detach();
      ws.close((short) 1003, "not ARI events");
      scheduleReconnect(ConnectionState.INCORRECT_SERVER, "the events WebSocket sent " + consecutiveRejects
        + " frames in a row that are not ARI events (last: " + what + "): not an Asterisk ARI server?");
    }
  }

  /**
   * Another client opened a WebSocket for one of our applications: Asterisk sends us nothing more for
   * it but keeps the socket open. Give it up and come back only after the long backoff.
   */
  private void replaced(WebSocket ws, String application) {
    detach();
    ws.close((short) 1000, "application replaced");
    scheduleReconnect(ConnectionState.DISCONNECTED, "application-replaced: another client took Stasis application '"
      + LogSafeText.of(application) + "'", true);
  }

  private void lost(WebSocket ws, String why) {
    if (ws != socket) {
      return;
    }
    detach();
    scheduleReconnect(ConnectionState.DISCONNECTED, why);
  }

  private void detach() {
    socket = null;
    cancelKeepAlive();
  }

  private void scheduleReconnect(ConnectionState failedState, String why) {
    scheduleReconnect(failedState, why, failedState == ConnectionState.AUTH_FAILED);
  }

  private void scheduleReconnect(ConnectionState failedState, String why, boolean longWait) {
    if (stopped) {
      return;
    }
    long delay = reconnects.schedule(longWait, this::connect);
    // the reason may quote the peer anywhere (a reason phrase, a handshake header in Netty's message, a
    // name from its api-docs): escaped as a whole, so no line break of its own reaches the log
    setState(failedState, LogSafeText.of(why, 1_000), new JsonObject().put("retryInMs", delay));
  }

  private void startKeepAlive(WebSocket ws) {
    keepAliveTimer = vertx.setPeriodic(config.pingIntervalMs, id -> {
      if (ws != socket || pongTimer >= 0) {
        return;
      }
      pongTimer = vertx.setTimer(config.pingTimeoutMs, t -> {
        pongTimer = -1;
        if (ws == socket) {
          lost(ws, "keepalive: no pong within " + config.pingTimeoutMs + " ms");
          ws.close((short) 1001, "no pong");
        }
      });
      ws.writePing(Buffer.buffer("keepalive"));
    });
  }

  private void cancelPongTimer() {
    if (pongTimer >= 0) {
      vertx.cancelTimer(pongTimer);
      pongTimer = -1;
    }
  }

  private void cancelKeepAlive() {
    cancelPongTimer();
    if (keepAliveTimer >= 0) {
      vertx.cancelTimer(keepAliveTimer);
      keepAliveTimer = -1;
    }
  }

  private void setState(ConnectionState newState, String why, JsonObject details) {
    state = newState;
    reason = why;
    status.publish(newState, epoch, why, details);
  }

  /** The service's {@code info()}: state, versions, holder, counters. */
  JsonObject info() {
    boolean up = state == ConnectionState.CONNECTED;
    JsonObject info = status.snapshot(state, epoch)
      .put("url", config.displayUrl())
      .put("apps", new JsonArray(config.apps))
      .put("subscribeAll", config.subscribeAll)
      .put("asteriskVersion", up ? asteriskVersion : null)
      .put("apiVersion", up && spec != null ? spec.apiVersion() : null)
      .put("operations", up && spec != null ? spec.operations().size() : 0)
      .put("connectedAt", up ? connectedAtMs : null)
      .put("reconnects", reconnects.count())
      .put("framesRejected", framesRejected)
      .put("restRequests", restRequests)
      .mergeIn(publisher.counters());
    if (reason != null) {
      info.put("reason", reason);
    }
    return info;
  }

  /** Closes the WebSocket and reports {@code finalState} (standby or stopped). */
  @Override
  public Future<Void> stop(ConnectionState finalState, String why) {
    stopped = true;
    reconnects.cancel();
    WebSocket ws = socket;
    detach();
    Future<Void> closed = ws == null ? Future.succeededFuture() : ws.close((short) 1000, "verticle stopped").otherwiseEmpty();
    return closed.onComplete(v -> setState(finalState, why, new JsonObject()));
  }
}
