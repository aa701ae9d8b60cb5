package io.github.vertxasterisk.ari.impl.events;

import io.github.vertxasterisk.ari.api.AriAddresses;
import io.vertx.core.json.JsonObject;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The ARI resources that have an address, recognised by the required fields of their models in
 * Asterisk's API declarations: Channel (id, state, caller), Bridge (id, bridge_type), Playback
 * (id, media_uri), LiveRecording / StoredRecording (name, format), Endpoint (technology,
 * resource), DeviceState (name, state). Each pair or triple belongs to no other model (a Mailbox
 * has name but neither state nor format; a Peer or ContactInfo has none of these).
 */
enum ResourceShape {
  CHANNEL {
    @Override
    void addresses(JsonObject o, AriAddresses a, Set<String> out) {
      add(out, o.getValue("id"), a::channel);
    }
  },
  BRIDGE {
    @Override
    void addresses(JsonObject o, AriAddresses a, Set<String> out) {
      add(out, o.getValue("id"), a::bridge);
    }
  },
  PLAYBACK {
    @Override
    void addresses(JsonObject o, AriAddresses a, Set<String> out) {
      add(out, o.getValue("id"), a::playback);
      addTarget(o, a, out);
    }
  },
  RECORDING {
    @Override
    void addresses(JsonObject o, AriAddresses a, Set<String> out) {
      add(out, o.getValue("name"), a::recording);
      addTarget(o, a, out);
    }
  },
  ENDPOINT {
    @Override
    void addresses(JsonObject o, AriAddresses a, Set<String> out) {
      if (o.getValue("technology") instanceof String tech
          && o.getValue("resource") instanceof String resource) {
        out.add(a.endpoint(tech, resource));
      }
    }
  },
  DEVICE_STATE {
    @Override
    void addresses(JsonObject o, AriAddresses a, Set<String> out) {
      add(out, o.getValue("name"), a::deviceState);
    }
  };

  abstract void addresses(JsonObject resource, AriAddresses a, Set<String> out);

  /** The resource this object is, or {@code null}. Recordings are tested before device states. */
  static ResourceShape of(JsonObject o) {
    if (o.containsKey("id")) {
      if (o.containsKey("caller") && o.containsKey("state")) {
        return CHANNEL;
      }
      if (o.containsKey("bridge_type")) {
        return BRIDGE;
      }
      return o.containsKey("media_uri") ? PLAYBACK : null;
    }
    if (o.containsKey("technology") && o.containsKey("resource")) {
      return ENDPOINT;
    }
    if (o.containsKey("name")) {
      if (o.containsKey("format")) {
        return RECORDING;
      }
      return o.containsKey("state") ? DEVICE_STATE : null;
    }
    return null;
  }

  private static void add(Set<String> out, Object id, UnaryOperator<String> to) {
    if (id instanceof String s) {
      out.add(to.apply(s));
    }
  }

  /** {@code target_uri} is {@code channel:<id>} or {@code bridge:<id>}; other schemes have no address. */
  private static void addTarget(JsonObject o, AriAddresses a, Set<String> out) {
    if (o.getValue("target_uri") instanceof String uri) {
      if (uri.startsWith("channel:")) {
        out.add(a.channel(uri.substring("channel:".length())));
      } else if (uri.startsWith("bridge:")) {
        out.add(a.bridge(uri.substring("bridge:".length())));
      }
    }
  }
}
