package io.github.vertxasterisk.sim.ari;

import static io.vertx.core.http.HttpMethod.DELETE;
import static io.vertx.core.http.HttpMethod.GET;
import static io.vertx.core.http.HttpMethod.POST;

import io.github.vertxasterisk.sim.pbx.Channel;
import io.vertx.core.json.JsonArray;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

/** {@code /bridges}: create, get, destroy, addChannel, removeChannel, play. */
final class BridgeRoutes {

  private final AriWorld world;

  BridgeRoutes(AriWorld world) {
    this.world = world;
  }

  void register(RouteTable t) {
    t.add(GET, "/bridges", r -> {
      JsonArray out = new JsonArray();
      world.bridges.all().forEach(b -> out.add(b.toJson()));
      AriHttp.ok(r.ctx, out);
    });
    t.add(POST, "/bridges", r -> create(r, r.param("bridgeId")));
    t.add(POST, "/bridges/:bridgeId", r -> create(r, r.path("bridgeId")));
    t.add(GET, "/bridges/:bridgeId", r -> withBridge(r, b -> AriHttp.ok(r.ctx, b.toJson())));
    t.add(DELETE, "/bridges/:bridgeId", r -> withBridge(r, b -> {
      AriHttp.noContent(r.ctx);
      world.bridges.destroy(b);
    }));
    t.add(POST, "/bridges/:bridgeId/addChannel", this::addChannel);
    t.add(POST, "/bridges/:bridgeId/removeChannel", this::removeChannel);
    t.add(POST, "/bridges/:bridgeId/play", this::play);
  }

  private void withBridge(AriRequest r, Consumer<Bridge> action) {
    Bridge b = world.bridges.get(r.path("bridgeId"));
    if (b == null) {
      AriHttp.error(r.ctx, 404, "Bridge not found");
    } else {
      action.accept(b);
    }
  }

  private void create(AriRequest r, String id) {
    if (id != null && world.bridges.get(id) != null) {
      AriHttp.error(r.ctx, 409, "Bridge with id '" + id + "' already exists");
      return;
    }
    List<String> types = r.list("type");
    String type = types.contains("holding") ? "holding" : "mixing";
    String name = r.param("name") == null ? "" : r.param("name");
    Bridge b = world.bridges.create(id != null ? id : UUID.randomUUID().toString(), type, name);
    AriHttp.ok(r.ctx, b.toJson());
  }

  /** Resolves the {@code channel} list; answers the error itself and returns null on failure. */
  private List<Channel> channels(AriRequest r) {
    List<String> ids = r.list("channel");
    if (ids.isEmpty()) {
      AriHttp.error(r.ctx, 400, "Missing parameter channel");
      return null;
    }
    List<Channel> out = new ArrayList<>();
    for (String id : ids) {
      Channel c = world.channel(id);
      if (c == null) {
        AriHttp.error(r.ctx, 400, "Channel not found");
        return null;
      }
      out.add(c);
    }
    return out;
  }

  private void addChannel(AriRequest r) {
    Bridge b = world.bridges.get(r.path("bridgeId"));
    if (b == null) {
      // Asterisk's reason phrase here is "Not found" (02-errors)
      AriHttp.error(r.ctx, 404, "Not found", "Bridge not found");
      return;
    }
    List<Channel> channels = channels(r);
    if (channels == null) {
      return;
    }
    for (Channel c : channels) {
      if (!world.calls.inStasis(c)) {
        AriHttp.error(r.ctx, 422, ChannelRoutes.NOT_IN_STASIS);
        return;
      }
    }
    AriHttp.noContent(r.ctx);
    world.bridges.add(b, channels);
  }

  private void removeChannel(AriRequest r) {
    withBridge(r, b -> {
      List<Channel> channels = channels(r);
      if (channels == null) {
        return;
      }
      for (Channel c : channels) {
        if (!b.channels.contains(c.uniqueid())) {
          AriHttp.error(r.ctx, 422, "Channel not in this bridge");
          return;
        }
      }
      AriHttp.noContent(r.ctx);
      channels.forEach(c -> world.bridges.leave(b, c));
    });
  }

  private void play(AriRequest r) {
    List<String> media = r.list("media");
    if (media.isEmpty()) {
      AriHttp.error(r.ctx, 400, "Missing parameter media");
      return;
    }
    withBridge(r, b -> {
      String id = r.param("playbackId") != null ? r.param("playbackId") : UUID.randomUUID().toString();
      String lang = r.param("lang") != null ? r.param("lang") : "en";
      Playback p = new Playback(id, media, lang, null, b.id);
      world.playbacks.register(p);
      AriHttp.created(r.ctx, "/ari/playbacks/" + id, p.toJson());
      world.playbacks.start(p);
    });
  }
}
