package io.github.vertxasterisk.node.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.vertxasterisk.ari.api.AriAddresses;
import io.github.vertxasterisk.sim.testing.Await.Recorder;
import io.github.vertxasterisk.testing.TestNode;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/** The demo Stasis application against the simulated PBX: each call it places is answered, played and hung up. */
class HelloStasisAppTest {

  private static JsonObject demo(String media) {
    return new JsonObject().put("demo", new JsonObject().put("stasisApp", new JsonObject().put("enabled", true)
      .put("pbx", TestNode.PBX).put("app", "demo-app").put("media", media).put("callEveryMs", 300).put("maxCallMs", 1_500)));
  }

  @Test
  void aCallIsAnsweredPlayedAndHungUpWhenThePlaybackFinishes() {
    try (TestNode node = TestNode.startWithAri(demo("sound:hello-world"))) {
      AriAddresses pbx = AriAddresses.of(TestNode.PBX);
      Recorder finished = Recorder.on(node.node.vertx(), pbx.event("PlaybackFinished"));
      Recorder destroyed = Recorder.on(node.node.vertx(), pbx.event("ChannelDestroyed"));
      JsonObject played = finished.awaitMatch("a demo playback finished", e -> true);
      String channelId = played.getJsonObject("playback").getString("target_uri").substring("channel:".length());
      destroyed.awaitMatch("its channel hung up", e -> channelId.equals(e.getJsonObject("channel").getString("id")));
    }
  }

  /** INDEX ARI item 7: an unknown media scheme gets 201 and a PlaybackStarted, and never finishes. */
  @Test
  void aMediaAsteriskCannotPlayStillEndsTheCallAfterMaxCallMs() {
    try (TestNode node = TestNode.startWithAri(demo("nosuchscheme:foo"))) {
      AriAddresses pbx = AriAddresses.of(TestNode.PBX);
      Recorder started = Recorder.on(node.node.vertx(), pbx.event("PlaybackStarted"));
      Recorder destroyed = Recorder.on(node.node.vertx(), pbx.event("ChannelDestroyed"));
      JsonObject playing = started.awaitMatch("a demo playback started", e -> true);
      String channelId = playing.getJsonObject("playback").getString("target_uri").substring("channel:".length());
      destroyed.awaitMatch("its channel hung up without a PlaybackFinished", e -> channelId.equals(e.getJsonObject("channel").getString("id")));
      assertThat(node.sim.ari().restRequestCount("DELETE", "/ari/channels/" + channelId)).isEqualTo(1);
    }
  }
}
