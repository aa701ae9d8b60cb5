package io.github.vertxasterisk.sim.ari;

import io.github.vertxasterisk.sim.OnContext;
import io.github.vertxasterisk.sim.pbx.PbxState;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.List;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * The simulated ARI server (REST under {@code /ari} and the events WebSocket) plus the controls tests
 * use to misbehave on purpose. Protocol work runs on one event-loop context (share it with the AMI
 * server so both see the same {@link PbxState}); the public methods may be called from any thread.
 */
public final class AriServer {

  private static final Logger LOG = Logger.getLogger(AriServer.class.getName());

  private final Vertx vertx;
  private final AriConfig config;
  private final AriWorld world;
  private final RestGuard guard;
  private volatile int actualPort = -1;
  private Context context;
  private HttpServer server;
  private ApiDocs docs;

  public AriServer(Vertx vertx, AriConfig config, PbxState pbx) {
    this.vertx = vertx;
    this.config = config;
    this.world = new AriWorld(vertx, config, pbx);
    this.guard = new RestGuard(config);
  }

  /** Binds the server (port 0 = ephemeral; see {@link #port()}) on the caller's context. */
  public Future<AriServer> start() {
    context = vertx.getOrCreateContext();
    return vertx.executeBlocking(ApiDocs::load).compose(loaded -> OnContext.compose(context, () -> {
      docs = loaded;
      server = vertx.createHttpServer(new HttpServerOptions().setHost(config.host()).setPort(config.port()));
      server.requestHandler(router());
      return server.listen().map(bound -> {
        actualPort = bound.actualPort();
        LOG.info(() -> "ARI simulator listening on " + config.host() + ":" + actualPort);
        return this;
      });
    }));
  }

  private Router router() {
    Router router = Router.router(vertx);
    RouteTable table = new RouteTable(router);
    router.route("/ari/*").handler(guard::authenticate);
    router.get("/ari/events").handler(new EventsEndpoint(world.apps)::handle);
    router.route("/ari/*").handler(BodyHandler.create().setBodyLimit(1 << 20));
    router.route("/ari/*").handler(guard::controls);
    table.add(HttpMethod.GET, "/api-docs/:file", r -> {
      JsonObject doc = docs.get(r.path("file"), "http://" + config.host() + ":" + actualPort + "/ari");
      if (doc == null) {
        AriHttp.error(r.ctx, 404, "Resource not found");
      } else {
        AriHttp.ok(r.ctx, doc);
      }
    });
    new InfoRoutes(world).register(table);
    new ChannelRoutes(world).register(table);
    new BridgeRoutes(world).register(table);
    new MediaRoutes(world).register(table);
    router.errorHandler(404, ctx -> notFound(ctx));
    router.errorHandler(405, ctx -> {
      AriHttp.start(ctx, 405).putHeader("Allow", table.allowed(ctx.request().path()));
      AriHttp.body(ctx.response(), AriHttp.JSON, Buffer.buffer(AriJson.error("Invalid method").encode()));
    });
    return router;
  }

  private static void notFound(RoutingContext ctx) {
    AriHttp.error(ctx, 404, "Resource not found");
  }

  public Future<Void> close() {
    if (context == null) {
      return Future.succeededFuture();
    }
    return onContext(() -> List.copyOf(world.apps.sockets()).forEach(EventSocket::closeAbruptly))
        .compose(v -> server == null ? Future.<Void>succeededFuture() : server.close());
  }

  // ---- public API ----

  public AriConfig config() { return config; }

  /** The PBX state shared with the AMI server. Event-loop use only. */
  public PbxState pbx() { return world.pbx; }

  /** The port actually bound (useful with port 0), -1 before start. */
  public int port() { return actualPort; }

  /** {@code http://host:port/ari}. */
  public String baseUrl() { return "http://" + config.host() + ":" + actualPort + "/ari"; }

  /** Events WebSockets open right now. */
  public int openWebSockets() { return world.apps.openCount(); }

  /** The largest number of events WebSockets open at the same time since start (or the last reset). */
  public int maxOpenWebSockets() { return world.apps.maxOpenCount(); }

  public void resetMaxOpenWebSockets() { world.apps.resetMaxOpen(); }

  /** Drops every events WebSocket's TCP connection at once, without a close frame. */
  public Future<Void> closeAllWebSockets() {
    return onContext(() -> List.copyOf(world.apps.sockets()).forEach(EventSocket::closeAbruptly));
  }

  /** Writes a text frame, as it is, to every events WebSocket (e.g. something that is not JSON). */
  public Future<Void> sendRawText(String text) {
    return onContext(() -> world.apps.sockets().forEach(s -> s.sendText(text)));
  }

  /** Writes a binary frame to every events WebSocket (Asterisk never sends one). */
  public Future<Void> sendBinary(Buffer data) {
    return onContext(() -> world.apps.sockets().forEach(s -> s.sendBinary(data.copy())));
  }

  /**
   * Sends an arbitrary event to the WebSocket of one application; {@code timestamp},
   * {@code asterisk_id} and {@code application} are added when absent. No-op without a socket.
   */
  public Future<Void> emitEvent(String application, JsonObject event) {
    JsonObject e = event.copy();
    return onContext(() -> {
      StasisApps.App app = world.apps.get(application);
      if (app == null || app.socket == null) {
        return;
      }
      if (!e.containsKey("timestamp")) {
        e.put("timestamp", AriJson.now());
      }
      if (!e.containsKey("asterisk_id")) {
        e.put("asterisk_id", AriJson.ASTERISK_ID);
      }
      if (!e.containsKey("application")) {
        e.put("application", application);
      }
      app.socket.sendText(e.encode());
    });
  }

  /** Applications that have an events WebSocket right now. */
  public Future<List<String>> connectedApplications() {
    return call(() -> world.apps.all().stream().filter(a -> a.socket != null).map(a -> a.name).toList());
  }

  /** Stop answering REST requests (they wait; WebSockets keep working). */
  public void freeze() { guard.freeze(); }

  /** Answer again, including what arrived while frozen. */
  public Future<Void> unfreeze() { return onContext(guard::unfreeze); }

  public boolean isFrozen() { return guard.isFrozen(); }

  /** Answers every REST request with HTML or broken JSON (doing nothing), or normally again. */
  public void setHostileMode(HostileMode mode) { guard.hostile(mode); }

  public HostileMode hostileMode() { return guard.hostile(); }

  /** REST requests received since start (or the last clear), 401s included, WebSocket upgrades not. */
  public int restRequestCount() { return guard.total(); }

  /** REST requests received for e.g. {@code ("POST", "/ari/channels")} (path without query). */
  public int restRequestCount(String method, String path) { return guard.count(method, path); }

  /** The last (up to 10000) REST requests as {@code "METHOD /ari/...?query"}, oldest first. */
  public List<String> receivedRequests() { return guard.log(); }

  public void clearRequestCounts() { guard.reset(); }

  public void setCredentials(String username, String password) { config.credentials(username, password); }

  /** How long each media of a playback lasts before PlaybackFinished / PlaybackContinuing. */
  public void setMediaDurationMs(long ms) { config.mediaDurationMs(ms); }

  /** How long a recording lasts before RecordingFinished. */
  public void setRecordingDurationMs(long ms) { config.recordingDurationMs(ms); }

  /** Puts a stored recording in place (its file is served as is by getStoredFile). */
  public Future<Void> putStoredRecording(String name, String format, Buffer data) {
    return onContext(() -> world.recordings.putStored(name, format, data));
  }

  /** Number of live channels (AMI and ARI ones alike). */
  public Future<Integer> channelCount() {
    return call(() -> world.pbx.channelsNewestFirst().size());
  }

  private Future<Void> onContext(Runnable r) {
    return call(() -> {
      r.run();
      return null;
    });
  }

  private <T> Future<T> call(Supplier<T> s) {
    if (context == null) {
      return Future.failedFuture(new IllegalStateException("ARI simulator not started"));
    }
    return OnContext.call(context, s);
  }
}
