package io.github.vertxasterisk.sim.ari;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What every request meets first: counting, authentication (Basic or {@code api_key=user:pass},
 * INDEX ARI item 9), then the test controls (freeze, hostile answers) and the JSON body check.
 */
final class RestGuard {

  private static final String EVENTS_PATH = "/ari/events";
  private static final int LOG_LIMIT = 10_000;

  private final AriConfig config;
  private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
  private final AtomicInteger total = new AtomicInteger();
  private final Deque<String> log = new ArrayDeque<>();
  private final List<RoutingContext> held = new ArrayList<>();
  private volatile boolean frozen;
  private volatile HostileMode hostile = HostileMode.NONE;

  RestGuard(AriConfig config) {
    this.config = config;
  }

  /** Step 1, for every /ari request including the WebSocket upgrade (which is not counted). */
  void authenticate(RoutingContext ctx) {
    String path = ctx.request().path();
    if (!EVENTS_PATH.equals(path)) {
      String key = ctx.request().method().name() + " " + path;
      counts.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
      total.incrementAndGet();
      synchronized (log) {
        if (log.size() == LOG_LIMIT) {
          log.removeFirst();
        }
        log.addLast(ctx.request().method().name() + " " + ctx.request().uri());
      }
    }
    if (authorized(ctx)) {
      ctx.next();
    } else {
      AriHttp.unauthorized(ctx);
    }
  }

  private boolean authorized(RoutingContext ctx) {
    String expected = config.username() + ":" + config.password();
    String apiKey = ctx.request().getParam("api_key");
    if (apiKey != null) {
      return expected.equals(apiKey);
    }
    String auth = ctx.request().getHeader("Authorization");
    if (auth == null || !auth.regionMatches(true, 0, "Basic ", 0, 6)) {
      return false;
    }
    try {
      String decoded = new String(Base64.getDecoder().decode(auth.substring(6).trim()), StandardCharsets.UTF_8);
      return expected.equals(decoded);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** Step 2 (after the body is read): freeze, hostile answers, unparsable JSON body. */
  void controls(RoutingContext ctx) {
    if (frozen) {
      held.add(ctx);
      return;
    }
    switch (hostile) {
      case HTML -> {
        AriHttp.body(AriHttp.start(ctx, 200), "text/html",
            Buffer.buffer("<html><head><title>Gateway</title></head><body><h1>Hello from a proxy</h1></body></html>"));
        return;
      }
      case INVALID_JSON -> {
        AriHttp.body(AriHttp.start(ctx, 200), AriHttp.JSON, Buffer.buffer("{\"id\": \"broken"));
        return;
      }
      default -> { }
    }
    Buffer body = ctx.body().buffer();
    if (body != null && body.length() > 0) {
      try {
        Object parsed = new JsonObject(body);
        ctx.put(AriRequest.BODY_KEY, parsed);
      } catch (RuntimeException e) {
        AriHttp.error(ctx, 400, "Error parsing request body");
        return;
      }
    }
    ctx.next();
  }

  void freeze() { frozen = true; }

  /** Answers, in order, what arrived while frozen. Event-loop context. */
  void unfreeze() {
    frozen = false;
    List<RoutingContext> waiting = List.copyOf(held);
    held.clear();
    waiting.forEach(this::controls);
  }

  boolean isFrozen() { return frozen; }
  void hostile(HostileMode mode) { hostile = mode == null ? HostileMode.NONE : mode; }
  HostileMode hostile() { return hostile; }

  int total() { return total.get(); }

  int count(String method, String path) {
    AtomicInteger n = counts.get(method.toUpperCase() + " " + path);
    return n == null ? 0 : n.get();
  }

  List<String> log() {
    synchronized (log) {
      return new ArrayList<>(log);
    }
  }

  void reset() {
    counts.clear();
    total.set(0);
    synchronized (log) {
      log.clear();
    }
  }
}
