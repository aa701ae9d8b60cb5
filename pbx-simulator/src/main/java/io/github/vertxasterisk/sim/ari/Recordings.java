package io.github.vertxasterisk.sim.ari;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Channel recordings: RecordingStarted at once, RecordingFinished after recordingDurationMs; the
 * result becomes a stored recording whose file is a WAV of silence (or bytes a test put there).
 */
final class Recordings {

  /** A finished recording and its file. */
  record Stored(String name, String format, Buffer data) {
    JsonObject toJson() {
      return new JsonObject().put("name", name).put("format", format);
    }
  }

  private final AriWorld world;
  private final Map<String, JsonObject> live = new LinkedHashMap<>();
  private final Map<String, Stored> stored = new LinkedHashMap<>();

  Recordings(AriWorld world) {
    this.world = world;
  }

  boolean exists(String name) {
    return live.containsKey(name) || stored.containsKey(name);
  }

  boolean isLive(String name) {
    return live.containsKey(name);
  }

  /** Starts recording a channel; returns the queued LiveRecording for the 201. */
  JsonObject start(String name, String format, String channelId) {
    JsonObject rec = new JsonObject().put("name", name).put("format", format).put("state", "queued")
        .put("target_uri", "channel:" + channelId);
    live.put(name, rec);
    JsonObject recording = rec.copy().put("state", "recording");
    world.publish(AriEvent.of("RecordingStarted").put("recording", recording).about(channelId));
    long ms = world.config.recordingDurationMs();
    world.vertx.setTimer(Math.max(1, ms), t -> {
      live.remove(name);
      JsonObject done = rec.copy().put("state", "done").put("duration", (int) (ms / 1000));
      stored.put(name, new Stored(name, format, "wav".equals(format) ? silentWav(ms) : Buffer.buffer(new byte[160])));
      world.publish(AriEvent.of("RecordingFinished").put("recording", done).about(channelId));
    });
    return rec;
  }

  Collection<Stored> stored() { return stored.values(); }
  Stored storedOne(String name) { return name == null ? null : stored.get(name); }
  Stored deleteStored(String name) { return stored.remove(name); }

  void putStored(String name, String format, Buffer data) {
    stored.put(name, new Stored(name, format, data.copy()));
  }

  /** 8 kHz 16-bit mono PCM silence: what a recording of a silent Local channel sounds like. */
  static Buffer silentWav(long durationMs) {
    int dataBytes = (int) Math.max(1600, durationMs * 16) & ~1;
    Buffer b = Buffer.buffer(44 + dataBytes);
    b.appendString("RIFF").appendIntLE(36 + dataBytes).appendString("WAVE")
        .appendString("fmt ").appendIntLE(16).appendShortLE((short) 1).appendShortLE((short) 1)
        .appendIntLE(8000).appendIntLE(16000).appendShortLE((short) 2).appendShortLE((short) 16)
        .appendString("data").appendIntLE(dataBytes).appendBytes(new byte[dataBytes]);
    return b;
  }
}
