package io.github.vertxasterisk.sim.ari;

import io.github.vertxasterisk.sim.pbx.Channel;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Playback lifecycle as captured: PlaybackStarted, PlaybackContinuing between media of a list,
 * PlaybackFinished {@code done} after the media duration or on stop; pause is silent and unpause
 * (like restart) reports PlaybackStarted again.
 */
final class Playbacks {

  private final AriWorld world;
  private final Map<String, Playback> playbacks = new LinkedHashMap<>();

  Playbacks(AriWorld world) {
    this.world = world;
  }

  Playback get(String id) { return id == null ? null : playbacks.get(id); }

  boolean exists(String id) { return playbacks.containsKey(id); }

  void register(Playback p) {
    playbacks.put(p.id, p);
  }

  /** Called once the 201 has been sent. */
  void start(Playback p) {
    p.state = "playing";
    publish("PlaybackStarted", p);
    schedule(p, world.config.mediaDurationMs());
  }

  private void schedule(Playback p, long ms) {
    if (!p.playable()) {
      return;
    }
    p.segmentStartedAt = System.currentTimeMillis();
    p.remainingMs = ms;
    p.timerId = world.vertx.setTimer(Math.max(1, ms), t -> {
      p.timerId = -1;
      segmentDone(p);
    });
  }

  private void segmentDone(Playback p) {
    if (!p.hasNext()) {
      finish(p);
      return;
    }
    p.state = "continuing";
    publish("PlaybackContinuing", p);
    p.index++;
    p.state = "playing";
    publish("PlaybackStarted", p);
    schedule(p, world.config.mediaDurationMs());
  }

  void stop(Playback p) {
    cancel(p);
    finish(p);
  }

  private void finish(Playback p) {
    playbacks.remove(p.id);
    p.state = "done";
    publish("PlaybackFinished", p);
  }

  /** Returns false for an operation Asterisk does not know. */
  boolean control(Playback p, String operation) {
    switch (operation) {
      case "pause" -> {
        if ("playing".equals(p.state)) {
          long elapsed = System.currentTimeMillis() - p.segmentStartedAt;
          cancel(p);
          p.remainingMs = Math.max(1, p.remainingMs - elapsed);
          p.state = "paused";
        }
      }
      case "unpause" -> {
        if ("paused".equals(p.state)) {
          p.state = "playing";
          publish("PlaybackStarted", p);
          schedule(p, p.remainingMs);
        }
      }
      case "restart" -> {
        cancel(p);
        p.index = 0;
        p.state = "playing";
        publish("PlaybackStarted", p);
        schedule(p, world.config.mediaDurationMs());
      }
      case "reverse", "forward" -> { }
      default -> {
        return false;
      }
    }
    return true;
  }

  private void cancel(Playback p) {
    if (p.timerId >= 0) {
      world.vertx.cancelTimer(p.timerId);
      p.timerId = -1;
    }
  }

  /** A hung-up channel's playbacks end; an unplayable one just disappears (02-errors). */
  void channelGone(Channel c) {
    for (Playback p : List.copyOf(playbacks.values())) {
      if (c.uniqueid().equals(p.channelId)) {
        if (p.playable()) {
          stop(p);
        } else {
          playbacks.remove(p.id);
        }
      }
    }
  }

  void bridgeGone(Bridge b) {
    for (Playback p : List.copyOf(playbacks.values())) {
      if (b.id.equals(p.bridgeId)) {
        cancel(p);
        playbacks.remove(p.id);
      }
    }
  }

  private void publish(String type, Playback p) {
    AriEvent e = AriEvent.of(type).put("playback", p.toJson());
    if (p.channelId != null) {
      e.about(p.channelId);
    } else {
      e.aboutBridge(p.bridgeId);
      Bridge b = world.bridges.get(p.bridgeId);
      if (b != null) {
        b.channels.forEach(e::about);
      }
    }
    world.publish(e);
  }
}
