package io.github.vertxasterisk.bridge;

import io.github.vertxasterisk.bridge.impl.BridgeConfig;
import io.github.vertxasterisk.bridge.impl.BridgeGuard;
import io.github.vertxasterisk.bridge.impl.BridgeMetrics;
import io.github.vertxasterisk.bridge.impl.BridgePolicy;
import io.github.vertxasterisk.bridge.impl.SockJsConnections;
import io.github.vertxasterisk.bridge.impl.SockJsSessions;
import io.github.vertxasterisk.bridge.impl.TcpClients;
import io.github.vertxasterisk.bridge.impl.TcpServerGate;
import io.github.vertxasterisk.bridge.impl.TransportConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.NetServerOptions;
import io.vertx.ext.bridge.BridgeEventType;
import io.vertx.ext.bridge.BridgeOptions;
import io.vertx.ext.eventbus.bridge.tcp.TcpEventBusBridge;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.sockjs.SockJSBridgeOptions;
import io.vertx.ext.web.handler.sockjs.SockJSHandler;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * The event-bus bridges for polyglot clients: the TCP bridge (4-byte length + JSON frames) and the
 * SockJS/WebSocket bridge at {@code <path>/*} (for {@code @vertx/eventbus-bridge-client.js}). Both deny
 * by default and share one {@link BridgePolicy}; the config is the node config's {@code bridge}
 * section (see {@code docs/bridge.md}). Meters go to the registry given.
 */
public class BridgeVerticle extends VerticleBase {
  private static final Logger LOG = Logger.getLogger(BridgeVerticle.class.getName());

  private final MeterRegistry registry;
  private TcpEventBusBridge tcpBridge;
  private HttpServer sockJsServer;
  /** The TCP bridge's server, seen through the gate that checks its frames. */
  private TcpServerGate tcpServer;
  private final List<BridgeMetrics> meters = new ArrayList<>();

  public BridgeVerticle(MeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public Future<?> start() {
    BridgeConfig config;
    try {
      config = BridgeConfig.from(config());
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(e);
    }
    try {
      return startTransports(config);
    } catch (RuntimeException e) {
      // a half-configured TLS is thrown by applyTls after the meters were registered: no stop() follows
      meters.forEach(BridgeMetrics::close);
      return Future.failedFuture(e);
    }
  }

  private Future<?> startTransports(BridgeConfig config) {
    BridgePolicy policy = new BridgePolicy(config);
    List<Future<?>> started = new ArrayList<>();
    if (config.tcp.enabled()) {
      BridgeMetrics metrics = BridgeMetrics.tcp(registry, config.tcp.port());
      meters.add(metrics);
      TcpClients clients = new TcpClients(config, metrics);
      tcpServer = new TcpServerGate(config, metrics, clients::admit);
      TcpServerGate gate = tcpServer;
      long sweepMs = sweepPeriodMs(config.tcpMaxBlockedMs, config.tcpTokenRules.authTimeoutMs(), config.tcpReplyTimeoutMs);
      vertx.setPeriodic(sweepMs, id -> {
        clients.sweep();
        gate.answerOverdue();
      });
      started.add(startTcp(config, new BridgeGuard(policy, metrics, config.tcpMaxRegistrations), clients, tcpServer));
    }
    if (config.sockjs.enabled()) {
      BridgeMetrics metrics = BridgeMetrics.sockJs(registry);
      meters.add(metrics);
      SockJsConnections connections = new SockJsConnections(config.sockjsMaxBlockedMs, config.sockjsMaxConnections, metrics);
      SockJsSessions sessions = new SockJsSessions(config, metrics);
      vertx.setPeriodic(sweepPeriodMs(config.sockjsMaxBlockedMs, config.sockjsTokenRules.authTimeoutMs()), id -> {
        connections.closeStalled();
        sessions.sweep();
      });
      started.add(startSockJs(config, new BridgeGuard(policy, metrics), connections, sessions));
    }
    if (!config.authRequired() && (config.tcp.enabled() || config.sockjs.enabled())) {
      LOG.warning("bridge without authToken: any client that can reach its port may use what the rules permit");
    }
    // a failed start is not followed by stop(): the servers go with the verticle, the meters do not
    return Future.all(started).onFailure(err -> meters.forEach(BridgeMetrics::close));
  }

  /** A quarter of the shortest deadline the sweep enforces (so it is late by at most that), at least 50 ms. */
  private static long sweepPeriodMs(long... deadlinesMs) {
    return Math.max(50, Arrays.stream(deadlinesMs).min().orElseThrow() / 4);
  }

  private Future<?> startTcp(BridgeConfig config, BridgeGuard guard, TcpClients clients, TcpServerGate gate) {
    TransportConfig tcp = config.tcp;
    NetServerOptions server = tcp.applyTls(new NetServerOptions());
    tcpBridge = TcpEventBusBridge.create(gate.wrap(vertx), config.bridgeOptions(new BridgeOptions()), server, event -> {
      if (gate.isGateAnswer(event.socket())) {
        event.complete(true); // the gate's own answer to a request the client left unanswered
        return;
      }
      guard.handle(event, event.socket(), frame -> event.socket().write(TcpBridgeFrames.encode(frame)),
        clients.clientOf(event.socket()));
      if (event.type() == BridgeEventType.SEND && Boolean.TRUE.equals(event.future().result())) {
        gate.sendAccepted(event.socket(), event.getRawMessage().getString("address"));
      }
    });
    return tcpBridge.listen(tcp.port(), tcp.host())
      .onSuccess(b -> LOG.info("TCP event-bus bridge on " + tcp.host() + ":" + gate.actualPort()
        + (server.isSsl() ? " (TLS)" : "")));
  }

  private Future<?> startSockJs(BridgeConfig config, BridgeGuard guard, SockJsConnections connections,
      SockJsSessions sessions) {
    TransportConfig sockjs = config.sockjs;
    SockJSBridgeOptions options = config.bridgeOptions(new SockJSBridgeOptions());
    Router router = Router.router(vertx);
    // The HTTP fallbacks (xhr_send, jsonp_send: POSTs) read their frames from the request body, which
    // vertx-web only reads with a BodyHandler: without it every send was answered 500. Bounded as one
    // WebSocket message is (Vert.x's default, 256 KB); no file uploads.
    router.post(sockjs.path() + "/*").handler(BodyHandler.create(false)
      .setBodyLimit(HttpServerOptions.DEFAULT_MAX_WEBSOCKET_MESSAGE_SIZE))
      // its 413 is an answer, not a router error: unhandled, vertx-web logs a SEVERE line for each
      .failureHandler(ctx -> {
        if (ctx.failure() == null && ctx.statusCode() == 413 && !ctx.response().ended()) {
          ctx.response().setStatusCode(413).end();
        } else {
          ctx.next();
        }
      });
    router.route(sockjs.path() + "/*").subRouter(SockJSHandler.create(vertx).bridge(options, event -> {
      switch (event.type()) {
        case SOCKET_CREATED -> sessions.opened(event.socket());
        case SOCKET_CLOSED -> sessions.settled(event.socket());
        default -> { }
      }
      guard.handle(event, event.socket(), frame -> event.socket().write(frame.encode()), () -> sessions.settled(event.socket()));
    }));
    // An HTTP connection that sends nothing for this long is closed: one that never makes a request would
    // otherwise hold one of the maxConnections places for good. SockJS sessions are never idle that long
    // (the server's heartbeat every 25 s; vertx-web closes a session without a ping for 10 s anyway).
    HttpServerOptions server = sockjs.applyTls(new HttpServerOptions()
      .setIdleTimeout((int) config.sockjsIdleTimeoutMs).setIdleTimeoutUnit(TimeUnit.MILLISECONDS));
    return vertx.createHttpServer(server).connectionHandler(connections::track).requestHandler(router)
      .listen(sockjs.port(), sockjs.host())
      .onSuccess(s -> {
        sockJsServer = s;
        LOG.info("SockJS event-bus bridge on " + (server.isSsl() ? "https://" : "http://") + sockjs.host() + ":"
          + s.actualPort() + sockjs.path());
      });
  }

  /** The TCP bridge's port (useful when configured as 0), or -1 when it is not listening. */
  public int tcpPort() {
    return tcpServer == null ? -1 : tcpServer.actualPort();
  }

  /** The SockJS server's port (useful when configured as 0), or -1 when it is not running. */
  public int sockJsPort() {
    return sockJsServer == null ? -1 : sockJsServer.actualPort();
  }

  @Override
  public Future<?> stop() {
    meters.forEach(BridgeMetrics::close);
    List<Future<?>> closed = new ArrayList<>();
    if (tcpBridge != null) {
      closed.add(tcpBridge.close());
    }
    if (sockJsServer != null) {
      closed.add(sockJsServer.close());
    }
    return Future.join(closed);
  }
}
