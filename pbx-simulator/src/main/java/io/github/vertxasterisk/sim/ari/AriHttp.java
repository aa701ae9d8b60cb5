package io.github.vertxasterisk.sim.ari;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/** Responses with the headers Asterisk sends (INDEX ARI item 11), in its order. */
final class AriHttp {

  static final String JSON = "application/json";

  private AriHttp() {
  }

  /** Server, Date, Cache-Control: the first three headers of every answer. */
  static HttpServerResponse start(RoutingContext ctx, int status) {
    HttpServerResponse r = ctx.response().setStatusCode(status);
    r.putHeader("Server", "Asterisk/22.10.1");
    r.putHeader("Date", DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC)));
    r.putHeader("Cache-Control", "no-cache, no-store");
    return r;
  }

  static void body(HttpServerResponse r, String contentType, Buffer body) {
    r.putHeader("Content-type", contentType);
    r.putHeader("Content-Length", String.valueOf(body.length()));
    r.end(body);
  }

  /** A JSON object or array, compact, as {@code pretty = no} serves it. */
  static void json(RoutingContext ctx, int status, Object body) {
    body(start(ctx, status), JSON, Buffer.buffer(io.vertx.core.json.Json.encode(body)));
  }

  static void ok(RoutingContext ctx, Object body) {
    json(ctx, 200, body);
  }

  static void created(RoutingContext ctx, String location, JsonObject body) {
    HttpServerResponse r = start(ctx, 201);
    r.putHeader("Location", location);
    body(r, JSON, Buffer.buffer(body.encode()));
  }

  static void noContent(RoutingContext ctx) {
    start(ctx, 204).putHeader("Content-Length", "0").end();
  }

  static void error(RoutingContext ctx, int status, String message) {
    json(ctx, status, AriJson.error(message));
  }

  /** An error whose status line has a reason phrase of its own (e.g. 404 "Not found"). */
  static void error(RoutingContext ctx, int status, String reason, String message) {
    HttpServerResponse r = start(ctx, status).setStatusMessage(reason);
    body(r, JSON, Buffer.buffer(AriJson.error(message).encode()));
  }

  /** The 401 of 02-errors (REST and WebSocket upgrade alike). */
  static void unauthorized(RoutingContext ctx) {
    HttpServerResponse r = start(ctx, 401);
    r.putHeader("WWW-Authenticate", "Basic realm=\"Asterisk REST Interface\"");
    body(r, JSON, Buffer.buffer(AriJson.error("Authentication required").encode()));
  }
}
