package io.github.vertxasterisk.ari;

import static io.github.vertxasterisk.sim.testing.Await.await;
import static io.github.vertxasterisk.sim.testing.Await.awaitFailure;
import static io.github.vertxasterisk.sim.testing.Await.eventually;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.vertxasterisk.ari.api.AriErrorCode;
import io.github.vertxasterisk.ari.api.AriService;
import io.github.vertxasterisk.ari.testing.ApiDocs;
import io.github.vertxasterisk.ari.testing.AriVerticleFixture;
import io.github.vertxasterisk.ari.testing.Captures;
import io.github.vertxasterisk.ari.testing.FakeAriServer;
import io.github.vertxasterisk.common.EventMeta;
import io.github.vertxasterisk.common.FailureCode;
import io.github.vertxasterisk.sim.testing.Await.Recorder;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.serviceproxy.ServiceException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The ARI verticle against a small fake ARI server: connection states on .status, events with
 * metadata on their addresses, reconnects, hostile peers, and the service's replies and failures.
 */
class AriVerticleTest extends AriVerticleFixture {
  private FakeAriServer ari;

  @BeforeEach
  void startServer() {
    ari = startFakeAri();
  }

  private JsonObject ariConfig() {
    return ari.ariConfig("demo-app", "other app")
      // limits a slow machine's pauses do not reach; the keepalive test waits for its own
      .put("requestTimeoutMs", 2_000)
      .put("pingIntervalMs", 200).put("pingTimeoutMs", 1_000)
      .put("reconnectInitialMs", 50).put("reconnectMaxMs", 200).put("authFailedDelayMs", 60_000);
  }

  private AriService connected() {
    deploy(ariConfig());
    status.awaitState("connected");
    return service();
  }

  private static JsonObject firstEvent(String type) {
    return Captures.lines("01-callflow.ws.jsonl").stream().filter(e -> type.equals(e.getString("type"))).findFirst().orElseThrow();
  }

  @Test
  void connectsWithTheServersVersionAndPublishesEventsWithMetadata() {
    AriService service = connected();
    JsonObject up = status.awaitState("connected");
    assertThat(up.getString("asteriskVersion")).isEqualTo("22.10.1");
    assertThat(up.getJsonArray("apps")).containsExactly("demo-app", "other app");
    assertThat(up.toString()).doesNotContain(FakeAriServer.PASSWORD);
    assertThat(status.messages).extracting(m -> m.getString("state")).startsWith("standby", "connecting");
    assertThat(ari.lastEventsQuery).isEqualTo("app=demo-app%2Cother+app&subscribeAll=false");

    JsonObject stasisStart = firstEvent("StasisStart");
    String channelId = stasisStart.getJsonObject("channel").getString("id");
    Recorder byType = Recorder.on(vertx, addresses.event("StasisStart"));
    Recorder byChannel = Recorder.on(vertx, addresses.channel(channelId));
    Recorder stasis = Recorder.on(vertx, addresses.stasis("demo-app"));
    ari.push(firstEvent("ChannelVarset"));
    ari.push(stasisStart);

    JsonObject published = byType.awaitMatch("StasisStart", e -> true);
    JsonObject meta = published.getJsonObject(EventMeta.FIELD);
    assertThat(meta.getString("pbx")).isEqualTo(pbx);
    assertThat(meta.getString("node")).isEqualTo("test-node");
    assertThat(meta.getLong("epoch")).isEqualTo(up.getLong("epoch"));
    assertThat(meta.getLong("seq")).isEqualTo(2);
    assertThat(published.getJsonArray("args")).containsExactly("first", "second");
    byChannel.awaitMatch("StasisStart on the channel's address", e -> "StasisStart".equals(e.getString("type")));
    stasis.awaitMatch("StasisStart sent to the application", e -> channelId.equals(e.getJsonObject("channel").getString("id")));
    assertThat(await(service.info()).getLong("stasisStartsUnhandled")).isZero();
  }

  @Test
  void aUrlWithATrailingSlashStillReachesTheAriBase() {
    // "http://host:8088/" is how many people write the server's address: its base is still /ari
    deploy(ariConfig().put("url", "http://127.0.0.1:" + ari.port() + "/"));
    JsonObject settled = status.awaitMatch("connected or failed", m -> !List.of("standby", "connecting").contains(m.getString("state")));
    assertThat(settled.getString("state")).as(settled.toString()).isEqualTo("connected");
    assertThat(settled.getString("url")).isEqualTo("http://127.0.0.1:" + ari.port() + "/ari");
    await(service().answer("abc"));
    assertThat(ari.requestLines).contains("POST /ari/channels/abc/answer");
  }

  @Test
  void aStasisStartNobodyConsumesIsCountedNotFatal() {
    AriService service = connected();
    Recorder all = Recorder.on(vertx, addresses.events());
    ari.push(firstEvent("StasisStart"));
    all.awaitMatch("StasisStart on the firehose", e -> true);
    eventually(Duration.ofSeconds(5), "unhandled StasisStart counted",
      () -> await(service.info()).getLong("stasisStartsUnhandled") == 1);
    assertThat(await(service.info()).getString("state")).isEqualTo("connected");
  }

  @Test
  void reconnectsWithANewEpochWhenTheServerDropsTheSocket() {
    connected();
    long firstEpoch = status.awaitState("connected").getLong("epoch");
    ari.dropSockets();
    status.awaitMatch("disconnected", m -> "disconnected".equals(m.getString("state")) && m.getString("reason").contains("closed"));
    JsonObject again = status.awaitMatch("connected again", m -> "connected".equals(m.getString("state")) && m.getLong("epoch") > firstEpoch);
    assertThat(ari.socketsOpened.get()).isEqualTo(2);

    Recorder all = Recorder.on(vertx, addresses.events());
    ari.push(firstEvent("StasisStart"));
    JsonObject meta = all.awaitMatch("event after reconnect", e -> true).getJsonObject(EventMeta.FIELD);
    assertThat(meta.getLong("epoch")).isEqualTo(again.getLong("epoch"));
    assertThat(meta.getLong("seq")).isEqualTo(1);
  }

  @Test
  void aPeerThatStopsAnsweringPingsIsDroppedAndReconnected() {
    connected();
    long firstEpoch = status.awaitState("connected").getLong("epoch");
    ari.freezeSockets();
    JsonObject lost = status.awaitMatch("keepalive failure", m -> "disconnected".equals(m.getString("state")));
    assertThat(lost.getString("reason")).isEqualTo("keepalive: no pong within 1000 ms");
    status.awaitMatch("connected again", m -> "connected".equals(m.getString("state")) && m.getLong("epoch") > firstEpoch);
  }

  @Test
  void garbageFramesAreCountedAndTheConnectionStays() {
    AriService service = connected();
    Recorder all = Recorder.on(vertx, addresses.events());
    ari.pushText("this is not JSON");
    ari.pushText("[1,2,3]");
    ari.pushBinary(new byte[] {1, 2, 3});
    ari.push(firstEvent("StasisStart"));
    all.awaitMatch("the valid event after the garbage", e -> "StasisStart".equals(e.getString("type")));
    JsonObject info = await(service.info());
    assertThat(info.getLong("framesRejected")).isEqualTo(3);
    assertThat(info.getString("state")).isEqualTo("connected");
    assertThat(all.messages).hasSize(1);
  }

  @Test
  void aSocketThatSendsOnlyGarbageIsAnIncorrectServerAndIsReconnected() {
    AriService service = connected();
    long firstEpoch = status.awaitState("connected").getLong("epoch");
    for (int i = 0; i < 9; i++) {
      ari.pushText("garbage " + i);
    }
    ari.push(firstEvent("ChannelVarset")); // a real event between resets the count
    for (int i = 0; i < 10; i++) {
      ari.pushText("<html>" + i);
    }
    JsonObject incorrect = status.awaitState("incorrect-server");
    assertThat(incorrect.getString("reason")).isEqualTo("the events WebSocket sent 10 frames in a row that are not"
      + " ARI events (last: a text frame that is not a JSON object: <html>9): not an Asterisk ARI server?");
    assertThat(incorrect.getLong("retryInMs")).isPositive();
    status.awaitMatch("connected again", m -> "connected".equals(m.getString("state")) && m.getLong("epoch") > firstEpoch);
    assertThat(ari.socketsOpened.get()).isEqualTo(2);
    eventually(Duration.ofSeconds(5), "only the new socket stays open", () -> ari.openSockets() == 1);
    assertThat(await(service.info()).getLong("framesRejected")).isEqualTo(19);
  }

  @Test
  void applicationReplacedGivesTheAppUpWithALongBackoff() {
    connected();
    ari.push(Captures.lines("04-second-ws-same-app.first.ws.jsonl").get(0));
    JsonObject replaced = status.awaitMatch("replaced", m -> "disconnected".equals(m.getString("state")));
    assertThat(replaced.getString("reason")).startsWith("application-replaced: ").contains("'demo-app'");
    assertThat(replaced.getLong("retryInMs")).isGreaterThanOrEqualTo(30_000);
    eventually(Duration.ofSeconds(5), "our socket closed", () -> ari.openSockets() == 0);
    Throwable notConnected = awaitFailure(AriService.createProxy(vertx, addresses.service()).answer("x"));
    assertThat(FailureCode.of(notConnected)).isEqualTo(FailureCode.NOT_CONNECTED);
  }

  @Test
  void wrongCredentialsReportAuthFailedWithALongBackoff() {
    deploy(ariConfig().put("password", "wrong"));
    JsonObject failed = status.awaitState("auth-failed");
    assertThat(failed.getString("reason")).contains("HTTP 401").doesNotContain("wrong");
    assertThat(failed.getLong("retryInMs")).isGreaterThanOrEqualTo(30_000);
    Throwable call = awaitFailure(AriService.createProxy(vertx, addresses.service()).invoke("channels.list", null));
    assertThat(FailureCode.of(call)).isEqualTo(FailureCode.NOT_CONNECTED);
    assertThat(call.getMessage()).startsWith("not-connected: ").contains("auth-failed");
  }

  @Test
  void aPeerThatIsNotAriIsAnIncorrectServer() {
    ari.htmlOnly = true;
    deploy(ariConfig());
    JsonObject incorrect = status.awaitState("incorrect-server");
    assertThat(incorrect.getString("reason")).contains("resources.json").contains("text/html");
  }

  @Test
  void invokeRepliesStatusAndBodyAndValidatesBeforeSending() {
    AriService service = connected();
    int before = ari.restRequests.get();

    Throwable unknown = awaitFailure(service.invoke("channels.originat", new JsonObject()));
    assertThat(AriErrorCode.of(unknown)).isEqualTo(AriErrorCode.UNKNOWN_OPERATION);
    assertThat(unknown.getMessage()).startsWith("unknown-operation: ").contains("channels.originate");
    Throwable missing = awaitFailure(service.originate(new JsonObject().put("app", "demo-app")));
    assertThat(AriErrorCode.of(missing)).isEqualTo(AriErrorCode.MISSING_PARAMETER);
    assertThat(missing.getMessage()).contains("endpoint");
    Throwable badRaw = awaitFailure(service.request("GET", "channels?x=1", null, null));
    assertThat(FailureCode.of(badRaw)).isEqualTo(FailureCode.BAD_REQUEST);
    assertThat(ari.restRequests.get()).isEqualTo(before);

    JsonObject reply = await(service.invoke("channels.setChannelVar",
      new JsonObject().put("channelId", "c 1").put("variable", "FOO").put("value", "bar")));
    assertThat(reply.getInteger("status")).isEqualTo(200);
    assertThat(ari.requestLines).contains("POST /ari/channels/c%201/variable?variable=FOO&value=bar");
    await(service.answer("abc"));
    assertThat(ari.restRequests.get()).isEqualTo(before + 2);
  }

  @Test
  void asteriskErrorStatusesFailWithTheStatusAndMessage() {
    AriService service = connected();
    Throwable notFound = awaitFailure(service.invoke("channels.get", new JsonObject().put("channelId", "nope")));
    assertThat(FailureCode.of(notFound)).isEqualTo(FailureCode.ASTERISK_ERROR);
    assertThat(notFound.getMessage()).isEqualTo("asterisk-error: HTTP 404 Channel not found (channels.get)");
    assertThat(((ServiceException) notFound).getDebugInfo().getInteger("status")).isEqualTo(404);

    Throwable allocation = awaitFailure(service.originate(new JsonObject().put("endpoint", "Bogus/x").put("app", "demo-app")));
    assertThat(allocation.getMessage()).isEqualTo("asterisk-error: HTTP 500 Allocation failed (channels.originate)");

    Throwable raw = awaitFailure(service.request("GET", "/channels/nope", null, null));
    assertThat(raw.getMessage()).isEqualTo("asterisk-error: HTTP 404 Channel not found (GET /channels/nope)");

    Throwable notJson = awaitFailure(service.request("GET", "/notjson", null, null));
    assertThat(FailureCode.of(notJson)).isEqualTo(FailureCode.ASTERISK_ERROR);
    assertThat(notJson.getMessage()).contains("is not JSON").contains("<html>oops");

    Throwable slow = awaitFailure(service.request("GET", "/channels/slow", null, null));
    assertThat(FailureCode.of(slow)).isEqualTo(FailureCode.TIMEOUT);
    // an answer that trickles in never goes idle, so the client's own timeout never fires: the suite's does
    Throwable trickling = awaitFailure(service.request("GET", "/channels/trickle", null, null));
    assertThat(FailureCode.of(trickling)).as(String.valueOf(trickling)).isEqualTo(FailureCode.TIMEOUT);
    assertThat(trickling.getMessage()).startsWith("timeout: no complete answer to GET /ari/channels/trickle within ");
    assertThat(await(service.info()).getString("state")).isEqualTo("connected");
  }

  @Test
  void filesComeBackAsBase64AndRawRequestsCarryQueryAndBody() {
    AriService service = connected();
    JsonObject file = await(service.invoke("recordings.getStoredFile", new JsonObject().put("recordingName", "rec1")));
    assertThat(file.getString("contentType")).isEqualTo("audio/x-wav");
    assertThat(Base64.getDecoder().decode(file.getString("bodyBase64"))).startsWith('R', 'I', 'F', 'F');

    JsonObject raw = await(service.request("post", "/channels/abc/variable",
      new JsonObject().put("variable", "A").put("media", new JsonArray().add("sound:a").add("sound:b")),
      new JsonObject().put("k", "v")));
    assertThat(raw.getJsonObject("body").getJsonObject("echo")).isEqualTo(new JsonObject().put("k", "v"));
    assertThat(ari.requestLines).contains("POST /ari/channels/abc/variable?variable=A&media=sound%3Aa%2Csound%3Ab");

    JsonObject operations = await(service.operations());
    List<String> names = operations.getJsonArray("operations").stream().map(o -> ((JsonObject) o).getString("name")).toList();
    assertThat(names).contains("channels.originate", "bridges.addChannel", "recordings.getStoredFile");
  }

  @Test
  void aPlusInARawPathReachesAsteriskAsAPlus() {
    // Asterisk decodes each path segment with '+' as a space (res_ari.c: ast_uri_http_legacy), as it
    // does the events WebSocket's "app=demo-app%2Cother+app": a literal '+' must travel as %2B
    AriService service = connected();
    await(service.request("GET", "/endpoints/PJSIP/+4930123", null, null));
    await(service.request("GET", "/deviceStates/Custom:a%2Bb", null, null));
    assertThat(ari.requestLines).contains("GET /ari/endpoints/PJSIP/%2B4930123",
      "GET /ari/deviceStates/Custom:a%2Bb");
  }

  @Test
  void helpersTheSimulatorLacksSendWhatAsterisksRealApiDeclares() {
    Optional<Path> real = ApiDocs.realDir();
    assumeTrue(real.isPresent(), "Asterisk's own ARI api-docs (shared/captures/ari/api-docs) were not found above "
      + Path.of("").toAbsolutePath() + ": snoop, externalMedia and dial are checked against them only");
    ari.docsDir = real.get();
    AriService service = connected();
    assertThat(await(service.info()).getInteger("operations")).isEqualTo(109);

    await(service.snoop("c 1", new JsonObject().put("app", "demo-app").put("spy", "both").put("snoopId", "snoop-1")));
    // the fake answers the JSON body it received: the helper replies the answer's body
    JsonObject media = await(service.externalMedia(new JsonObject().put("app", "demo-app")
      .put("external_host", "127.0.0.1:4000").put("format", "ulaw").put("variables", new JsonObject().put("K", "v"))));
    assertThat(media.getJsonObject("echo")).isEqualTo(new JsonObject().put("variables", new JsonObject().put("K", "v")));
    await(service.dial("c 1", new JsonObject().put("caller", "c2").put("timeout", 30)));
    assertThat(ari.requestLines).contains(
      "POST /ari/channels/c%201/snoop?spy=both&app=demo-app&snoopId=snoop-1",
      "POST /ari/channels/externalMedia?app=demo-app&external_host=127.0.0.1%3A4000&format=ulaw",
      "POST /ari/channels/c%201/dial?caller=c2&timeout=30");
    Throwable missingApp = awaitFailure(service.snoop("c1", new JsonObject()));
    assertThat(AriErrorCode.of(missingApp)).isEqualTo(AriErrorCode.MISSING_PARAMETER);
  }
}
