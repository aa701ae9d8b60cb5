package io.github.vertxasterisk.ami.impl;

import io.github.vertxasterisk.ami.codec.AmiMessage;
import io.github.vertxasterisk.common.ConnectionState;
import io.github.vertxasterisk.common.FailureCode;
import io.github.vertxasterisk.common.LogBudget;
import io.github.vertxasterisk.common.LogSafeText;
import io.github.vertxasterisk.common.ReconnectSchedule;
import io.github.vertxasterisk.common.StatusChannel;
import io.github.vertxasterisk.common.cluster.HeldConnection;
import io.github.vertxasterisk.common.cluster.HolderTerm;
import io.github.vertxasterisk.common.cluster.SparsePublisher;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetClient;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Keeps one PBX's AMI connection alive for as long as this node holds it: connects, reconnects with
 * capped exponential backoff and jitter (a long one after an authentication failure: no tight loop
 * against a wrong secret), pings to detect a dead peer, and reports every state change on
 * {@code .status}. Each connection gets a new cluster-wide epoch from the holder term, and no event is
 * published once the term's lease has run out. While a flood is shed (AmiEventPublisher's bounds), a
 * {@code .status} message a second says how many events it cost. Confined to the verticle's event loop.
 */
final class AmiSession implements AmiConnection.Listener, HeldConnection.Session {
  private static final Logger LOG = Logger.getLogger(AmiSession.class.getName());
  static final long DROP_REPORT_MS = 1_000;

  private final Vertx vertx;
  private final NetClient client;
  private final AmiConfig config;
  private final AmiEventPublisher publisher;
  private final ReconnectSchedule reconnects;
  private final String actionIdPrefix;
  private final HolderTerm term;
  private final StatusChannel status;

  private ConnectionState state = ConnectionState.DISCONNECTED;
  private String reason;
  private AmiConnection connection;
  /** Answers nobody waited for, on the connections closed so far: info() counts for the whole session. */
  private long unmatchedOnClosedConnections;
  private long epoch;
  private long rejected;
  private long connectedAtMs;
  private String asteriskVersion;
  private long keepAliveTimer = -1;
  private long dropReportTimer = -1;
  private long droppedReported;
  /** Messages the parser dropped, logged for the whole session (not per connection): a few a minute. */
  private final LogBudget rejectLogBudget = new LogBudget(10, 60_000);
  /** Filters Asterisk refused, warned about once per session (not again at every reconnect). */
  private final Set<String> refusedFilters = new HashSet<>();
  private boolean stopped;

  AmiSession(Vertx vertx, NetClient client, AmiConfig config, String actionIdPrefix, HolderTerm term, StatusChannel status) {
    this.term = term;
    this.vertx = vertx;
    this.client = client;
    this.config = config;
    this.status = status;
    this.publisher = new AmiEventPublisher(SparsePublisher.start(vertx), config);
    this.reconnects = new ReconnectSchedule(vertx, config.reconnectInitialMs, config.reconnectMaxMs, config.authFailedDelayMs);
    this.actionIdPrefix = actionIdPrefix;
  }

  @Override
  public void start() {
    dropReportTimer = vertx.setPeriodic(DROP_REPORT_MS, id -> reportDrops());
    connect();
  }

  /** The logged-in connection, or a failure saying why there is none. */
  Future<AmiConnection> connection() {
    if (!term.leaseValid()) {
      return term.refuseAfterLease("AMI " + config.pbx, "an action");
    }
    if (connection != null && connection.isOpen()) {
      return Future.succeededFuture(connection);
    }
    return Future.failedFuture(FailureCode.NOT_CONNECTED.exception(
      "AMI " + config.pbx + " is " + state.wire() + (reason == null ? "" : " (" + reason + ")")));
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
      setState(ConnectionState.CONNECTING, null, new JsonObject().put("host", config.host).put("port", config.port));
      AmiConnection.open(vertx, client, config, actionIdPrefix + epoch + "-", this)
        .onSuccess(this::connected)
        .onFailure(this::connectFailed);
    }).onFailure(err -> scheduleReconnect(ConnectionState.DISCONNECTED, "no new epoch from the cluster: " + err.getMessage()));
  }

  private void connected(AmiConnection conn) {
    if (stopped) {
      conn.close("verticle stopped");
      return;
    }
    connection = conn;
    connectedAtMs = System.currentTimeMillis();
    reconnects.opened();
    startKeepAlive();
    // Include filters also apply to OriginateResponse: without it an async Originate would never be
    // answered. Exclude ("!") filters alone let everything else through; an include added beside them
    // would let through nothing but OriginateResponse.
    List<String> filters = config.filters.stream().noneMatch(AmiSession::includes) ? config.filters
      : java.util.stream.Stream.concat(config.filters.stream(), java.util.stream.Stream.of("Event: OriginateResponse")).toList();
    Future.all(filters.stream().map(this::addFilter).toList())
      .eventually(() -> fetchAsteriskVersion(conn))
      .onComplete(ar -> {
        if (conn.isOpen()) {
          setState(ConnectionState.CONNECTED, null, new JsonObject()
            .put("amiVersion", conn.amiVersion).put("asteriskVersion", asteriskVersion));
        }
      });
  }

  /** Asterisk's Filter: a leading '!' excludes what matches; any other filter includes it. */
  private static boolean includes(String filter) {
    return !filter.startsWith("!");
  }

  private Future<Void> addFilter(String filter) {
    JsonObject action = new JsonObject().put("Action", "Filter").put("Operation", "Add").put("Filter", filter);
    return connection.action(action, PendingActions.Kind.SINGLE, config.actionTimeoutMs).compose(result -> {
      if (result.isError() && refusedFilters.add(filter)) {
        LOG.warning("AMI " + config.pbx + ": Asterisk refused filter '" + filter + "': " + LogSafeText.of(result.response().get("Message")));
      }
      return Future.<Void>succeededFuture();
    }, err -> Future.succeededFuture());
  }

  private Future<Void> fetchAsteriskVersion(AmiConnection conn) {
    return conn.action(new JsonObject().put("Action", "CoreSettings"), PendingActions.Kind.SINGLE, config.actionTimeoutMs)
      .map(result -> {
        connectionProved(conn);
        asteriskVersion = result.response().get("AsteriskVersion");
        return (Void) null;
      })
      .otherwiseEmpty();
  }

  /**
   * A login that succeeded proves little (a peer may accept it and drop the connection each time): the
   * first answer or event after it is what starts the backoff from its initial delay again.
   */
  private void connectionProved(AmiConnection conn) {
    if (conn != null && conn == connection) {
      reconnects.proved();
    }
  }

  private void connectFailed(Throwable cause) {
    ConnectFailure failure = cause instanceof ConnectFailure ? (ConnectFailure) cause
      : new ConnectFailure(ConnectionState.DISCONNECTED, AmiConnection.describe(cause));
    scheduleReconnect(failure.state, failure.getMessage());
  }

  @Override
  public void event(AmiMessage event, long receivedAtMs) {
    if (!term.leaseValid()) {
      // A stale holder (frozen, or cut off): a standby may already publish this PBX's events. Those of
      // this read that went out one by one while the lease held still go out as their batch (README:
      // .events.batch has each event exactly as .events); none after them.
      publisher.flushBatch();
      publisher.dropStale();
      term.lose("holder lease expired while events arrived");
      return;
    }
    if (!sentWithTheLogin(event)) {
      connectionProved(connection);
    }
    publisher.publish(event, receivedAtMs);
  }

  /**
   * Asterisk writes FullyBooted and SuccessfulAuth together with the Login's response (capture 01): they
   * are part of the login, and prove no more than it does.
   */
  private static boolean sentWithTheLogin(AmiMessage event) {
    String name = event.eventName();
    return "FullyBooted".equalsIgnoreCase(name) || "SuccessfulAuth".equalsIgnoreCase(name);
  }

  @Override
  public void endOfRead() {
    publisher.flushBatch(); // only events published while the lease held are in it
  }

  @Override
  public void rejected(String why, String actionId) {
    rejected++;
    String more = rejectLogBudget.admit();
    if (more != null) {
      LOG.warning("AMI " + config.pbx + ": dropped a message from Asterisk: " + why
        + (actionId == null ? "" : " (ActionID " + actionId + ")") + more);
    }
  }

  @Override
  public void closed(AmiConnection conn, String why) {
    if (conn != connection) {
      return;
    }
    connection = null;
    unmatchedOnClosedConnections += conn.unmatchedResponses();
    cancelKeepAlive();
    scheduleReconnect(ConnectionState.DISCONNECTED, why);
  }

  private void scheduleReconnect(ConnectionState failedState, String why) {
    if (stopped) {
      return;
    }
    long delay = reconnects.schedule(failedState == ConnectionState.AUTH_FAILED, this::connect);
    setState(failedState, why, new JsonObject().put("retryInMs", delay));
  }

  private void startKeepAlive() {
    keepAliveTimer = vertx.setPeriodic(config.keepAliveIntervalMs, id -> {
      AmiConnection conn = connection;
      if (conn == null) {
        return;
      }
      conn.keepAlivePing(config.keepAliveTimeoutMs)
        .onSuccess(answer -> connectionProved(conn))
        .onFailure(err -> {
          if (FailureCode.of(err) == FailureCode.TIMEOUT) {
            conn.close("keepalive: no answer to Ping within " + config.keepAliveTimeoutMs + " ms");
          }
        });
    });
  }

  private void cancelKeepAlive() {
    if (keepAliveTimer >= 0) {
      vertx.cancelTimer(keepAliveTimer);
      keepAliveTimer = -1;
    }
  }

  /** Once a report period saw events dropped: the state unchanged, plus what the flood cost. */
  private void reportDrops() {
    long total = publisher.dropped();
    long recent = total - droppedReported;
    if (recent == 0) {
      return;
    }
    droppedReported = total;
    String what = "event flood: " + recent + " events dropped in the last " + DROP_REPORT_MS
      + " ms (latest: " + publisher.dropCause() + ")";
    LOG.warning("AMI " + config.pbx + ": " + what);
    status.report(state, epoch, new JsonObject()
      .put("overload", what)
      .put("dropped", recent)
      .put("eventsDropped", total)
      .put("maxEventsPerSecond", config.maxEventsPerSecond)
      .put("maxHeapPercent", config.maxHeapPercent));
  }

  private void setState(ConnectionState newState, String why, JsonObject details) {
    state = newState;
    reason = why;
    status.publish(newState, epoch, why, details);
  }

  /** The service's {@code info()}: state, versions, holder, counters. */
  JsonObject info() {
    AmiConnection conn = connection;
    JsonObject info = status.snapshot(state, epoch)
      .put("host", config.host)
      .put("port", config.port)
      .put("amiVersion", conn == null ? null : conn.amiVersion)
      .put("asteriskVersion", conn == null ? null : asteriskVersion)
      .put("connectedAt", conn == null ? null : connectedAtMs)
      .put("pendingActions", conn == null ? 0 : conn.pendingActions())
      .put("eventsPublished", publisher.published())
      .put("eventsFiltered", publisher.filtered())
      .put("eventsDropped", publisher.dropped())
      .put("maxEventsPerSecond", config.maxEventsPerSecond)
      .put("maxHeapPercent", config.maxHeapPercent)
      .put("eventsDroppedStale", publisher.droppedStale())
      .put("messagesRejected", rejected)
      .put("unmatchedResponses", unmatchedOnClosedConnections + (conn == null ? 0 : conn.unmatchedResponses()))
      .put("reconnects", reconnects.count());
    if (reason != null) {
      info.put("reason", reason);
    }
    return info;
  }

  /** Logs off politely (bounded wait), closes, and reports {@code finalState} (standby or stopped). */
  @Override
  public Future<Void> stop(ConnectionState finalState, String why) {
    stopped = true;
    publisher.close();
    cancelKeepAlive();
    vertx.cancelTimer(dropReportTimer);
    reconnects.cancel();
    AmiConnection conn = connection;
    connection = null;
    Promise<Void> done = Promise.promise();
    if (conn == null || !conn.isOpen()) {
      done.complete();
    } else {
      conn.action(new JsonObject().put("Action", "Logoff"), PendingActions.Kind.SINGLE, 1_000)
        .onComplete(ar -> {
          conn.close("verticle stopped");
          done.complete();
        });
    }
    return done.future().onComplete(v -> setState(finalState, why, new JsonObject()));
  }
}
