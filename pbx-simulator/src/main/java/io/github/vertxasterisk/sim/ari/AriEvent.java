package io.github.vertxasterisk.sim.ari;

import io.github.vertxasterisk.sim.pbx.Channel;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * One event before it is addressed to an application: its body (without {@code asterisk_id} and
 * {@code application}, added per app) and the channels / bridges it concerns, which decide which
 * subscribed applications get it. {@code subscribeAllOnly} events (ChannelCreated, BridgeCreated,
 * DeviceStateChanged...) reach only {@code subscribeAll=true} applications (INDEX ARI item 6).
 */
final class AriEvent {

  private final JsonObject body;
  private final Set<String> channelIds = new LinkedHashSet<>();
  private final Set<String> bridgeIds = new LinkedHashSet<>();
  private boolean subscribeAllOnly;

  private AriEvent(JsonObject body) {
    this.body = body;
  }

  /** {@code {"type":..., "timestamp":...}}: the usual first keys. */
  static AriEvent of(String type) {
    return new AriEvent(new JsonObject().put("type", type).put("timestamp", AriJson.now()));
  }

  /** For events whose first keys come before {@code type} (ChannelVarset, ChannelHangupRequest). */
  static AriEvent wrapping(JsonObject leading, String type) {
    return new AriEvent(leading.put("type", type).put("timestamp", AriJson.now()));
  }

  AriEvent put(String key, Object value) {
    body.put(key, value);
    return this;
  }

  /** Adds the channel snapshot under {@code key} ("channel", "peer") and marks the event as about it. */
  AriEvent channel(String key, Channel c, JsonObject snapshot) {
    body.put(key, snapshot);
    channelIds.add(c.uniqueid());
    return this;
  }

  AriEvent channel(Channel c) {
    return channel("channel", c, AriJson.channel(c));
  }

  AriEvent about(String channelId) {
    channelIds.add(channelId);
    return this;
  }

  AriEvent aboutBridge(String bridgeId) {
    bridgeIds.add(bridgeId);
    return this;
  }

  AriEvent subscribeAllOnly() {
    subscribeAllOnly = true;
    return this;
  }

  String type() { return body.getString("type"); }
  Set<String> channelIds() { return channelIds; }
  Set<String> bridgeIds() { return bridgeIds; }
  boolean isSubscribeAllOnly() { return subscribeAllOnly; }

  /** The frame text for one application: keys already present keep their place. */
  String textFor(String application) {
    JsonObject copy = body.copy();
    copy.put("asterisk_id", AriJson.ASTERISK_ID).put("application", application);
    return copy.encode();
  }
}
