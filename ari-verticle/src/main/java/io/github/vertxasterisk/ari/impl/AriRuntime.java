package io.github.vertxasterisk.ari.impl;

import io.github.vertxasterisk.ari.api.AriService;
import io.github.vertxasterisk.common.StatusChannel;
import io.github.vertxasterisk.common.cluster.HeldConnection;
import io.github.vertxasterisk.common.cluster.HolderElection;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;

/**
 * One PBX's ARI side on this node: the clients it connects with, and the {@link HeldConnection} that
 * runs a session (one events WebSocket for the configured applications in the whole cluster) and
 * serves {@link AriService} while this node holds the PBX.
 */
public final class AriRuntime {
  private final AriRestClient rest;
  private final WebSocketClient wsClient;
  private final HeldConnection<AriService> held;

  public AriRuntime(Vertx vertx, AriConfig config) {
    this.rest = new AriRestClient(vertx, config);
    WebSocketClientOptions options = new WebSocketClientOptions()
      .setConnectTimeout((int) config.connectTimeoutMs)
      .setSsl(config.tls)
      .setTrustAll(config.tls && config.tlsTrustAll)
      .setVerifyHost(!config.tlsTrustAll) // as in AriRestClient
      .setMaxMessageSize(config.maxEventBytes)
      // Asterisk writes each event as one unfragmented frame: the frame limit is the event limit
      .setMaxFrameSize(config.maxEventBytes)
      // a dead peer never answers our close frame: do not wait long for it
      .setClosingTimeout(2);
    this.wsClient = vertx.createWebSocketClient(options);
    StatusChannel status = new StatusChannel(vertx, config.addresses().status(), "ARI " + config.pbx, config.pbx, config.node);
    this.held = new HeldConnection<>(vertx, AriService.class, config.addresses().service(), status, config.holder, term -> {
      AriSession session = new AriSession(vertx, rest, wsClient, config, term, status);
      return new HeldConnection.Term<>(session, new AriServiceImpl(session));
    });
  }

  /** Joins the {@link HolderElection} for this PBX; reports standby until it holds. */
  public void start() {
    held.start();
  }

  /** Undeploy: hand the connection over at once (releasing the lock), then close the clients. */
  public Future<Void> stop() {
    return held.stop()
      .eventually(wsClient::close)
      .eventually(rest::close);
  }
}
