package io.github.vertxasterisk.sim.ari;

import io.github.vertxasterisk.sim.pbx.Channel;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Bridges and their events: ChannelEnteredBridge / ChannelLeftBridge and the BRIDGEPEER variable
 * (01-callflow); BridgeCreated / BridgeDestroyed reach subscribeAll apps only (03-subscribe-all).
 */
final class Bridges {

  private final AriWorld world;
  private final Map<String, Bridge> bridges = new LinkedHashMap<>();

  Bridges(AriWorld world) {
    this.world = world;
  }

  Bridge get(String id) { return id == null ? null : bridges.get(id); }
  Collection<Bridge> all() { return bridges.values(); }

  Bridge create(String id, String type, String name) {
    Bridge b = new Bridge(id, type, name);
    bridges.put(id, b);
    world.publish(AriEvent.of("BridgeCreated").put("bridge", b.toJson()).aboutBridge(id).subscribeAllOnly());
    return b;
  }

  void destroy(Bridge b) {
    for (String id : List.copyOf(b.channels)) {
      Channel c = world.channel(id);
      if (c != null) {
        leave(b, c);
      }
    }
    bridges.remove(b.id);
    world.playbacks.bridgeGone(b);
    world.publish(AriEvent.of("BridgeDestroyed").put("bridge", b.toJson()).aboutBridge(b.id).subscribeAllOnly());
    world.apps.bridgeGone(b.id);
  }

  Bridge bridgeOf(Channel c) {
    for (Bridge b : bridges.values()) {
      if (b.channels.contains(c.uniqueid())) {
        return b;
      }
    }
    return null;
  }

  /** Adds the channels one by one, then tells each its BRIDGEPEER once everybody is in. */
  void add(Bridge b, List<Channel> channels) {
    for (Channel c : channels) {
      Bridge old = bridgeOf(c);
      if (old == b) {
        continue;
      }
      if (old != null) {
        leave(old, c);
      }
      b.channels.add(c.uniqueid());
      world.publish(AriEvent.of("ChannelEnteredBridge").put("bridge", b.toJson()).channel(c).aboutBridge(b.id));
    }
    updatePeers(b);
  }

  void leave(Bridge b, Channel c) {
    if (b.channels.size() > 1) {
      world.calls.setVariable(c, "BRIDGEPEER", "");
    }
    b.channels.remove(c.uniqueid());
    world.publish(AriEvent.of("ChannelLeftBridge").put("bridge", b.toJson()).channel(c).aboutBridge(b.id));
  }

  /** A channel being hung up leaves its bridge. */
  void channelGone(Channel c) {
    Bridge b = bridgeOf(c);
    if (b != null) {
      leave(b, c);
    }
  }

  private void updatePeers(Bridge b) {
    if (b.channels.size() < 2) {
      return;
    }
    List<Channel> members = new ArrayList<>();
    b.channels.forEach(id -> {
      Channel c = world.channel(id);
      if (c != null) {
        members.add(c);
      }
    });
    for (Channel c : members) {
      StringJoiner others = new StringJoiner(",");
      members.stream().filter(o -> o != c).forEach(o -> others.add(o.name()));
      world.calls.setVariable(c, "BRIDGEPEER", others.toString());
    }
  }
}
