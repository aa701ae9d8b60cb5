package io.github.vertxasterisk.sim.ari;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The Stasis applications, the WebSocket each one is bound to, their subscriptions, and event
 * delivery. A newer WebSocket for an app replaces the older one, which gets ApplicationReplaced and
 * then nothing (INDEX ARI item 4). Event-loop context only (the counters are thread-safe).
 */
final class StasisApps {

  /** One application. {@code kept}: subscriptions that outlive StasisEnd (originate, subscribe). */
  static final class App {
    final String name;
    final boolean configured;
    EventSocket socket;
    final Set<String> channels = new LinkedHashSet<>();
    final Set<String> kept = new LinkedHashSet<>();
    final Set<String> bridges = new LinkedHashSet<>();

    App(String name, boolean configured) {
      this.name = name;
      this.configured = configured;
    }

    boolean subscribeAll() {
      return socket != null && socket.subscribeAll();
    }

    JsonObject toJson() {
      return new JsonObject().put("name", name)
          .put("channel_ids", new JsonArray(new ArrayList<>(channels)))
          .put("bridge_ids", new JsonArray(new ArrayList<>(bridges)))
          .put("endpoint_ids", new JsonArray())
          .put("device_names", new JsonArray())
          .put("events_allowed", new JsonArray())
          .put("events_disallowed", new JsonArray());
    }
  }

  private final Map<String, App> apps = new LinkedHashMap<>();
  private final Set<EventSocket> sockets = new LinkedHashSet<>();
  private final AtomicInteger open = new AtomicInteger();
  private final AtomicInteger maxOpen = new AtomicInteger();

  StasisApps(List<String> configured) {
    configured.forEach(n -> apps.put(n, new App(n, true)));
  }

  App get(String name) { return apps.get(name); }
  Collection<App> all() { return apps.values(); }
  Set<EventSocket> sockets() { return sockets; }
  int openCount() { return open.get(); }
  int maxOpenCount() { return maxOpen.get(); }
  void resetMaxOpen() { maxOpen.set(open.get()); }

  void opened(EventSocket s) {
    sockets.add(s);
    maxOpen.accumulateAndGet(open.incrementAndGet(), Math::max);
    for (String name : s.apps()) {
      App app = apps.computeIfAbsent(name, n -> new App(n, false));
      if (app.socket != null && app.socket != s) {
        app.socket.sendText(new JsonObject().put("type", "ApplicationReplaced")
            .put("timestamp", AriJson.now()).put("application", name)
            .put("asterisk_id", AriJson.ASTERISK_ID).encode());
      }
      app.socket = s;
    }
  }

  void closed(EventSocket s) {
    if (!sockets.remove(s)) {
      return;
    }
    open.decrementAndGet();
    for (App app : List.copyOf(apps.values())) {
      if (app.socket == s) {
        app.socket = null;
        if (!app.configured) {
          apps.remove(app.name);
        }
      }
    }
  }

  /** Delivers to every application subscribed to what the event is about (or to everything). */
  void publish(AriEvent e) {
    for (App app : List.copyOf(apps.values())) {
      if (app.socket != null && wants(app, e)) {
        app.socket.sendText(e.textFor(app.name));
      }
    }
  }

  /** Delivers to one application only (StasisStart of its channel, user events). */
  void publishTo(String appName, AriEvent e) {
    App app = apps.get(appName);
    if (app != null && app.socket != null) {
      app.socket.sendText(e.textFor(app.name));
    }
  }

  private static boolean wants(App app, AriEvent e) {
    if (app.subscribeAll()) {
      return true;
    }
    if (e.isSubscribeAllOnly()) {
      return false;
    }
    for (String id : e.channelIds()) {
      if (app.channels.contains(id)) {
        return true;
      }
    }
    for (String id : e.bridgeIds()) {
      if (app.bridges.contains(id)) {
        return true;
      }
    }
    return false;
  }

  /** Subscribes the app to a channel until the channel is destroyed. */
  void keep(String appName, String channelId) {
    App app = apps.get(appName);
    if (app != null) {
      app.channels.add(channelId);
      app.kept.add(channelId);
    }
  }

  /** Subscribes the app for the time the channel is in Stasis. */
  void stasisStarted(String appName, String channelId) {
    App app = apps.get(appName);
    if (app != null) {
      app.channels.add(channelId);
    }
  }

  void stasisEnded(String appName, String channelId) {
    App app = apps.get(appName);
    if (app != null && !app.kept.contains(channelId)) {
      app.channels.remove(channelId);
    }
  }

  void channelGone(String channelId) {
    for (App app : apps.values()) {
      app.channels.remove(channelId);
      app.kept.remove(channelId);
    }
  }

  void bridgeGone(String bridgeId) {
    apps.values().forEach(a -> a.bridges.remove(bridgeId));
  }
}
