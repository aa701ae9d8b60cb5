package io.github.vertxasterisk.sim.ari;

import static io.vertx.core.http.HttpMethod.DELETE;
import static io.vertx.core.http.HttpMethod.GET;
import static io.vertx.core.http.HttpMethod.POST;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The call flows of 01-callflow: shapes and order of REST answers and WebSocket events. */
class AriCallFlowTest extends AriTestBase {

  private static final Map<String, List<JsonObject>> CAPTURED =
      Captures.eventsByType("01-callflow.ws.jsonl", "02-errors.ws.jsonl", "05-multi-app-ws.ws.jsonl");

  /** Same keys (nested too) in the same order as one of the captured events of its type. */
  static void assertCapturedShape(JsonObject event) {
    List<JsonObject> captured = CAPTURED.getOrDefault(event.getString("type"), List.of());
    assertThat(captured).as("captured " + event.getString("type")).isNotEmpty();
    assertThat(captured).as("a captured variant shaped like " + event.encode())
        .anySatisfy(c -> {
          assertThat(Captures.keyPaths(event)).isEqualTo(Captures.keyPaths(c));
          assertThat(List.copyOf(event.fieldNames())).isEqualTo(List.copyOf(c.fieldNames()));
        });
  }

  /** The recorded server's [globals] (CAPTURE_GLOBAL=hello) are the simulator's too. */
  @Test
  void aGlobalVariableAnswersAsCaptured() {
    Resp r = call(GET, "/ari/asterisk/variable?variable=CAPTURE_GLOBAL");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json()).isEqualTo(
        Captures.restAnswer("01-callflow.rest.jsonl", "GET", "/ari/asterisk/variable?variable=CAPTURE_GLOBAL"));
  }

  @Test
  void originateIntoStasisLooksLikeTheCapture() {
    Events ws = events("app=demo-app");
    Resp r = call(POST, "/ari/channels?endpoint=Local/400@test&app=demo-app&appArgs=first,second"
        + "&callerId=Cap%20Test%20%3C1234%3E&timeout=30", "{\"variables\": {\"CAPVAR\": \"from-body\"}}");
    assertThat(r.status()).isEqualTo(200);
    JsonObject capturedResponse = Captures.restAnswer("01-callflow.rest.jsonl", "POST", "/ari/channels?");
    assertThat(Captures.keyPaths(r.json())).isEqualTo(Captures.keyPaths(capturedResponse));
    assertThat(r.json().getString("id")).matches("\\d+\\.\\d+");
    assertThat(r.json().getString("state")).isEqualTo("Down");
    assertThat(r.json().getJsonObject("caller")).isEqualTo(new JsonObject().put("name", "Cap Test").put("number", "1234"));
    assertThat(r.json().getJsonObject("dialplan").getString("app_name")).isEqualTo("AppDial2");

    List<JsonObject> setup = ws.until("StasisStart");
    assertThat(types(setup)).containsExactly("ChannelVarset", "ChannelCallerId", "ChannelConnectedLine", "Dial",
        "ChannelDialplan", "ChannelStateChange", "ChannelStateChange", "Dial", "ChannelVarset", "StasisStart");
    setup.forEach(AriCallFlowTest::assertCapturedShape);
    JsonObject start = setup.get(setup.size() - 1);
    assertThat(start.getJsonArray("args").getList()).containsExactly("first", "second");
    assertThat(start.getString("application")).isEqualTo("demo-app");
    assertThat(start.getString("asterisk_id")).isEqualTo("02:fc:00:00:00:01");
    String id = start.getJsonObject("channel").getString("id");
    assertThat(id).isEqualTo(r.json().getString("id"));
    assertThat(start.getJsonObject("channel").getJsonObject("dialplan").getString("app_data"))
        .isEqualTo("demo-app,first,second");
    assertThat(ws.next().getString("dialplan_app")).isEqualTo("Echo");

    assertThat(call(GET, "/ari/channels").array()).hasSize(2);
    assertThat(call(GET, "/ari/channels/" + id + "/variable?variable=CAPVAR").json().getString("value"))
        .isEqualTo("from-body");
    assertThat(call(GET, "/ari/channels/" + id + "/variable?variable=CALLERID(num)").json().getString("value"))
        .isEqualTo("1234");

    // DTMF is echoed by Echo() on the ;2 half: ;2 then ;1 for every digit
    assertThat(call(POST, "/ari/channels/" + id + "/dtmf?dtmf=12&between=10&duration=10").status()).isEqualTo(204);
    List<JsonObject> dtmf = List.of(ws.next(), ws.next(), ws.next(), ws.next());
    assertThat(dtmf).extracting(e -> e.getString("digit")).containsExactly("1", "1", "2", "2");
    dtmf.forEach(AriCallFlowTest::assertCapturedShape);

    assertThat(call(POST, "/ari/channels/" + id + "/variable?variable=MYVAR&value=hello%20ari").status()).isEqualTo(204);
    JsonObject varset = ws.next();
    assertThat(varset.getString("variable")).isEqualTo("MYVAR");
    assertThat(varset.getString("value")).isEqualTo("hello ari");

    assertThat(call(DELETE, "/ari/channels/" + id + "?reason=normal").status()).isEqualTo(204);
    List<JsonObject> end = ws.until("ChannelDestroyed");
    end.addAll(ws.until("ChannelDestroyed"));
    assertThat(types(end)).containsExactly("ChannelHangupRequest", "StasisEnd", "ChannelVarset",
        "ChannelHangupRequest", "ChannelDestroyed", "ChannelHangupRequest", "ChannelDestroyed");
    assertThat(end.get(0).getInteger("cause")).isEqualTo(32);
    assertThat(end.get(0).getBoolean("soft")).isTrue();
    assertThat(end.get(3).containsKey("soft")).isFalse();
    assertThat(end.get(4).getString("cause_txt")).isEqualTo("Normal Clearing");
    end.forEach(AriCallFlowTest::assertCapturedShape);
    assertThat(call(GET, "/ari/channels").array()).isEmpty();
  }

  @Test
  void answerPlayPlaybackFinishedAndHangupInOrder() {
    Events ws = events("app=demo-app");
    // into the dialplan: the ;2 half reaches Stasis(demo-app,arg1,arg2) at test,200 while ringing
    Resp r = call(POST, "/ari/channels?endpoint=Local/200@test&context=default&extension=s&priority=1");
    assertThat(r.status()).isEqualTo(200);
    JsonObject start = ws.next();
    assertThat(start.getString("type")).isEqualTo("StasisStart");
    assertThat(start.getJsonArray("args").getList()).containsExactly("arg1", "arg2");
    assertThat(start.getJsonObject("channel").getString("state")).isEqualTo("Ring");
    assertThat(start.getJsonObject("channel").getJsonObject("dialplan").getInteger("priority")).isEqualTo(2);
    String id = start.getJsonObject("channel").getString("id");

    assertThat(call(POST, "/ari/channels/" + id + "/answer").status()).isEqualTo(204);
    JsonObject up = ws.next();
    assertThat(up.getString("type")).isEqualTo("ChannelStateChange");
    assertThat(up.getJsonObject("channel").getString("state")).isEqualTo("Up");

    Resp play = call(POST, "/ari/channels/" + id + "/play?media=sound:hello-world,sound:beep&playbackId=pb-1");
    assertThat(play.status()).isEqualTo(201);
    assertThat(play.headers().get("Location")).isEqualTo("/ari/playbacks/pb-1");
    assertThat(play.json().fieldNames()).containsExactly("id", "media_uri", "next_media_uri", "target_uri",
        "language", "state");
    assertThat(play.json().getString("state")).isEqualTo("queued");
    List<JsonObject> playback = ws.until("PlaybackFinished");
    assertThat(types(playback)).containsExactly("PlaybackStarted", "PlaybackContinuing", "PlaybackStarted",
        "PlaybackFinished");
    playback.forEach(AriCallFlowTest::assertCapturedShape);
    assertThat(playback.get(3).getJsonObject("playback").getString("state")).isEqualTo("done");
    assertThat(playback.get(3).getJsonObject("playback").getString("media_uri")).isEqualTo("sound:beep");

    // pause is silent, unpause reports PlaybackStarted, stop ends with PlaybackFinished done
    call(POST, "/ari/channels/" + id + "/play?media=sound:tt-monkeys&playbackId=pb-2");
    assertThat(ws.next().getString("type")).isEqualTo("PlaybackStarted");
    assertThat(call(POST, "/ari/playbacks/pb-2/control?operation=pause").status()).isEqualTo(204);
    assertThat(call(GET, "/ari/playbacks/pb-2").json().getString("state")).isEqualTo("paused");
    assertThat(call(POST, "/ari/playbacks/pb-2/control?operation=unpause").status()).isEqualTo(204);
    assertThat(ws.next().getString("type")).isEqualTo("PlaybackStarted");
    assertThat(call(DELETE, "/ari/playbacks/pb-2").status()).isEqualTo(204);
    JsonObject finished = ws.next();
    assertThat(finished.getString("type")).isEqualTo("PlaybackFinished");
    assertThat(finished.getJsonObject("playback").getString("state")).isEqualTo("done");

    assertThat(call(DELETE, "/ari/channels/" + id).status()).isEqualTo(204);
    assertThat(types(List.of(ws.next(), ws.next()))).containsExactly("ChannelHangupRequest", "StasisEnd");
    assertThat(ws.quietFor(300)).as("a dialplan-entered channel is unsubscribed after StasisEnd").isTrue();
  }

  /** Continue as Asterisk reads it: priority 0 is no priority (the next one), a context alone means extension s. */
  @Test
  void continueReadsItsParametersAsAsteriskDoes() {
    Events ws = events("app=demo-app");
    call(POST, "/ari/channels?endpoint=Local/200@test&context=default&extension=s&priority=1");
    String next = stasisChannel(ws);
    call(POST, "/ari/channels?endpoint=Local/200@test&context=default&extension=s&priority=1");
    String elsewhere = stasisChannel(ws);

    assertThat(call(POST, "/ari/channels/" + next + "/continue?priority=0").status()).isEqualTo(204);
    JsonObject at = call(GET, "/ari/channels/" + next).json().getJsonObject("dialplan");
    assertThat(List.of(at.getString("context"), at.getString("exten"), at.getInteger("priority")))
        .containsExactly("test", "200", 3);

    assertThat(call(POST, "/ari/channels/" + elsewhere + "/continue?context=default").status()).isEqualTo(204);
    at = call(GET, "/ari/channels/" + elsewhere).json().getJsonObject("dialplan");
    assertThat(List.of(at.getString("context"), at.getString("exten"), at.getString("app_name")))
        .containsExactly("default", "s", "Wait");
  }

  private static String stasisChannel(Events ws) {
    List<JsonObject> events = ws.until("StasisStart");
    return events.get(events.size() - 1).getJsonObject("channel").getString("id");
  }

  @Test
  void bridgesReportEnteredAndLeft() {
    Events ws = events("app=demo-app");
    call(POST, "/ari/channels?endpoint=Local/300@test&app=demo-app&channelId=c1");
    call(POST, "/ari/channels?endpoint=Local/300@test&app=demo-app&channelId=c2");
    ws.until("StasisStart");
    ws.until("StasisStart");
    ws.until("ChannelDialplan");
    Resp bridge = call(POST, "/ari/bridges?type=mixing&name=b&bridgeId=b1");
    JsonObject capturedBridge = Captures.restAnswer("01-callflow.rest.jsonl", "POST", "/ari/bridges?");
    assertThat(bridge.json().fieldNames()).containsExactlyElementsOf(capturedBridge.fieldNames());
    assertThat(call(POST, "/ari/bridges/b1/addChannel?channel=c1,c2").status()).isEqualTo(204);
    List<JsonObject> entered = ws.until("ChannelEnteredBridge");
    entered.addAll(ws.until("ChannelEnteredBridge"));
    entered.forEach(AriCallFlowTest::assertCapturedShape);
    assertThat(entered.get(entered.size() - 1).getJsonObject("bridge").getJsonArray("channels").getList())
        .containsExactly("c1", "c2");
    assertThat(ws.next().getString("variable")).isEqualTo("BRIDGEPEER");
    assertThat(call(POST, "/ari/bridges/b1/removeChannel?channel=c2").status()).isEqualTo(204);
    List<JsonObject> left = ws.until("ChannelLeftBridge");
    assertCapturedShape(left.get(left.size() - 1));
    assertThat(call(DELETE, "/ari/bridges/b1").status()).isEqualTo(204);
    JsonObject last = ws.until("ChannelLeftBridge").get(0);
    assertThat(last.getString("type")).isIn("ChannelVarset", "ChannelLeftBridge");
    assertThat(call(GET, "/ari/bridges").array()).isEmpty();
  }
}
