package io.github.vertxasterisk.sim.ari;

import static io.vertx.core.http.HttpMethod.DELETE;
import static io.vertx.core.http.HttpMethod.GET;
import static io.vertx.core.http.HttpMethod.POST;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetSocket;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Applications and sockets: replacement, several apps per socket, subscribeAll, AMI-started Stasis. */
class AriApplicationsTest extends AriTestBase {

  @Test
  void aSecondSocketReplacesTheFirstWhichStaysOpenButSilent() {
    Events first = events("app=demo-app");
    Events second = events("app=demo-app");
    JsonObject replaced = first.next();
    JsonObject captured = Captures.lines("04-second-ws-same-app.first.ws.jsonl").get(0);
    assertThat(List.copyOf(replaced.fieldNames())).isEqualTo(List.copyOf(captured.fieldNames()));
    assertThat(replaced.getString("type")).isEqualTo("ApplicationReplaced");
    assertThat(replaced.getString("application")).isEqualTo("demo-app");
    call(POST, "/ari/channels?endpoint=Local/300@test&app=demo-app&channelId=cap-repl");
    assertThat(types(second.until("StasisStart"))).contains("Dial");
    assertThat(first.quietFor(200)).isTrue();
    assertThat(first.ws.isClosed()).isFalse();
    assertThat(ari.openWebSockets()).isEqualTo(2);
    assertThat(ari.maxOpenWebSockets()).isEqualTo(2);
  }

  @Test
  void oneSocketForTwoAppsGetsEachEventOncePerSubscribedApp() {
    Events ws = events("app=cap-a,cap-b");
    assertThat(call(GET, "/ari/applications").array()).extracting(a -> ((JsonObject) a).getString("name"))
        .containsExactly("cap-a", "cap-b");
    call(POST, "/ari/channels?endpoint=Local/300@test&app=cap-b&channelId=cap-multi");
    assertThat(ws.until("StasisStart")).allSatisfy(e -> assertThat(e.getString("application")).isEqualTo("cap-b"));
    ws.until("ChannelDialplan");
    Resp bad = call(POST, "/ari/applications/cap-a/subscription?eventSource=endpoint:Local");
    assertThat(bad.status()).isEqualTo(422);
    assertThat(bad.text()).isEqualTo("{\"message\":\"Event source does not exist\"}");
    Resp sub = call(POST, "/ari/applications/cap-a/subscription?eventSource=channel:cap-multi");
    assertThat(sub.json().getJsonArray("channel_ids").getList()).containsExactly("cap-multi");
    call(POST, "/ari/channels/cap-multi/variable?variable=X&value=1");
    List<JsonObject> two = List.of(ws.next(), ws.next());
    assertThat(two).extracting(e -> e.getString("type")).containsOnly("ChannelVarset");
    assertThat(two).extracting(e -> e.getString("application")).containsExactlyInAnyOrder("cap-a", "cap-b");
  }

  @Test
  void subscribeAllAddsChannelCreatedAndBridgeEvents() {
    Events all = events("app=watcher&subscribeAll=true");
    call(POST, "/ari/bridges?type=holding&bridgeId=cap-hold-bridge");
    JsonObject created = all.next();
    assertThat(created.getString("type")).isEqualTo("BridgeCreated");
    assertThat(created.getJsonObject("bridge").getString("technology")).isEqualTo("holding_bridge");
    call(DELETE, "/ari/bridges/cap-hold-bridge");
    assertThat(all.next().getString("type")).isEqualTo("BridgeDestroyed");
    call(POST, "/ari/channels?endpoint=Local/300@test&app=other");
    assertThat(types(List.of(all.next(), all.next()))).containsExactly("ChannelCreated", "ChannelCreated");
  }

  @Test
  void stasisReachedByAnAmiOriginateStartsTheAppOverAri() {
    Events ws = events("app=demo-app");
    NetClient client = vertx.createNetClient();
    NetSocket ami = await(client.connect(sim.amiPort(), "127.0.0.1"));
    ami.write("Action: Login\r\nUsername: admin\r\nSecret: amp111\r\nEvents: off\r\n\r\n"
        + "Action: Originate\r\nChannel: Local/200@test\r\nContext: default\r\nExten: s\r\nPriority: 1\r\n"
        + "Async: true\r\nActionID: o1\r\n\r\n");
    JsonObject start = ws.next();
    assertThat(start.getString("type")).isEqualTo("StasisStart");
    assertThat(start.getJsonArray("args").getList()).containsExactly("arg1", "arg2");
    assertThat(start.getJsonObject("channel").getString("name")).matches("Local/200@test-[0-9a-f]{8};2");
    String id = start.getJsonObject("channel").getString("id");
    assertThat(call(GET, "/ari/channels/" + id).status()).isEqualTo(200);
    assertThat(call(DELETE, "/ari/channels/" + id).status()).isEqualTo(204);
    assertThat(types(List.of(ws.next(), ws.next()))).containsExactly("ChannelHangupRequest", "StasisEnd");
    assertThat(await(ari.channelCount())).isZero();
    await(ami.close());
    await(client.close());
  }

  @Test
  void anAriCallIsListedByAmiToo() {
    call(POST, "/ari/channels?endpoint=Local/300@test&app=demo-app&channelId=seen-by-ami");
    assertThat(await(sim.ami().activeChannelCount())).isEqualTo(2);
  }

  @Test
  void recordingsEndStoredAndServeABinaryWav() {
    Events ws = events("app=demo-app");
    call(POST, "/ari/channels?endpoint=Local/300@test&app=demo-app&channelId=rec-chan");
    ws.until("StasisStart");
    Resp rec = call(POST, "/ari/channels/rec-chan/record?name=r1&format=wav&maxDurationSeconds=2&ifExists=overwrite");
    assertThat(rec.status()).isEqualTo(201);
    assertThat(rec.headers().get("Location")).isEqualTo("/ari/recordings/live/r1");
    assertThat(ws.until("RecordingFinished")).extracting(e -> e.getString("type")).contains("RecordingStarted");
    assertThat(call(GET, "/ari/recordings/stored").text()).isEqualTo("[{\"name\":\"r1\",\"format\":\"wav\"}]");
    Resp file = call(GET, "/ari/recordings/stored/r1/file");
    assertThat(file.status()).isEqualTo(200);
    assertThat(file.body().getString(0, 4)).isEqualTo("RIFF");
    assertThat(file.body().getString(8, 12)).isEqualTo("WAVE");
    byte[] raw = {0, (byte) 0xff, 0x7f, (byte) 0x80};
    await(ari.putStoredRecording("given", "gsm", Buffer.buffer(raw)));
    assertThat(call(GET, "/ari/recordings/stored/given/file").body().getBytes()).isEqualTo(raw);
    assertThat(call(DELETE, "/ari/recordings/stored/r1").status()).isEqualTo(204);
    assertThat(call(GET, "/ari/recordings/stored/r1").status()).isEqualTo(404);
  }
}
