package io.github.vertxasterisk.ami.impl;

import io.github.vertxasterisk.ami.api.AmiService;
import io.github.vertxasterisk.common.StatusChannel;
import io.github.vertxasterisk.common.cluster.HeldConnection;
import io.github.vertxasterisk.common.cluster.HolderElection;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import java.util.UUID;

/**
 * One PBX's AMI side on this node: the socket client, and the {@link HeldConnection} that runs a
 * session and serves {@link AmiService} while this node holds the PBX.
 */
public final class AmiRuntime {
  private final NetClient client;
  private final HeldConnection<AmiService> held;

  public AmiRuntime(Vertx vertx, AmiConfig config) {
    NetClientOptions options = new NetClientOptions()
      .setConnectTimeout((int) config.connectTimeoutMs)
      .setTcpNoDelay(true)
      .setTcpKeepAlive(true)
      .setSsl(config.tls);
    if (config.tls) {
      // Vert.x 5 refuses a TLS connect without an algorithm; trusting every certificate, a name check means nothing.
      options.setHostnameVerificationAlgorithm(config.tlsTrustAll ? "" : "HTTPS").setTrustAll(config.tlsTrustAll);
    }
    this.client = vertx.createNetClient(options);
    StatusChannel status = new StatusChannel(vertx, config.addresses().status(), "AMI " + config.pbx, config.pbx, config.node);
    this.held = new HeldConnection<>(vertx, AmiService.class, config.addresses().service(), status, config.holder, term -> {
      // Unique across the cluster and across restarts, so no two nodes ever share an ActionID.
      String actionIdPrefix = UUID.randomUUID().toString().substring(0, 8) + "-";
      AmiSession session = new AmiSession(vertx, client, config, actionIdPrefix, term, status);
      return new HeldConnection.Term<>(session, new AmiServiceImpl(session, config));
    });
  }

  /** Joins the {@link HolderElection} for this PBX; reports standby until it holds. */
  public void start() {
    held.start();
  }

  /** Undeploy: hand the connection over at once (releasing the lock), then close the socket client. */
  public Future<Void> stop() {
    return held.stop().eventually(client::close);
  }
}
