package io.github.vertxasterisk.ari.impl.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.vertxasterisk.ari.api.AriAddresses;
import io.github.vertxasterisk.ari.testing.Captures;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** Every event recorded from Asterisk 22.10.1 goes to its type, the firehose and its resources. */
class AriEventRouterCapturesTest {
  private static final AriAddresses A = AriAddresses.of("pbx1");
  private static final String P = "asterisk.ari.pbx1.";
  private final AriEventRouter router = new AriEventRouter(A);

  @Test
  void everyRecordedEventIsRoutedToItsTypeFirehoseAndResources() {
    int events = 0;
    int withChannel = 0;
    Set<String> types = new TreeSet<>();
    for (Path file : Captures.files(".ws.jsonl")) {
      for (JsonObject event : Captures.lines(file)) {
        String type = event.getString("type");
        String what = file.getFileName() + " " + event.encode();
        AriRoute route = router.route(event);
        assertThat(route.publishAddresses()).as(what).doesNotHaveDuplicates()
            .containsExactlyInAnyOrderElementsOf(expectedAddresses(event))
            .startsWith(P + "event." + type, P + "events");
        assertThat(route.stasisAddress()).as(what).isEqualTo("StasisStart".equals(type)
            ? P + "app." + event.getString("application") + ".stasis" : null);
        events++;
        types.add(type);
        if (route.publishAddresses().stream().anyMatch(a -> a.startsWith(P + "channel."))) {
          withChannel++;
        }
      }
    }
    assertThat(events).isEqualTo(151);
    assertThat(withChannel).isEqualTo(142);
    assertThat(types).containsExactlyInAnyOrder("ApplicationReplaced", "BridgeCreated",
        "BridgeDestroyed", "ChannelCallerId", "ChannelConnectedLine", "ChannelCreated",
        "ChannelDestroyed", "ChannelDialplan", "ChannelDtmfReceived", "ChannelEnteredBridge",
        "ChannelHangupRequest", "ChannelLeftBridge", "ChannelStateChange", "ChannelUserevent",
        "ChannelVarset", "DeviceStateChanged", "Dial", "PlaybackContinuing", "PlaybackFinished",
        "PlaybackStarted", "RecordingFinished", "RecordingStarted", "StasisEnd", "StasisStart");
  }

  /**
   * Derived from the properties events.json declares for each event, by name, independently of
   * the router's shape rules.
   */
  private static Set<String> expectedAddresses(JsonObject event) {
    Set<String> out = new LinkedHashSet<>();
    out.add(A.event(event.getString("type")));
    out.add(A.events());
    for (String name : new String[] {"channel", "replace_channel", "peer", "caller", "forwarded"}) {
      if (event.getValue(name) instanceof JsonObject c) {
        out.add(A.channel(c.getString("id")));
      }
    }
    if (event.getValue("bridge") instanceof JsonObject b) {
      out.add(A.bridge(b.getString("id")));
    }
    if (event.getValue("playback") instanceof JsonObject p) {
      out.add(A.playback(p.getString("id")));
      out.add(target(p.getString("target_uri")));
    }
    if (event.getValue("recording") instanceof JsonObject r) {
      out.add(A.recording(r.getString("name")));
      out.add(target(r.getString("target_uri")));
    }
    if (event.getValue("device_state") instanceof JsonObject d) {
      out.add(A.deviceState(d.getString("name")));
    }
    return out;
  }

  private static String target(String uri) {
    String[] kindAndId = uri.split(":", 2);
    return kindAndId[0].equals("channel") ? A.channel(kindAndId[1]) : A.bridge(kindAndId[1]);
  }

  private static JsonObject first(String file, Predicate<JsonObject> which) {
    return Captures.lines(file).stream().filter(which).findFirst().orElseThrow();
  }

  private static Predicate<JsonObject> type(String type) {
    return e -> type.equals(e.getString("type"));
  }

  @Test
  void channelEnteredBridgeGoesToTheBridgeAndTheChannel() {
    assertThat(router.route(first("01-callflow.ws.jsonl", type("ChannelEnteredBridge")))
        .publishAddresses()).containsExactly(P + "event.ChannelEnteredBridge", P + "events",
        P + "bridge.cap-bridge-1", P + "channel.1795417224.172");
  }

  @Test
  void playbackGoesToThePlaybackAndItsTargetChannelOrBridge() {
    assertThat(router.route(first("01-callflow.ws.jsonl", type("PlaybackStarted")))
        .publishAddresses()).containsExactly(P + "event.PlaybackStarted", P + "events",
        P + "playback.cap-pb-1", P + "channel.1795417224.172");
    JsonObject onBridge = first("01-callflow.ws.jsonl", type("PlaybackFinished")
        .and(e -> e.getJsonObject("playback").getString("target_uri").startsWith("bridge:")));
    assertThat(router.route(onBridge).publishAddresses()).containsExactly(
        P + "event.PlaybackFinished", P + "events",
        P + "playback.190ec747-e968-4126-ae25-d406c4adb3ee", P + "bridge.cap-bridge-1");
  }

  @Test
  void recordingGoesToItsNameAndTarget() {
    assertThat(router.route(first("01-callflow.ws.jsonl", type("RecordingFinished")))
        .publishAddresses()).containsExactly(P + "event.RecordingFinished", P + "events",
        P + "recording.cap-rec-1", P + "channel.1795417224.172");
  }

  @Test
  void deviceStateChangedGoesToTheDevice() {
    assertThat(router.route(first("03-subscribe-all.ws.jsonl", type("DeviceStateChanged")))
        .publishAddresses()).containsExactly(P + "event.DeviceStateChanged", P + "events",
        P + "deviceState.Local/600@test");
  }

  @Test
  void dialGoesToPeerAndCaller() {
    JsonObject dial = first("01-callflow.ws.jsonl", type("Dial"));
    assertThat(router.route(dial).publishAddresses()).containsExactly(P + "event.Dial",
        P + "events", P + "channel.1795417224.172");
    // the recorded originates have no calling channel: give this one a caller, as a Dial() has
    JsonObject caller = dial.getJsonObject("peer").copy().put("id", "caller-1");
    assertThat(router.route(dial.copy().put("caller", caller)).publishAddresses())
        .containsExactly(P + "event.Dial", P + "events", P + "channel.1795417224.172",
            P + "channel.caller-1");
  }

  @Test
  void stasisStartIsAlsoSentToItsApplication() {
    AriRoute demo = router.route(first("01-callflow.ws.jsonl", type("StasisStart")));
    assertThat(demo.isStasisStart()).isTrue();
    assertThat(demo.stasisAddress()).isEqualTo(P + "app.demo-app.stasis");
    assertThat(demo.publishAddresses()).containsExactly(P + "event.StasisStart", P + "events",
        P + "channel.1795417224.172");
    AriRoute multi = router.route(first("05-multi-app-ws.ws.jsonl", type("StasisStart")));
    assertThat(multi.stasisAddress()).isEqualTo(P + "app.cap-b.stasis");
    assertThat(router.route(first("01-callflow.ws.jsonl", type("StasisEnd"))).isStasisStart())
        .isFalse();
  }

  @Test
  void applicationEventsGoToTypeAndFirehoseOnly() {
    AriRoute r = router.route(first("04-second-ws-same-app.first.ws.jsonl",
        type("ApplicationReplaced")));
    assertThat(r.publishAddresses()).containsExactly(P + "event.ApplicationReplaced",
        P + "events");
    assertThat(r.stasisAddress()).isNull();
  }

  @Test
  void userEventContentIsNotMistakenForAResource() {
    assertThat(router.route(first("01-callflow.ws.jsonl", type("ChannelUserevent")))
        .publishAddresses()).containsExactly(P + "event.ChannelUserevent", P + "events",
        P + "channel.cap-chan-2");
  }
}
