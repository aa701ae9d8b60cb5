package io.github.vertxasterisk.ari;

import static io.github.vertxasterisk.sim.testing.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.vertxasterisk.ari.testing.AriVerticleFixture;
import io.github.vertxasterisk.ari.testing.Captures;
import io.github.vertxasterisk.ari.testing.FakeAriServer;
import io.github.vertxasterisk.sim.testing.Await.Recorder;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.WebSocketFrame;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/**
 * Asterisk sends each event as one WebSocket frame, but RFC 6455 lets any peer or proxy fragment a
 * message, with fragments of any size, an empty first one included. Vert.x's own aggregation lost
 * events there while the state said connected (found by review).
 */
class AriFragmentedEventsTest extends AriVerticleFixture {

  private static JsonObject first(String type) {
    return Captures.lines("01-callflow.ws.jsonl").stream().filter(e -> type.equals(e.getString("type"))).findFirst().orElseThrow();
  }

  @Test
  void aFragmentedEventIsPublishedWhateverItsFragmentSizesAndTheStreamGoesOn() {
    FakeAriServer ari = startFakeAri();
    deploy(ari.ariConfig("demo-app").put("pingIntervalMs", 60_000));
    status.awaitState("connected");
    Recorder all = Recorder.on(vertx, addresses.events());
    String text = first("StasisStart").encode();

    ari.pushFrames(WebSocketFrame.textFrame(text.substring(0, 10), false),
      WebSocketFrame.continuationFrame(Buffer.buffer(text.substring(10, 20)), false),
      WebSocketFrame.continuationFrame(Buffer.buffer(text.substring(20)), true));
    // an empty first fragment: Vert.x's aggregation failed every later message after one
    ari.pushFrames(WebSocketFrame.textFrame("", false), WebSocketFrame.continuationFrame(Buffer.buffer(text), true));
    for (int i = 0; i < 3; i++) {
      ari.push(first("ChannelVarset"));
    }

    all.awaitMatch("the fifth event", e -> all.messages.size() == 5);
    assertThat(all.messages).extracting(e -> e.getString("type"))
      .containsExactly("StasisStart", "StasisStart", "ChannelVarset", "ChannelVarset", "ChannelVarset");
    assertThat(status.messages).extracting(m -> m.getString("state")).doesNotContain("disconnected");
  }

  /**
   * ARI.md: an event over maxEventBytes closes the socket (reconnect, new epoch, the reason names the
   * limit). In three 30 KB fragments (limit 64 KB) it was dropped with no trace, the next event carrying
   * the next seq in the same epoch; and no part of it may be published, its last fragment above all
   * (here a whole StasisStart after 80 KB of blanks).
   */
  @Test
  void aFragmentedEventOverMaxEventBytesEndsTheConnectionAndNothingOfItIsPublished() {
    FakeAriServer ari = await(new FakeAriServer(vertx, new HttpServerOptions().setMaxWebSocketFrameSize(8 * 1024 * 1024)).start());
    deploy(ari.ariConfig("demo-app").put("maxEventBytes", 64 * 1024)
      .put("pingIntervalMs", 60_000).put("reconnectInitialMs", 50).put("reconnectMaxMs", 200));
    long epoch = status.awaitState("connected").getLong("epoch");
    Recorder all = Recorder.on(vertx, addresses.events());
    Recorder stasis = Recorder.on(vertx, addresses.stasis("demo-app"));

    String blanks = " ".repeat(40_000);
    ari.pushFrames(WebSocketFrame.textFrame(blanks, false), WebSocketFrame.continuationFrame(Buffer.buffer(blanks), false),
      WebSocketFrame.continuationFrame(Buffer.buffer(first("StasisStart").encode()), true));

    JsonObject lost = status.awaitMatch("disconnected", m -> "disconnected".equals(m.getString("state")));
    assertThat(lost.getString("reason")).as(lost.toString()).contains("more than 65536 bytes (maxEventBytes)");
    status.awaitMatch("connected again", m -> "connected".equals(m.getString("state")) && m.getLong("epoch") > epoch);
    ari.push(first("ChannelVarset"));
    all.awaitMatch("the next event", e -> true);
    assertThat(all.messages).extracting(e -> e.getString("type")).containsExactly("ChannelVarset");
    assertThat(stasis.messages).as("StasisStarts sent to the application").isEmpty();
  }

  /**
   * An event the peer sent right after an oversized fragmented one (the same flight) must not be
   * published in the old epoch with the next seq, as if nothing had been lost between them (found by
   * review: the close was only asked for, and frames already read still went through).
   */
  @Test
  void nothingAfterAnOversizedFragmentedEventIsPublishedInTheOldEpoch() {
    FakeAriServer ari = await(new FakeAriServer(vertx, new HttpServerOptions().setMaxWebSocketFrameSize(8 * 1024 * 1024)).start());
    deploy(ari.ariConfig("demo-app").put("maxEventBytes", 64 * 1024)
      .put("pingIntervalMs", 60_000).put("reconnectInitialMs", 50).put("reconnectMaxMs", 200));
    long epoch = status.awaitState("connected").getLong("epoch");
    Recorder all = Recorder.on(vertx, addresses.events());
    ari.push(first("ChannelVarset")); // seq 1
    all.awaitMatch("the first event", e -> true);

    String blanks = " ".repeat(40_000);
    ari.pushFrames(WebSocketFrame.textFrame(blanks, false), WebSocketFrame.continuationFrame(Buffer.buffer(blanks), false),
      WebSocketFrame.continuationFrame(Buffer.buffer(first("StasisStart").encode()), true), // lost: over 64 KB
      WebSocketFrame.textFrame(first("ChannelVarset").encode(), true));                    // sent right after it

    status.awaitMatch("connected again", m -> "connected".equals(m.getString("state")) && m.getLong("epoch") > epoch);
    assertThat(all.messages).as("events published in epoch " + epoch + " (an event was lost after seq 1)")
      .extracting(e -> e.getJsonObject("_meta").getLong("epoch") + "/" + e.getJsonObject("_meta").getLong("seq"))
      .containsExactly(epoch + "/1");
  }
}
