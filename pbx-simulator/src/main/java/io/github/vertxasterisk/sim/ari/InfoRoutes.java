package io.github.vertxasterisk.sim.ari;

import static io.vertx.core.http.HttpMethod.DELETE;
import static io.vertx.core.http.HttpMethod.GET;
import static io.vertx.core.http.HttpMethod.POST;

import io.github.vertxasterisk.sim.pbx.Channel;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;

/** {@code /asterisk}, {@code /applications}, {@code /endpoints}, {@code /deviceStates}, {@code /events/user}. */
final class InfoRoutes {

  private final AriWorld world;

  InfoRoutes(AriWorld world) {
    this.world = world;
  }

  void register(RouteTable t) {
    t.add(GET, "/asterisk/info", r -> AriHttp.ok(r.ctx, info()));
    t.add(GET, "/asterisk/ping", r -> AriHttp.ok(r.ctx, new JsonObject().put("ping", "pong")
        .put("timestamp", AriJson.now()).put("asterisk_id", AriJson.ASTERISK_ID)));
    t.add(GET, "/asterisk/variable", r -> withVariable(r, v ->
        AriHttp.ok(r.ctx, new JsonObject().put("value", world.pbx.globals().getOrDefault(v, "")))));
    t.add(POST, "/asterisk/variable", r -> withVariable(r, v -> {
      world.pbx.globals().put(v, r.param("value") == null ? "" : r.param("value"));
      AriHttp.noContent(r.ctx);
    }));
    t.add(GET, "/applications", r -> {
      JsonArray out = new JsonArray();
      world.apps.all().forEach(a -> out.add(a.toJson()));
      AriHttp.ok(r.ctx, out);
    });
    t.add(GET, "/applications/:applicationName", r -> withApp(r, a -> AriHttp.ok(r.ctx, a.toJson())));
    t.add(POST, "/applications/:applicationName/subscription", r -> subscription(r, true));
    t.add(DELETE, "/applications/:applicationName/subscription", r -> subscription(r, false));
    t.add(GET, "/endpoints", r -> AriHttp.ok(r.ctx, new JsonArray()));
    t.add(GET, "/deviceStates", r -> AriHttp.ok(r.ctx, new JsonArray()));
    t.add(POST, "/events/user/:eventName", this::userEvent);
  }

  private JsonObject info() {
    return new JsonObject()
        .put("build", new JsonObject().put("os", "Linux").put("kernel", "6.18.44-fc-v782")
            .put("machine", "x86_64").put("options", "OPTIONAL_API").put("date", "2026-11-23 06:14:36 UTC")
            .put("user", "root"))
        .put("system", new JsonObject().put("version", "22.10.1").put("entity_id", AriJson.ASTERISK_ID))
        .put("config", new JsonObject().put("name", "").put("default_language", "en")
            .put("setid", new JsonObject().put("user", "").put("group", "")))
        .put("status", new JsonObject().put("startup_time", AriJson.time(world.pbx.startedAtMillis()))
            .put("last_reload_time", AriJson.time(world.pbx.startedAtMillis())));
  }

  private void withVariable(AriRequest r, java.util.function.Consumer<String> action) {
    String variable = r.param("variable");
    if (variable == null) {
      AriHttp.error(r.ctx, 400, "Variable name is required");
    } else {
      action.accept(variable);
    }
  }

  private void withApp(AriRequest r, java.util.function.Consumer<StasisApps.App> action) {
    StasisApps.App app = world.apps.get(r.path("applicationName"));
    if (app == null) {
      AriHttp.error(r.ctx, 404, "Application not found");
    } else {
      action.accept(app);
    }
  }

  /** channel:{id} and bridge:{id} sources; anything else is 422 as for endpoint:Local (05-multi-app). */
  private void subscription(AriRequest r, boolean subscribe) {
    List<String> sources = r.list("eventSource");
    if (sources.isEmpty()) {
      AriHttp.error(r.ctx, 400, "Missing parameter eventSource");
      return;
    }
    withApp(r, app -> {
      for (String source : sources) {
        boolean known = source.startsWith("channel:") ? world.channel(source.substring(8)) != null
            : source.startsWith("bridge:") && world.bridges.get(source.substring(7)) != null;
        if (!known) {
          AriHttp.error(r.ctx, 422, "Event source does not exist");
          return;
        }
      }
      for (String source : sources) {
        boolean channel = source.startsWith("channel:");
        String id = source.substring(channel ? 8 : 7);
        if (subscribe) {
          (channel ? app.channels : app.bridges).add(id);
          if (channel) {
            app.kept.add(id);
          }
        } else {
          (channel ? app.channels : app.bridges).remove(id);
          app.kept.remove(id);
        }
      }
      AriHttp.ok(r.ctx, app.toJson());
    });
  }

  /** ChannelUserevent to one application, about a channel when {@code source=channel:<id>} is given. */
  private void userEvent(AriRequest r) {
    String appName = r.param("application");
    if (appName == null) {
      AriHttp.error(r.ctx, 400, "Missing parameter application");
      return;
    }
    if (world.apps.get(appName) == null) {
      AriHttp.error(r.ctx, 404, "Application not found");
      return;
    }
    Channel channel = null;
    for (String source : r.list("source")) {
      channel = source.startsWith("channel:") ? world.channel(source.substring(8)) : null;
      if (channel == null) {
        AriHttp.error(r.ctx, 422, "Event source not found");
        return;
      }
    }
    JsonObject userevent = new JsonObject();
    for (Map.Entry<String, String> v : r.variables().entrySet()) {
      userevent.put(v.getKey(), v.getValue());
    }
    userevent.put("eventname", r.path("eventName"));
    AriEvent e = AriEvent.of("ChannelUserevent").put("eventname", r.path("eventName")).put("userevent", userevent);
    if (channel != null) {
      e.channel(channel);
    }
    AriHttp.noContent(r.ctx);
    world.apps.publishTo(appName, e);
  }
}
