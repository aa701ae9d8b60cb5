package io.github.vertxasterisk.ami.impl;

import io.github.vertxasterisk.ami.api.AmiService;
import io.github.vertxasterisk.common.ConnectionState;
import io.github.vertxasterisk.common.cluster.HolderElection;
import io.github.vertxasterisk.common.cluster.HolderTerm;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.vertx.serviceproxy.ServiceBinder;
import java.util.UUID;

/**
 * One PBX's AMI side on this node, driven by its {@link HolderElection}: on standby it only reports
 * {@code standby}; as holder it runs a session and serves {@link AmiService}. Only the holder registers
 * the service, so calls never reach a node without the connection.
 */
public final class AmiRuntime implements HolderElection.Candidate {
  private final Vertx vertx;
  private final AmiConfig config;
  private final NetClient client;
  private final HolderElection election;
  private AmiSession session;
  private MessageConsumer<JsonObject> service;

  public AmiRuntime(Vertx vertx, AmiConfig config) {
    this.vertx = vertx;
    this.config = config;
    NetClientOptions options = new NetClientOptions()
      .setConnectTimeout((int) config.connectTimeoutMs)
      .setTcpNoDelay(true)
      .setTcpKeepAlive(true)
      .setSsl(config.tls);
    if (config.tls && config.tlsTrustAll) {
      options.setTrustAll(true);
    }
    this.client = vertx.createNetClient(options);
    this.election = new HolderElection(vertx, config.addresses().service(), config.holder, this);
  }

  public void start() {
    publishStandby("waiting to hold the connection");
    election.start();
  }

  @Override
  public Future<Void> takeOver(HolderTerm term) {
    // Unique across the cluster and across restarts, so no two nodes ever share an ActionID.
    String actionIdPrefix = UUID.randomUUID().toString().substring(0, 8) + "-";
    session = new AmiSession(vertx, client, config, actionIdPrefix, term);
    service = new ServiceBinder(vertx)
      .setAddress(config.addresses().service())
      .register(AmiService.class, new AmiServiceImpl(session, config));
    session.start();
    return service.completion();
  }

  @Override
  public Future<Void> stepDown(String reason) {
    return endTerm(ConnectionState.STANDBY, reason);
  }

  private Future<Void> endTerm(ConnectionState finalState, String reason) {
    AmiSession ending = session;
    MessageConsumer<JsonObject> registered = service;
    session = null;
    service = null;
    Future<Void> unregistered = registered == null ? Future.succeededFuture() : registered.unregister();
    return unregistered.eventually(() -> ending == null ? Future.succeededFuture() : ending.stop(finalState, reason));
  }

  /** Undeploy: hand the connection over at once (releasing the lock), then close the socket client. */
  public Future<Void> stop() {
    return election.stop()
      .eventually(() -> endTerm(ConnectionState.STOPPED, null))
      .eventually(client::close);
  }

  private void publishStandby(String reason) {
    vertx.eventBus().publish(config.addresses().status(), new JsonObject()
      .put("pbx", config.pbx).put("node", config.node).put("state", ConnectionState.STANDBY.wire())
      .put("reason", reason).put("at", System.currentTimeMillis()));
  }
}
