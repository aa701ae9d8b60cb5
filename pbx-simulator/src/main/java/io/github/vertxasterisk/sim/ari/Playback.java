package io.github.vertxasterisk.sim.ari;

import io.vertx.core.json.JsonObject;
import java.util.List;

/** One playback: a list of media URIs played one after the other on a channel or a bridge. */
final class Playback {

  private static final List<String> KNOWN_SCHEMES =
      List.of("sound", "recording", "number", "digits", "characters", "tone");

  final String id;
  final List<String> media;
  final String targetUri;
  final String language;
  final String channelId;
  final String bridgeId;
  int index;
  String state = "queued";
  long timerId = -1;
  long segmentStartedAt;
  long remainingMs;

  Playback(String id, List<String> media, String language, String channelId, String bridgeId) {
    this.id = id;
    this.media = List.copyOf(media);
    this.language = language;
    this.channelId = channelId;
    this.bridgeId = bridgeId;
    this.targetUri = channelId != null ? "channel:" + channelId : "bridge:" + bridgeId;
  }

  /** Asterisk accepts any scheme with 201 but never finishes an unknown one (INDEX ARI item 7). */
  boolean playable() {
    String m = media.get(index);
    int colon = m.indexOf(':');
    return colon > 0 && KNOWN_SCHEMES.contains(m.substring(0, colon));
  }

  boolean hasNext() {
    return index + 1 < media.size();
  }

  JsonObject toJson() {
    JsonObject j = new JsonObject().put("id", id).put("media_uri", media.get(index));
    if (hasNext()) {
      j.put("next_media_uri", media.get(index + 1));
    }
    return j.put("target_uri", targetUri).put("language", language).put("state", state);
  }
}
