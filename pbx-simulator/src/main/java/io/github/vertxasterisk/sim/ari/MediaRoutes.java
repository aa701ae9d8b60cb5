package io.github.vertxasterisk.sim.ari;

import static io.vertx.core.http.HttpMethod.DELETE;
import static io.vertx.core.http.HttpMethod.GET;
import static io.vertx.core.http.HttpMethod.POST;

import io.vertx.core.json.JsonArray;

/** {@code /playbacks} and {@code /recordings/stored}. */
final class MediaRoutes {

  private final AriWorld world;

  MediaRoutes(AriWorld world) {
    this.world = world;
  }

  void register(RouteTable t) {
    t.add(GET, "/playbacks/:playbackId", r -> withPlayback(r, p -> AriHttp.ok(r.ctx, p.toJson())));
    t.add(DELETE, "/playbacks/:playbackId", r -> withPlayback(r, p -> {
      AriHttp.noContent(r.ctx);
      world.playbacks.stop(p);
    }));
    t.add(POST, "/playbacks/:playbackId/control", r -> {
      String op = r.param("operation");
      if (op == null) {
        AriHttp.error(r.ctx, 400, "Missing parameter operation");
        return;
      }
      withPlayback(r, p -> {
        if (world.playbacks.control(p, op)) {
          AriHttp.noContent(r.ctx);
        } else {
          AriHttp.error(r.ctx, 400, "Invalid operation " + op);
        }
      });
    });
    t.add(GET, "/recordings/stored", r -> {
      JsonArray out = new JsonArray();
      world.recordings.stored().forEach(s -> out.add(s.toJson()));
      AriHttp.ok(r.ctx, out);
    });
    t.add(GET, "/recordings/stored/:recordingName", r -> withStored(r, s -> AriHttp.ok(r.ctx, s.toJson())));
    t.add(DELETE, "/recordings/stored/:recordingName", r -> withStored(r, s -> {
      world.recordings.deleteStored(s.name());
      AriHttp.noContent(r.ctx);
    }));
    t.add(GET, "/recordings/stored/:recordingName/file", r -> withStored(r, s ->
        AriHttp.body(AriHttp.start(r.ctx, 200), "wav".equals(s.format()) ? "audio/wav"
            : "application/octet-stream", s.data())));
  }

  private void withPlayback(AriRequest r, java.util.function.Consumer<Playback> action) {
    Playback p = world.playbacks.get(r.path("playbackId"));
    if (p == null) {
      AriHttp.error(r.ctx, 404, "Playback not found");
    } else {
      action.accept(p);
    }
  }

  private void withStored(AriRequest r, java.util.function.Consumer<Recordings.Stored> action) {
    Recordings.Stored s = world.recordings.storedOne(r.path("recordingName"));
    if (s == null) {
      AriHttp.error(r.ctx, 404, "Recording not found");
    } else {
      action.accept(s);
    }
  }
}
