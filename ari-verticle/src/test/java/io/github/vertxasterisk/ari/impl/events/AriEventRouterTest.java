package io.github.vertxasterisk.ari.impl.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.vertxasterisk.ari.api.AriAddresses;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/** Events the recordings do not hold, built from the models in Asterisk's events.json. */
class AriEventRouterTest {
  private static final String P = "asterisk.ari.pbx1.";
  private final AriEventRouter router = new AriEventRouter(AriAddresses.of("pbx1"));

  private static JsonObject event(String type) {
    return new JsonObject().put("type", type).put("timestamp", "2026-11-23T07:00:24.768+0000")
        .put("asterisk_id", "02:fc:00:00:00:01").put("application", "demo-app");
  }

  private static JsonObject channel(String id) {
    return new JsonObject().put("id", id).put("name", "PJSIP/1000-00000001").put("state", "Up")
        .put("protocol_id", "").put("caller", new JsonObject().put("name", "").put("number", "1000"))
        .put("connected", new JsonObject().put("name", "").put("number", ""))
        .put("accountcode", "").put("dialplan", new JsonObject().put("context", "default")
            .put("exten", "s").put("priority", 1).put("app_name", "").put("app_data", ""))
        .put("creationtime", "2026-11-23T07:00:24.768+0000").put("language", "en");
  }

  private static JsonObject bridge(String id) {
    return new JsonObject().put("id", id).put("technology", "simple_bridge")
        .put("bridge_type", "mixing").put("bridge_class", "stasis").put("creator", "Stasis")
        .put("name", "").put("channels", new JsonArray()).put("creationtime", "2026-11-23T07:00");
  }

  private static JsonObject endpoint(String tech, String resource) {
    return new JsonObject().put("technology", tech).put("resource", resource)
        .put("state", "online").put("channel_ids", new JsonArray().add("c1"));
  }

  /**
   * Real events name a handful of resources. A frame of 3.7 MB naming 80,000 channel-shaped objects was
   * published on 80,000 addresses (2.5 s of the holder's event loop; found by review): only the first
   * 32 resources get an address of their own.
   */
  @Test
  void anEventNamingThousandsOfResourcesIsRoutedToTheFirstThirtyTwo() {
    JsonObject e = event("ChannelVarset");
    for (int i = 0; i < 1000; i++) {
      e.put("c" + i, channel("c" + i));
    }
    assertThat(router.route(e).publishAddresses()).hasSize(2 + AriEventRouter.MAX_RESOURCE_ADDRESSES)
        .startsWith(P + "event.ChannelVarset", P + "events", P + "channel.c0", P + "channel.c1")
        .endsWith(P + "channel.c31");
  }

  @Test
  void endpointStateChangeGoesToTheEndpoint() {
    JsonObject e = event("EndpointStateChange").put("endpoint", endpoint("PJSIP", "1000"));
    assertThat(router.route(e).publishAddresses()).containsExactly(P + "event.EndpointStateChange",
        P + "events", P + "endpoint.PJSIP/1000");
  }

  @Test
  void aPeerIsNotAChannelAlthoughDialUsesTheSameName() {
    JsonObject e = event("PeerStatusChange").put("endpoint", endpoint("PJSIP", "1000"))
        .put("peer", new JsonObject().put("peer_status", "Reachable").put("address", "10.0.0.1"));
    assertThat(router.route(e).publishAddresses()).containsExactly(P + "event.PeerStatusChange",
        P + "events", P + "endpoint.PJSIP/1000");
  }

  @Test
  void aCallerThatIsTextIsNotAChannel() {
    JsonObject e = event("CallBroadcast").put("channel", channel("c1")).put("caller", "1000")
        .put("called", "2000");
    assertThat(router.route(e).publishAddresses()).containsExactly(P + "event.CallBroadcast",
        P + "events", P + "channel.c1");
  }

  @Test
  void unknownTypeGoesToItsTypeAndTheFirehose() {
    JsonObject e = event("SomethingNew").put("detail", new JsonObject().put("level", 3));
    assertThat(router.route(e).publishAddresses())
        .containsExactly(P + "event.SomethingNew", P + "events");
    assertThat(router.route(e).isStasisStart()).isFalse();
  }

  @Test
  void unknownTypeOrPropertyHoldingAResourceIsRoutedByShape() {
    JsonObject e = event("SomethingNew").put("subject", channel("c9"))
        .put("room", bridge("b9"));
    assertThat(router.route(e).publishAddresses()).containsExactly(P + "event.SomethingNew",
        P + "events", P + "channel.c9", P + "bridge.b9");
  }

  @Test
  void resourcesNestedInsideOtherObjectsAreFound() {
    // ChannelTransfer (Asterisk 22): channels and bridges inside refer_to / referred_by
    JsonObject e = event("ChannelTransfer").put("state", "requested")
        .put("refer_to", new JsonObject()
            .put("requested_destination", new JsonObject().put("destination", "2000"))
            .put("destination_channel", channel("dest")).put("bridge", bridge("b1")))
        .put("referred_by", new JsonObject().put("source_channel", channel("src"))
            .put("connected_channel", channel("conn")));
    assertThat(router.route(e).publishAddresses()).containsExactly(P + "event.ChannelTransfer",
        P + "events", P + "channel.dest", P + "bridge.b1", P + "channel.src", P + "channel.conn");
  }

  @Test
  void anAttendedTransferAlsoGoesToTheBridgeThatSurvivedByItsId() {
    // api-docs: destination_bridge is the surviving bridge's id (a string), the legs' bridges are objects
    JsonObject e = event("BridgeAttendedTransfer").put("result", "Success").put("is_external", false)
        .put("destination_type", "bridge").put("destination_bridge", "b-survivor")
        .put("transferer_first_leg", channel("leg1")).put("transferer_second_leg", channel("leg2"))
        .put("transferer_first_leg_bridge", bridge("b-survivor")).put("transferer_second_leg_bridge", bridge("b-gone"));
    assertThat(router.route(e).publishAddresses()).containsExactly(P + "event.BridgeAttendedTransfer",
        P + "events", P + "channel.leg1", P + "channel.leg2", P + "bridge.b-survivor", P + "bridge.b-gone");
    e.remove("transferer_first_leg_bridge");
    assertThat(router.route(e).publishAddresses()).contains(P + "bridge.b-survivor");
  }

  @Test
  void searchStopsTwoLevelsBelowTheEvent() {
    JsonObject deep = new JsonObject().put("a", new JsonObject().put("b", new JsonObject()
        .put("c", channel("too-deep"))));
    assertThat(router.route(event("Deep").put("x", deep)).publishAddresses())
        .containsExactly(P + "event.Deep", P + "events");
  }

  @Test
  void aResourceTouchedTwiceIsListedOnce() {
    JsonObject e = event("BridgeAttendedTransfer")
        .put("transferer_first_leg", channel("a")).put("transferer_second_leg", channel("b"))
        .put("replace_channel", channel("a")).put("transferee", channel("c"))
        .put("transfer_target", channel("b")).put("transferer_first_leg_bridge", bridge("b1"))
        .put("transferer_second_leg_bridge", bridge("b1")).put("result", "Success")
        .put("destination_type", "bridge").put("destination_bridge", "b1");
    assertThat(router.route(e).publishAddresses()).containsExactly(
        P + "event.BridgeAttendedTransfer", P + "events", P + "channel.a", P + "channel.b",
        P + "channel.c", P + "bridge.b1");
  }

  @Test
  void bridgeMergedGoesToBothBridges() {
    JsonObject e = event("BridgeMerged").put("bridge", bridge("into"))
        .put("bridge_from", bridge("from"));
    assertThat(router.route(e).publishAddresses()).containsExactly(P + "event.BridgeMerged",
        P + "events", P + "bridge.into", P + "bridge.from");
  }

  @Test
  void userEventFromAChannelBridgeAndEndpoint() {
    JsonObject e = event("ChannelUserevent").put("eventname", "E").put("channel", channel("c1"))
        .put("bridge", bridge("b1")).put("endpoint", endpoint("PJSIP", "1000"))
        .put("userevent", new JsonObject().put("k", "v"));
    assertThat(router.route(e).publishAddresses()).containsExactly(P + "event.ChannelUserevent",
        P + "events", P + "channel.c1", P + "bridge.b1", P + "endpoint.PJSIP/1000");
  }

  @Test
  void storedRecordingShapeAndPlaybackWithoutAddressableTarget() {
    JsonObject rec = event("RecordingSomething")
        .put("recording", new JsonObject().put("name", "calls/rec-1").put("format", "wav"));
    assertThat(router.route(rec).publishAddresses()).containsExactly(
        P + "event.RecordingSomething", P + "events", P + "recording.calls/rec-1");
    JsonObject pb = event("PlaybackStarted").put("playback", new JsonObject().put("id", "p1")
        .put("media_uri", "sound:beep").put("target_uri", "announcer:x").put("state", "playing"));
    assertThat(router.route(pb).publishAddresses()).containsExactly(
        P + "event.PlaybackStarted", P + "events", P + "playback.p1");
  }

  @Test
  void missingTypeOrIdsAreTolerated() {
    JsonObject noType = new JsonObject().put("channel", channel("c1"));
    assertThat(router.route(noType).publishAddresses()).containsExactly(P + "events",
        P + "channel.c1");
    JsonObject nullId = event("ChannelStateChange").put("channel", channel("x").putNull("id"));
    assertThat(router.route(nullId).publishAddresses())
        .containsExactly(P + "event.ChannelStateChange", P + "events");
    JsonObject noApp = event("StasisStart").put("channel", channel("c1"));
    noApp.remove("application");
    assertThat(router.route(noApp).stasisAddress()).isNull();
  }

  @Test
  void usesTheConfiguredPrefixAndPbx() {
    AriEventRouter other = new AriEventRouter(AriAddresses.of("acme", "east"));
    AriRoute r = other.route(event("StasisStart").put("channel", channel("c1")));
    assertThat(r.publishAddresses()).containsExactly("acme.ari.east.event.StasisStart",
        "acme.ari.east.events", "acme.ari.east.channel.c1");
    assertThat(r.stasisAddress()).isEqualTo("acme.ari.east.app.demo-app.stasis");
  }
}
