package io.github.vertxasterisk.ari.impl.events;

import io.github.vertxasterisk.ari.api.AriAddresses;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Computes the addresses an ARI event is published on.
 *
 * <p>The resources an event concerns are found by the SHAPE of its object-valued properties, not by
 * property names: names are ambiguous across events ({@code peer} is a Channel in {@code Dial} but a
 * Peer in {@code PeerStatusChange}; {@code caller} is a Channel in {@code Dial} but a string in
 * {@code CallBroadcast}), and new Asterisk versions add properties and events
 * ({@code ChannelTransfer} nests channels and bridges inside {@code refer_to}). Shapes come from the
 * required fields of Asterisk's models (see {@link ResourceShape}), which every event snapshot
 * carries. An object that is not a resource is searched in turn, down to {@value #MAX_DEPTH} levels
 * below the event; a resource is not searched (a Channel's {@code caller} is not a resource).
 *
 * <p>Playback and recording events also go to their target's address ({@code target_uri}
 * {@code channel:<id>} or {@code bridge:<id>}): an application following one call then sees the
 * media it plays and records there without tracking playback ids.
 *
 * <p>Cost per event: one pass over its properties and a few hash lookups per object-valued one.
 */
public final class AriEventRouter {
  static final int MAX_DEPTH = 2;
  /** Real events name a handful of resources; a frame naming more is routed to the first ones only. */
  static final int MAX_RESOURCE_ADDRESSES = 32;
  /**
   * Variables whose names say nothing about resources: ChannelUserevent's {@code userevent} (the
   * application's) and TextMessage's {@code variables} (the message's headers, chosen by its sender).
   */
  private static final Set<String> USER_CONTENT = Set.of("userevent", "variables");

  private final AriAddresses addresses;

  public AriEventRouter(AriAddresses addresses) {
    this.addresses = addresses;
  }

  public AriRoute route(JsonObject event) {
    Set<String> out = new LinkedHashSet<>();
    Object type = event.getValue("type");
    if (type instanceof String t) {
      out.add(addresses.event(t));
    }
    out.add(addresses.events());
    collect(event, 0, out, out.size() + MAX_RESOURCE_ADDRESSES);
    // The one resource an event names by id alone (api-docs: BridgeAttendedTransfer, a string).
    if (event.getValue("destination_bridge") instanceof String bridge && !bridge.isEmpty()) {
      out.add(addresses.bridge(bridge));
    }
    String stasis = null;
    if ("StasisStart".equals(type) && event.getValue("application") instanceof String app) {
      stasis = addresses.stasis(app);
    }
    return new AriRoute(List.copyOf(out), stasis);
  }

  private void collect(JsonObject container, int depth, Set<String> out, int limit) {
    for (Map.Entry<String, Object> property : container) {
      if (out.size() >= limit) {
        return;
      }
      if (property.getValue() instanceof JsonObject value && !USER_CONTENT.contains(property.getKey())) {
        ResourceShape shape = ResourceShape.of(value);
        if (shape != null) {
          shape.addresses(value, addresses, out);
        } else if (depth < MAX_DEPTH) {
          collect(value, depth + 1, out, limit);
        }
      }
    }
  }
}
