package io.github.vertxasterisk.ami;

import static io.github.vertxasterisk.sim.testing.Await.await;
import static io.github.vertxasterisk.sim.testing.Await.awaitFailure;
import static io.github.vertxasterisk.sim.testing.Await.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.vertxasterisk.ami.testing.AmiVerticleFixture;
import io.github.vertxasterisk.common.EventMeta;
import io.github.vertxasterisk.common.FailureCode;
import io.github.vertxasterisk.sim.PbxSimulator;
import io.github.vertxasterisk.sim.ami.CommandFormat;
import io.github.vertxasterisk.sim.testing.Await.Recorder;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetServer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The AMI verticle against the simulated PBX: lifecycle, states on .status, events, and the service. */
class AmiVerticleTest extends AmiVerticleFixture {
  private PbxSimulator sim;

  @BeforeEach
  void startSimulator() {
    sim = await(PbxSimulator.forTests().start(vertx));
  }

  private static JsonObject amiConfig(int port) {
    return baseAmiConfig(port)
      .put("actionTimeoutMs", 2_000).put("loginTimeoutMs", 2_000)
      // no Ping unless a test asks for one: a keepalive tick would count as an action sent, and a slow
      // machine's pause longer than its timeout would reconnect in the middle of a test
      .put("keepAliveIntervalMs", 60_000)
      .put("authFailedDelayMs", 1_500);
  }

  @Test
  void logsInReportsVersionsAndPublishesEventsWithMetadata() {
    Recorder booted = Recorder.on(vertx, addresses.event("FullyBooted"));
    Recorder all = Recorder.on(vertx, addresses.events());
    deploy(amiConfig(sim.amiPort()));

    JsonObject connected = status.awaitState("connected");
    assertThat(connected.getString("amiVersion")).isEqualTo("11.0.0");
    assertThat(connected.getString("asteriskVersion")).isEqualTo("22.10.1");
    assertThat(connected.getString("pbx")).isEqualTo(pbx);
    assertThat(connected.toString()).doesNotContain("amp111");
    assertThat(status.messages).extracting(m -> m.getString("state")).startsWith("standby", "connecting");

    JsonObject event = booted.awaitMatch("FullyBooted", e -> true);
    assertThat(event.getString("Status")).isEqualTo("Fully Booted");
    JsonObject meta = event.getJsonObject(EventMeta.FIELD);
    assertThat(meta.getString("pbx")).isEqualTo(pbx);
    assertThat(meta.getString("node")).isEqualTo("test-node");
    assertThat(meta.getLong("seq")).isEqualTo(1L);
    assertThat(meta.getLong("epoch")).isEqualTo(connected.getLong("epoch"));
    assertThat(meta.getLong("receivedAt")).isPositive();
    all.awaitMatch("SuccessfulAuth on the firehose", e -> "SuccessfulAuth".equals(e.getString("Event")));
  }

  @Test
  void md5LoginWorks() {
    deploy(amiConfig(sim.amiPort()).put("authType", "md5"));
    status.awaitState("connected");
    assertThat(sim.ami().actionCount("Challenge")).isEqualTo(1);
  }

  @Test
  void wrongSecretIsAuthFailedAndRetriedOnlyAfterTheLongDelay() {
    // a delay no pause of a slow machine reaches before the login count is read
    deploy(amiConfig(sim.amiPort()).put("secret", "wrong-secret").put("authFailedDelayMs", 10_000));
    JsonObject failed = status.awaitState("auth-failed");
    assertThat(failed.getString("reason")).contains("Authentication failed");
    assertThat(failed.getLong("retryInMs")).isBetween(5_000L, 10_000L);
    assertThat(failed.toString()).doesNotContain("wrong-secret");

    Throwable notConnected = awaitFailure(service().ping());
    assertThat(FailureCode.of(notConnected)).isEqualTo(FailureCode.NOT_CONNECTED);
    assertThat(notConnected.getMessage()).contains("auth-failed");
    // no tight loop: within the back-off only one login was tried
    assertThat(sim.ami().actionCount("Login")).isEqualTo(1);
  }

  @Test
  void aPeerThatIsNotAmiIsIncorrectServer() {
    NetServer ssh = vertx.createNetServer().connectHandler(socket -> socket.write("SSH-2.0-OpenSSH_9.2p1 Debian-2\r\n"));
    int port = await(ssh.listen(0, "127.0.0.1")).actualPort();
    deploy(amiConfig(port));
    JsonObject incorrect = status.awaitState("incorrect-server");
    assertThat(incorrect.getString("reason")).contains("not an AMI server").contains("SSH-2.0");
  }

  @Test
  void serverClosingMidPacketFailsInFlightActionsAndReconnectsWithANewEpoch() {
    deploy(amiConfig(sim.amiPort()));
    long firstEpoch = status.awaitState("connected").getLong("epoch");

    sim.ami().freeze();
    var inFlight = service().ping();
    eventually(Duration.ofSeconds(5), "the ping is in flight",
      () -> await(service().info()).getInteger("pendingActions") == 1);
    await(sim.ami().closeMidPacket());
    sim.ami().unfreeze();

    Throwable dropped = awaitFailure(inFlight);
    assertThat(FailureCode.of(dropped)).isEqualTo(FailureCode.DISCONNECTED);
    status.awaitState("disconnected");
    JsonObject again = status.awaitMatch("connected again", m -> "connected".equals(m.getString("state"))
      && m.getLong("epoch") > firstEpoch);
    assertThat(again.getLong("epoch")).isGreaterThan(firstEpoch);
    assertThat(await(service().ping()).getString("Ping")).isEqualTo("Pong");
    assertThat(sim.ami().maxOpenSessions()).isEqualTo(1);
  }

  @Test
  void aPeerThatStopsAnsweringPingsIsDetectedAndReplaced() {
    deploy(amiConfig(sim.amiPort()).put("keepAliveIntervalMs", 300).put("keepAliveTimeoutMs", 300));
    status.awaitState("connected");
    sim.ami().freeze();
    JsonObject down = status.awaitState("disconnected");
    assertThat(down.getString("reason")).contains("keepalive");
    sim.ami().unfreeze();
    status.awaitMatch("reconnected", m -> "connected".equals(m.getString("state")) && m.getLong("epoch") > 1);
  }

  @Test
  void shutdownEventIsADisconnect() {
    Recorder shutdown = Recorder.on(vertx, addresses.event("Shutdown"));
    deploy(amiConfig(sim.amiPort()));
    status.awaitState("connected");
    await(sim.ami().shutdown(true));
    assertThat(shutdown.awaitMatch("Shutdown event", e -> true).getString("Restart")).isEqualTo("True");
    assertThat(status.awaitState("disconnected").getString("reason")).contains("shutting down");
  }

  @Test
  void asyncOriginateRepliesWithItsOriginateResponseAndTheCallIsOnItsAddress() {
    sim.ami().setCallDurationMs(1_500); // time to subscribe to the call's address before it hangs up
    deploy(amiConfig(sim.amiPort()));
    status.awaitState("connected");
    JsonObject answer = await(service().originate(new JsonObject()
      .put("Channel", "Local/100@test").put("Context", "default").put("Exten", "s").put("Priority", 1)
      .put("CallerID", "\"Capture Test\" <1000>").put("Variable", new JsonObject().put("FOO", "bar"))
      .put("Async", "true").put("Timeout", 5_000)));
    assertThat(answer.getString("Event")).isEqualTo("OriginateResponse");
    assertThat(answer.getString("Response")).isEqualTo("Success");
    assertThat(answer.getString("Reason")).isEqualTo("4");

    String linkedid = answer.getString("Uniqueid");
    Recorder call = Recorder.on(vertx, addresses.call(linkedid));
    call.awaitMatch("the call's Hangup on .call.<Linkedid>", e -> "Hangup".equals(e.getString("Event")));
    assertThat(call.messages).allMatch(e -> linkedid.equals(e.getString("Linkedid")));
  }

  @Test
  void asyncOriginateToABusyNumberFailsWithTheReason() {
    deploy(amiConfig(sim.amiPort()));
    status.awaitState("connected");
    Throwable busy = awaitFailure(service().originate(new JsonObject()
      .put("Channel", "Local/500@test").put("Application", "Wait").put("Data", "1").put("Async", true)));
    assertThat(FailureCode.of(busy)).isEqualTo(FailureCode.ASTERISK_ERROR);
    assertThat(busy.getMessage()).contains("Reason 5").contains("busy");
  }

  @Test
  void commandOutputInBothFormats() {
    deploy(amiConfig(sim.amiPort()));
    status.awaitState("connected");
    List<String> modern = await(service().command("core show version"));
    assertThat(modern).singleElement().asString().startsWith("Asterisk 22.10.1");
    Throwable unknown = awaitFailure(service().command("no such thing"));
    assertThat(FailureCode.of(unknown)).isEqualTo(FailureCode.ASTERISK_ERROR);
    assertThat(unknown.getMessage()).contains("No such command 'no such thing'");

    sim.ami().setCommandFormat(CommandFormat.FOLLOWS);
    List<String> legacy = await(service().command("core show version"));
    assertThat(legacy).isEqualTo(modern);
  }

  @Test
  void eventListsAndTypedHelpers() {
    sim.ami().setCallDurationMs(30_000);
    deploy(amiConfig(sim.amiPort()));
    status.awaitState("connected");
    await(service().originate(new JsonObject().put("Channel", "Local/300@test").put("Application", "Wait")
      .put("Data", "30").put("Async", "true")));
    List<JsonObject> channels = await(service().coreShowChannels());
    assertThat(channels).isNotEmpty().allMatch(c -> "CoreShowChannel".equals(c.getString("Event")));

    JsonObject list = await(service().sendList(new JsonObject().put("Action", "CoreShowChannels")));
    assertThat(list.getJsonObject("response").getString("EventList")).isEqualTo("start");
    assertThat(list.getJsonObject("complete").getString("ListItems")).isEqualTo(String.valueOf(channels.size()));

    String channel = channels.get(0).getString("Channel");
    await(service().setVar(channel, "MYVAR", "hello"));
    assertThat(await(service().getVar(channel, "MYVAR"))).isEqualTo("hello");
    await(service().hangup(channel));
    Throwable gone = awaitFailure(service().hangup("Local/nonexistent@test-00000000;1"));
    assertThat(gone.getMessage()).isEqualTo("asterisk-error: Hangup failed: No such channel");
  }

  @Test
  void badRequestsFailClearlyAndSendNothing() {
    deploy(amiConfig(sim.amiPort()));
    status.awaitState("connected");
    int before = sim.ami().actionCount();

    Throwable noAction = awaitFailure(service().send(new JsonObject().put("Channel", "x")));
    assertThat(FailureCode.of(noAction)).isEqualTo(FailureCode.BAD_REQUEST);
    assertThat(noAction.getMessage()).contains("'Action' is required");

    Throwable injection = awaitFailure(service().send(new JsonObject().put("Action", "Ping")
      .put("X", "1\r\n\r\nAction: Originate")));
    assertThat(FailureCode.of(injection)).isEqualTo(FailureCode.BAD_REQUEST);
    assertThat(injection.getMessage()).contains("line break");

    Throwable nested = awaitFailure(service().send(new JsonObject().put("Action", "Ping")
      .put("X", new JsonObject().put("a", new JsonObject()))));
    assertThat(FailureCode.of(nested)).isEqualTo(FailureCode.BAD_REQUEST);

    Throwable logoff = awaitFailure(service().send(new JsonObject().put("Action", "Logoff")));
    assertThat(FailureCode.of(logoff)).isEqualTo(FailureCode.FORBIDDEN);

    Throwable noChannel = awaitFailure(service().hangup(" "));
    assertThat(FailureCode.of(noChannel)).isEqualTo(FailureCode.BAD_REQUEST);

    assertThat(sim.ami().actionCount()).isEqualTo(before);
  }

  @Test
  void anActionWithoutAnswerTimesOut() {
    deploy(amiConfig(sim.amiPort()).put("actionTimeoutMs", 200));
    status.awaitState("connected");
    sim.ami().freeze();
    Throwable timeout = awaitFailure(service().send(new JsonObject().put("Action", "CoreStatus")));
    assertThat(FailureCode.of(timeout)).isEqualTo(FailureCode.TIMEOUT);
    assertThat(timeout.getMessage()).contains("CoreStatus").contains("200 ms");
  }

  @Test
  void infoTellsStateVersionsAndCounters() {
    deploy(amiConfig(sim.amiPort()));
    status.awaitState("connected");
    JsonObject info = await(service().info());
    assertThat(info.getString("state")).isEqualTo("connected");
    assertThat(info.getString("node")).isEqualTo("test-node");
    assertThat(info.getString("asteriskVersion")).isEqualTo("22.10.1");
    assertThat(info.getLong("eventsPublished")).isPositive();
    assertThat(info.encode()).doesNotContain("amp111");
  }

  @Test
  void unparseableInputIsCountedAndTheConnectionSurvives() {
    deploy(amiConfig(sim.amiPort()).put("limits", new JsonObject().put("maxLineBytes", 1024).put("maxMessageBytes", 4096)));
    status.awaitState("connected");
    await(sim.ami().sendRaw(Buffer.buffer("Event: Garbage\r\nthis line has no colon\r\n\r\n")));
    await(sim.ami().sendRaw(Buffer.buffer("Event: Huge\r\nData: " + "x".repeat(5_000) + "\r\n\r\n")));
    eventually(Duration.ofSeconds(5), "two rejected messages",
      () -> await(service().info()).getLong("messagesRejected") == 2L);
    assertThat(await(service().ping()).getString("Ping")).isEqualTo("Pong");
  }

  @Test
  void includeAndExcludeListsKeepEventsOffTheBus() {
    Recorder all = Recorder.on(vertx, addresses.events());
    deploy(amiConfig(sim.amiPort()).put("includeEvents", new JsonArray().add("Newchannel").add("Hangup"))
      .put("excludeEvents", new JsonArray().add("Hangup")));
    status.awaitState("connected");
    await(service().originate(new JsonObject().put("Channel", "Local/600@test").put("Application", "Wait")
      .put("Data", "1").put("Async", "true")));
    all.awaitMatch("a Newchannel", e -> "Newchannel".equals(e.getString("Event")));
    eventually(Duration.ofSeconds(10), "filtered events counted", () -> await(service().info()).getLong("eventsFiltered") > 5);
    assertThat(all.messages).extracting(e -> e.getString("Event")).containsOnly("Newchannel");
    // numbering counts only what was published: no holes for filtered events
    assertThat(all.messages.get(0).getJsonObject(EventMeta.FIELD).getLong("seq")).isEqualTo(1L);
  }

  /** Capture 08: DBGet answers with an event list; its items belong to the caller, on send() as on sendList(). */
  @Test
  void anActionAnsweredWithAListKeepsItsEventsOffTheBusOnSendAndSendList() {
    Recorder all = Recorder.on(vertx, addresses.events());
    deploy(amiConfig(sim.amiPort()));
    status.awaitState("connected");
    await(service().send(new JsonObject().put("Action", "DBPut").put("Family", "captest").put("Key", "k1").put("Val", "value one")));
    long publishedBefore = await(service().info()).getLong("eventsPublished");
    JsonObject response = await(service().send(new JsonObject().put("Action", "DBGet").put("Family", "captest").put("Key", "k1")));
    assertThat(response.getString("Message")).isEqualTo("Result will follow");
    JsonObject list = await(service().sendList(new JsonObject().put("Action", "DBGet").put("Family", "captest").put("Key", "k1")));
    assertThat(list.getJsonArray("events").getJsonObject(0).getString("Val")).isEqualTo("value one");
    assertThat(list.getJsonObject("complete").getString("Event")).isEqualTo("DBGetComplete");
    // the holder's count is read after both answers: the lists' events came before them on the socket
    assertThat(await(service().info()).getLong("eventsPublished")).as("events published meanwhile").isEqualTo(publishedBefore);
    assertThat(all.messages).extracting(e -> e.getString("Event")).doesNotContain("DBGetResponse", "DBGetComplete");
  }

  @Test
  void amiFiltersAreSentAfterLoginSoAsteriskSendsLess() {
    Recorder all = Recorder.on(vertx, addresses.events());
    deploy(amiConfig(sim.amiPort()).put("filters", new JsonArray().add("Event: Newchannel")));
    status.awaitState("connected");
    eventually(Duration.ofSeconds(5), "the login's own events", () -> all.messages.size() >= 2);
    int beforeFilter = all.messages.size(); // FullyBooted and SuccessfulAuth come before any filter can apply
    await(service().originate(new JsonObject().put("Channel", "Local/600@test").put("Application", "Wait")
      .put("Data", "1").put("Async", "true")));
    assertThat(sim.ami().actionCount("Filter")).as("the configured filter plus OriginateResponse").isEqualTo(2);
    eventually(Duration.ofSeconds(5), "both Newchannel events", () -> all.count(e -> "Newchannel".equals(e.getString("Event"))) >= 2);
    // the reply and the published event travel on different addresses: either may arrive first
    eventually(Duration.ofSeconds(5), "the published OriginateResponse", () -> all.count(e -> "OriginateResponse".equals(e.getString("Event"))) >= 1);
    assertThat(all.messages.subList(beforeFilter, all.messages.size())).extracting(e -> e.getString("Event"))
      .containsOnly("Newchannel", "OriginateResponse");
    assertThat(await(service().info()).getLong("eventsFiltered")).as("Asterisk filtered, not the verticle").isZero();
  }

  /**
   * Only "!" (exclude) filters: Asterisk passes every other event. An include filter added beside them
   * would make Asterisk pass nothing but what it includes, so none is added (OriginateResponse passes).
   */
  @Test
  void excludeOnlyFiltersKeepEveryOtherEvent() {
    Recorder all = Recorder.on(vertx, addresses.events());
    deploy(amiConfig(sim.amiPort()).put("filters", new JsonArray().add("!Event: Newexten")));
    status.awaitState("connected");
    JsonObject answer = await(service().originate(new JsonObject().put("Channel", "Local/600@test").put("Application", "Wait")
      .put("Data", "1").put("Async", "true")));
    assertThat(answer.getString("Event")).isEqualTo("OriginateResponse");
    eventually(Duration.ofSeconds(5), "both Newchannel events", () -> all.count(e -> "Newchannel".equals(e.getString("Event"))) >= 2);
    assertThat(all.messages).extracting(e -> e.getString("Event")).doesNotContain("Newexten");
  }

  @Test
  void eventsOffAtLoginMeansNoEventsButActionsWork() {
    Recorder all = Recorder.on(vertx, addresses.events());
    deploy(amiConfig(sim.amiPort()).put("events", "off").put("authType", "md5"));
    status.awaitState("connected");
    Throwable async = awaitFailure(service().originate(new JsonObject().put("Channel", "Local/600@test")
      .put("Application", "Wait").put("Data", "1").put("Async", "true")));
    assertThat(FailureCode.of(async)).isEqualTo(FailureCode.BAD_REQUEST);
    assertThat(async.getMessage()).contains("Events: 'off'");
    assertThat(await(service().originate(new JsonObject().put("Channel", "Local/600@test")
      .put("Application", "Wait").put("Data", "1"))).getString("Message")).isEqualTo("Originate successfully queued");
    assertThat(await(service().coreShowChannels())).isNotEmpty();
    assertThat(all.messages).as("no event published with Events: off; list items are the reply only").isEmpty();
    assertThat(sim.ami().receivedActions()).anyMatch(a -> "Login".equalsIgnoreCase(a.get("Action")) && "off".equals(a.get("Events")));
  }
}
