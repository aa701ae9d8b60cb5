package io.github.vertxasterisk.ami.impl;

import io.github.vertxasterisk.ami.api.AmiService;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import java.util.UUID;

/** Wires a session, its socket client and its service for one PBX; what the verticle starts and stops. */
public final class AmiRuntime {
  private final NetClient client;
  private final AmiSession session;
  private final AmiServiceImpl service;

  private AmiRuntime(NetClient client, AmiSession session, AmiServiceImpl service) {
    this.client = client;
    this.session = session;
    this.service = service;
  }

  public static AmiRuntime create(Vertx vertx, AmiConfig config) {
    NetClientOptions options = new NetClientOptions()
      .setConnectTimeout((int) config.connectTimeoutMs)
      .setTcpNoDelay(true)
      .setTcpKeepAlive(true)
      .setSsl(config.tls);
    if (config.tls && config.tlsTrustAll) {
      options.setTrustAll(true);
    }
    NetClient client = vertx.createNetClient(options);
    // Unique across the cluster and across restarts, so no two nodes ever share an ActionID.
    String actionIdPrefix = UUID.randomUUID().toString().substring(0, 8) + "-";
    AmiSession session = new AmiSession(vertx, client, config, actionIdPrefix);
    return new AmiRuntime(client, session, new AmiServiceImpl(session, config));
  }

  public AmiService service() {
    return service;
  }

  public void start() {
    session.start();
  }

  public Future<Void> stop() {
    return session.stop().eventually(client::close);
  }
}
