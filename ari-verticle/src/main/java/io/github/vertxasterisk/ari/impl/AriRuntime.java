package io.github.vertxasterisk.ari.impl;

import io.github.vertxasterisk.ari.api.AriService;
import io.github.vertxasterisk.common.ConnectionState;
import io.github.vertxasterisk.common.cluster.HolderElection;
import io.github.vertxasterisk.common.cluster.HolderTerm;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.serviceproxy.ServiceBinder;

/**
 * One PBX's ARI side on this node, driven by its {@link HolderElection}: on standby it only reports
 * {@code standby}; as holder it runs a session (one events WebSocket for the configured applications
 * in the whole cluster) and serves {@link AriService}. Only the holder registers the service, so calls
 * never reach a node without the connection.
 */
public final class AriRuntime implements HolderElection.Candidate {
  private final Vertx vertx;
  private final AriConfig config;
  private final AriRestClient rest;
  private final WebSocketClient wsClient;
  private final HolderElection election;
  private AriSession session;
  private MessageConsumer<JsonObject> service;

  public AriRuntime(Vertx vertx, AriConfig config) {
    this.vertx = vertx;
    this.config = config;
    this.rest = new AriRestClient(vertx, config);
    WebSocketClientOptions options = new WebSocketClientOptions()
      .setConnectTimeout((int) config.connectTimeoutMs)
      .setSsl(config.tls)
      .setTrustAll(config.tls && config.tlsTrustAll)
      .setMaxMessageSize(config.maxEventBytes)
      // a dead peer never answers our close frame: do not wait long for it
      .setClosingTimeout(2);
    this.wsClient = vertx.createWebSocketClient(options);
    this.election = new HolderElection(vertx, config.addresses().service(), config.holder, this);
  }

  public void start() {
    publishStandby("waiting to hold the connection");
    election.start();
  }

  @Override
  public Future<Void> takeOver(HolderTerm term) {
    session = new AriSession(vertx, rest, wsClient, config, term);
    service = new ServiceBinder(vertx)
      .setAddress(config.addresses().service())
      .register(AriService.class, new AriServiceImpl(session));
    session.start();
    return service.completion();
  }

  @Override
  public Future<Void> stepDown(String reason) {
    return endTerm(ConnectionState.STANDBY, reason);
  }

  private Future<Void> endTerm(ConnectionState finalState, String reason) {
    AriSession ending = session;
    MessageConsumer<JsonObject> registered = service;
    session = null;
    service = null;
    Future<Void> unregistered = registered == null ? Future.succeededFuture() : registered.unregister();
    return unregistered.eventually(() -> ending == null ? Future.succeededFuture() : ending.stop(finalState, reason));
  }

  /** Undeploy: hand the connection over at once (releasing the lock), then close the clients. */
  public Future<Void> stop() {
    return election.stop()
      .eventually(() -> endTerm(ConnectionState.STOPPED, null))
      .eventually(wsClient::close)
      .eventually(rest::close);
  }

  private void publishStandby(String reason) {
    vertx.eventBus().publish(config.addresses().status(), new JsonObject()
      .put("pbx", config.pbx).put("node", config.node).put("state", ConnectionState.STANDBY.wire())
      .put("reason", reason).put("at", System.currentTimeMillis()));
  }
}
