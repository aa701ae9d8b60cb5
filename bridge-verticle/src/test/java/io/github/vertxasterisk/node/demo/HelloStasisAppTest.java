package io.github.vertxasterisk.node.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.vertxasterisk.ari.api.AriAddresses;
import io.github.vertxasterisk.sim.testing.Await.Recorder;
import io.github.vertxasterisk.testing.TestNode;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
      awaitCallEndedAfter(node, "PlaybackFinished");
    }
  }

  /** INDEX ARI item 7: an unknown media scheme gets 201 and a PlaybackStarted, and never finishes. */
  @Test
  void aMediaAsteriskCannotPlayStillEndsTheCallAfterMaxCallMs() {
    try (TestNode node = TestNode.startWithAri(demo("nosuchscheme:foo"))) {
      String channelId = awaitCallEndedAfter(node, "PlaybackStarted");
      assertThat(node.sim.ari().restRequestCount("DELETE", "/ari/channels/" + channelId)).isEqualTo(1);
    }
  }

  /**
   * A bad timing fails the deployment naming the key: "callEveryMs": 0 failed with Vert.x's "Cannot
   * schedule a timer with delay < 1 ms", and "maxCallMs": 0 deployed, then threw at every call, which was
   * never answered nor hung up.
   */
  @Test
  void aTimingThatIsNotPositiveNamesTheKey() throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      List<String> failures = new ArrayList<>();
      for (JsonObject bad : List.of(new JsonObject().put("callEveryMs", 0), new JsonObject().put("maxCallMs", 0))) {
        Throwable failure = vertx.deployVerticle(new HelloStasisApp(), new DeploymentOptions().setConfig(bad))
          .transform(ar -> Future.succeededFuture(ar.cause())).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        failures.add(failure == null ? "deployed" : failure.getMessage());
      }
      assertThat(failures).containsExactly("demo.stasisApp.callEveryMs must be positive, got 0",
        "demo.stasisApp.maxCallMs must be positive, got 0");
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }

  /** Waits for the first demo playback event of that type, then for its channel to be destroyed. */
  private static String awaitCallEndedAfter(TestNode node, String playbackEvent) {
    AriAddresses pbx = AriAddresses.of(TestNode.PBX);
    Recorder playbacks = Recorder.on(node.node.vertx(), pbx.event(playbackEvent));
    Recorder destroyed = Recorder.on(node.node.vertx(), pbx.event("ChannelDestroyed"));
    String target = playbacks.awaitMatch("a demo " + playbackEvent, e -> true).getJsonObject("playback").getString("target_uri");
    String channelId = target.substring("channel:".length());
    destroyed.awaitMatch("channel " + channelId + " hung up", e -> channelId.equals(e.getJsonObject("channel").getString("id")));
    return channelId;
  }
}
