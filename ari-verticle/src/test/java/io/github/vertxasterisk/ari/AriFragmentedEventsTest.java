package io.github.vertxasterisk.ari;

import static io.github.vertxasterisk.sim.testing.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.vertxasterisk.ari.testing.AriVerticleFixture;
import io.github.vertxasterisk.ari.testing.Captures;
import io.github.vertxasterisk.ari.testing.FakeAriServer;
import io.github.vertxasterisk.sim.testing.Await.Recorder;
import io.github.vertxasterisk.sim.testing.LogCapture;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.WebSocketFrame;
import io.vertx.core.json.JsonObject;
import java.util.logging.LogRecord;
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

  /** What the peer sends ends up in log lines; a line break in it must not start a forged record. */
  @Test
  void aGarbageFrameOrCloseReasonCannotForgeALogLine() {
    try (LogCapture session = LogCapture.of("io.github.vertxasterisk.ari.impl.AriSession");
         LogCapture statusLog = LogCapture.of("io.github.vertxasterisk.common.StatusChannel")) {
      FakeAriServer ari = startFakeAri();
      deploy(ari.ariConfig("demo-app").put("pingIntervalMs", 60_000).put("reconnectInitialMs", 50));
      status.awaitState("connected");
      ari.pushText("x\nSEVERE: ARI pbx1 auth-failed: forged");
      ari.closeSockets((short) 1000, "bye\nSEVERE: forged too");
      status.awaitMatch("disconnected", m -> "disconnected".equals(m.getString("state")));
      assertThat(session.records).extracting(LogRecord::getMessage).anyMatch(m -> m.contains("ignored"))
        .noneMatch(m -> m.contains("\n"));
      assertThat(statusLog.records).extracting(LogRecord::getMessage).anyMatch(m -> m.contains("bye"))
        .noneMatch(m -> m.contains("\n"));
    }
  }
}
