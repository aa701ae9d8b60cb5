package io.github.vertxasterisk.sim.ari;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.logging.Logger;

/**
 * {@code GET /ari/events?app=a[,b]&subscribeAll=}: the events WebSocket. Nothing is sent on connect
 * and the server never pings (INDEX ARI item 1); Vert.x answers client pings and echoes close.
 */
final class EventsEndpoint {

  private static final Logger LOG = Logger.getLogger(EventsEndpoint.class.getName());
  private static final String NO_APP_PAGE = "<!DOCTYPE HTML PUBLIC \"-//IETF//DTD HTML 2.0//EN\">\r\n"
      + "<html><head>\r\n<title>400 Bad Request</title>\r\n</head><body>\r\n<h1>Bad Request</h1>\r\n"
      + "<p>HTTP request is missing param: [app]</p>\r\n<hr />\r\n<address>Asterisk/22.10.1</address>\r\n"
      + "</body></html>\r\n";

  private final StasisApps apps;

  EventsEndpoint(StasisApps apps) {
    this.apps = apps;
  }

  void handle(RoutingContext ctx) {
    AriRequest r = new AriRequest(ctx);
    List<String> names = r.list("app");
    if (names.isEmpty()) {
      // the first of the two 400s Asterisk writes (02-errors.ws-handshake-no-app)
      AriHttp.body(AriHttp.start(ctx, 400), "text/html", Buffer.buffer(NO_APP_PAGE));
      return;
    }
    if (!ctx.request().canUpgradeToWebSocket()) {
      HttpServerResponse resp = AriHttp.start(ctx, 400);
      resp.putHeader("Sec-WebSocket-Version", "7, 8, 13").putHeader("Content-Length", "0").end();
      return;
    }
    boolean subscribeAll = "true".equalsIgnoreCase(r.param("subscribeAll"));
    HttpConnection connection = ctx.request().connection();
    ctx.request().toWebSocket().onSuccess(ws -> {
      EventSocket socket = new EventSocket(ws, connection, names, subscribeAll);
      ws.closeHandler(v -> apps.closed(socket));
      ws.exceptionHandler(e -> LOG.fine(() -> "events WebSocket: " + e));
      ws.textMessageHandler(text -> { }); // Asterisk ignores what clients write
      apps.opened(socket);
    }).onFailure(e -> LOG.fine(() -> "WebSocket upgrade failed: " + e));
  }
}
