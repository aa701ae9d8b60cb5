package io.github.vertxasterisk.ari;

import static io.github.vertxasterisk.sim.testing.Await.await;
import static io.github.vertxasterisk.sim.testing.Await.awaitFailure;
import static io.github.vertxasterisk.sim.testing.Await.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.vertxasterisk.ari.api.AriErrorCode;
import io.github.vertxasterisk.ari.api.AriService;
import io.github.vertxasterisk.ari.testing.AriVerticleFixture;
import io.github.vertxasterisk.common.FailureCode;
import io.github.vertxasterisk.sim.PbxSimulator;
import io.github.vertxasterisk.sim.ari.AriServer;
import io.github.vertxasterisk.sim.ari.HostileMode;
import io.github.vertxasterisk.sim.testing.Await.Recorder;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.serviceproxy.ServiceException;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The verticle and its service against the simulated PBX on one (non-clustered) Vert.x: Asterisk's
 * error statuses, the typed call-control helpers, files, and a peer that answers what ARI never does.
 */
class AriSimulatorTest extends AriVerticleFixture {
  private PbxSimulator sim;
  private AriServer server;

  @BeforeEach
  void startSimulator() {
    sim = await(PbxSimulator.forTests().start(vertx));
    server = sim.ari();
  }

  private AriService deploy() {
    deploy(new JsonObject().put("url", server.baseUrl()).put("username", "asterisk")
      .put("password", "asterisk").put("apps", new JsonArray().add("demo-app")).put("requestTimeoutMs", 3_000)
      .put("reconnectInitialMs", 50).put("reconnectMaxMs", 200));
    return service();
  }

  private AriService connected() {
    AriService ari = deploy();
    status.awaitState("connected");
    return ari;
  }

  /** A channel in the Stasis application, answered. */
  private String stasisChannel(AriService ari) {
    String channelId = "chan-" + UUID.randomUUID();
    await(ari.originate(new JsonObject().put("endpoint", "Local/400@test").put("app", "demo-app").put("channelId", channelId)));
    await(ari.answer(channelId));
    return channelId;
  }

  private static ServiceException asteriskError(Throwable failure, int status, String message) {
    assertThat(FailureCode.of(failure)).isEqualTo(FailureCode.ASTERISK_ERROR);
    ServiceException e = (ServiceException) failure;
    assertThat(e.getDebugInfo().getInteger("status")).isEqualTo(status);
    assertThat(e.getDebugInfo().getJsonObject("body")).isNotNull();
    assertThat(e.getMessage()).startsWith("asterisk-error: HTTP " + status + " " + message + " (");
    return e;
  }

  @Test
  void asterisksErrorStatusesComeBackWithTheirStatusAndMessage() {
    AriService ari = connected();
    String channelId = stasisChannel(ari);

    asteriskError(awaitFailure(ari.originate(new JsonObject().put("endpoint", "NoSlash").put("app", "demo-app"))),
      400, "Invalid endpoint specified");
    ServiceException notFound = asteriskError(awaitFailure(ari.invoke("channels.get",
      new JsonObject().put("channelId", "no-such-channel"))), 404, "Channel not found");
    assertThat(notFound.getMessage()).isEqualTo("asterisk-error: HTTP 404 Channel not found (channels.get)");
    assertThat(notFound.getDebugInfo().getString("operation")).isEqualTo("channels.get");
    asteriskError(awaitFailure(ari.originate(new JsonObject().put("endpoint", "Local/400@test").put("app", "demo-app")
      .put("channelId", channelId))), 409, "Channel with given unique ID already exists");
    await(ari.createBridge("err-bridge", "mixing"));
    asteriskError(awaitFailure(ari.removeChannel("err-bridge", channelId)), 422, "Channel not in this bridge");
    // Asterisk writes {"error": ...} for this one only
    asteriskError(awaitFailure(ari.originate(new JsonObject().put("endpoint", "BogusTech/foo").put("app", "demo-app"))),
      500, "Allocation failed");
    // the raw escape hatch is not validated, so Asterisk's own 400 shows
    ServiceException raw = asteriskError(awaitFailure(ari.request("GET", "/asterisk/variable", null, null)),
      400, "Variable name is required");
    assertThat(raw.getMessage()).endsWith("(GET /asterisk/variable)");
    assertThat(await(ari.info()).getString("state")).isEqualTo("connected");
  }

  @Test
  void typedHelpersDriveChannelsBridgesPlaybacksRecordingsAndVariables() {
    AriService ari = connected();
    server.setMediaDurationMs(10_000);
    String channelId = stasisChannel(ari);
    String bridgeId = "bridge-" + UUID.randomUUID();
    String playbackId = "pb-" + UUID.randomUUID();
    Recorder bridge = Recorder.on(vertx, addresses.bridge(bridgeId));
    Recorder playback = Recorder.on(vertx, addresses.playback(playbackId));
    Recorder recording = Recorder.on(vertx, addresses.recording("rec-1"));

    assertThat(await(ari.createBridge(bridgeId, "mixing")).getString("id")).isEqualTo(bridgeId);
    await(ari.addChannel(bridgeId, channelId));
    bridge.awaitMatch("ChannelEnteredBridge", e -> "ChannelEnteredBridge".equals(e.getString("type")));

    assertThat(await(ari.play(channelId, "sound:tt-monkeys", playbackId)).getString("state")).isEqualTo("queued");
    playback.awaitMatch("PlaybackStarted", e -> "PlaybackStarted".equals(e.getString("type")));
    await(ari.controlPlayback(playbackId, "pause"));
    // a value outside the declared list is refused before anything is sent
    assertThat(AriErrorCode.of(awaitFailure(ari.controlPlayback(playbackId, "sideways"))))
      .isEqualTo(AriErrorCode.INVALID_VALUE);
    await(ari.stopPlayback(playbackId));
    playback.awaitMatch("PlaybackFinished", e -> "PlaybackFinished".equals(e.getString("type")));

    await(ari.removeChannel(bridgeId, channelId));
    bridge.awaitMatch("ChannelLeftBridge", e -> "ChannelLeftBridge".equals(e.getString("type")));
    await(ari.destroyBridge(bridgeId));
    // BridgeDestroyed goes to subscribeAll applications only (captures/ari/03-subscribe-all)
    asteriskError(awaitFailure(ari.invoke("bridges.get", new JsonObject().put("bridgeId", bridgeId))), 404,
      "Bridge not found");

    assertThat(await(ari.record(channelId, new JsonObject().put("name", "rec-1").put("format", "wav"))).getString("name"))
      .isEqualTo("rec-1");
    recording.awaitMatch("RecordingFinished", e -> "RecordingFinished".equals(e.getString("type")));
    Buffer wav = await(ari.storedRecordingFile("rec-1"));
    assertThat(wav.getString(0, 4)).isEqualTo("RIFF");
    JsonObject file = await(ari.invoke("recordings.getStoredFile", new JsonObject().put("recordingName", "rec-1")));
    assertThat(file.getString("contentType")).isEqualTo("audio/wav");
    assertThat(Base64.getDecoder().decode(file.getString("bodyBase64"))).isEqualTo(wav.getBytes());

    await(ari.setVar(null, "GLOBAL_ROUTE", "night"));
    assertThat(await(ari.getVar(null, "GLOBAL_ROUTE"))).isEqualTo("night");
    await(ari.hangup(channelId, "busy"));
    eventually(Duration.ofSeconds(5), "the channel is gone", () -> await(server.channelCount()) == 0);
  }

  @Test
  void apiDocsAnsweredWithHtmlOrBrokenJsonAreAnIncorrectServerUntilTheyAreRight() {
    server.setHostileMode(HostileMode.HTML);
    deploy();
    JsonObject html = status.awaitState("incorrect-server");
    assertThat(html.getString("reason")).isEqualTo("GET /ari/api-docs/resources.json is not a JSON object (text/html:"
      + " <html><head><title>Gateway</title></head><body><h1>Hello from a proxy</h1></body></html>): not an Asterisk ARI server?");
    assertThat(html.getLong("retryInMs")).isPositive();

    server.setHostileMode(HostileMode.INVALID_JSON);
    status.awaitMatch("broken JSON reported", m -> "incorrect-server".equals(m.getString("state"))
      && m.getString("reason").contains("(application/json: {\"id\": \"broken)"));
    assertThat(server.openWebSockets()).isZero();

    server.setHostileMode(HostileMode.NONE);
    status.awaitState("connected");
    assertThat(server.openWebSockets()).isEqualTo(1);
    assertThat(server.maxOpenWebSockets()).isEqualTo(1);
  }

  @Test
  void restAnswersThatAreNotJsonFailTheCallNotTheConnection() {
    AriService ari = connected();
    server.setHostileMode(HostileMode.HTML);
    Throwable html = awaitFailure(ari.invoke("channels.list", null));
    assertThat(FailureCode.of(html)).as("%s", html.getMessage()).isEqualTo(FailureCode.ASTERISK_ERROR);
    assertThat(html.getMessage()).startsWith("asterisk-error: HTTP 200 answer to channels.list is not JSON (text/html): <html>");
    // like every asterisk-error, the status is in the debug info (ARI.md's example reads it as an int)
    JsonObject debug = ((ServiceException) html).getDebugInfo();
    assertThat(debug.getInteger("status")).as("debug info %s", debug).isEqualTo(200);
    assertThat(debug.getString("operation")).isEqualTo("channels.list");
    assertThat(debug.getString("body")).startsWith("<html>");
    server.setHostileMode(HostileMode.INVALID_JSON);
    Throwable broken = awaitFailure(ari.originate(new JsonObject().put("endpoint", "Local/400@test").put("app", "demo-app")));
    assertThat(broken.getMessage()).isEqualTo("asterisk-error: HTTP 200 answer to channels.originate is not JSON"
      + " (application/json): {\"id\": \"broken");

    server.setHostileMode(HostileMode.NONE);
    assertThat(await(ari.invoke("channels.list", null)).getJsonArray("body")).isEmpty();
    assertThat(await(ari.info()).getLong("reconnects")).isZero();
  }

  @Test
  void aSocketOfGarbageIsReportedAndReconnectedWithoutLeakingSockets() {
    AriService ari = connected();
    long firstEpoch = status.awaitState("connected").getLong("epoch");
    for (int i = 0; i < 10; i++) {
      await(i % 2 == 0 ? server.sendRawText("{broken " + i) : server.sendBinary(Buffer.buffer(new byte[] {1, 2, 3})));
    }
    assertThat(status.awaitState("incorrect-server").getString("reason"))
      .startsWith("the events WebSocket sent 10 frames in a row that are not ARI events");
    status.awaitMatch("connected again", m -> "connected".equals(m.getString("state")) && m.getLong("epoch") > firstEpoch);
    eventually(Duration.ofSeconds(5), "one socket open", () -> server.openWebSockets() == 1);
    assertThat(server.maxOpenWebSockets()).isEqualTo(1);

    // and events flow on the new socket
    Recorder stasis = Recorder.on(vertx, addresses.stasis("demo-app"));
    String channelId = stasisChannel(ari);
    stasis.awaitMatch("StasisStart after the reconnect", e -> channelId.equals(e.getJsonObject("channel").getString("id")));
  }
}
