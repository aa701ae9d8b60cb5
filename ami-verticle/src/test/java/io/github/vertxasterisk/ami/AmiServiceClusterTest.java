package io.github.vertxasterisk.ami;

import io.github.vertxasterisk.common.cluster.ClusterPorts;
import static io.github.vertxasterisk.sim.testing.Await.await;
import static io.github.vertxasterisk.sim.testing.Await.awaitFailure;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.vertxasterisk.ami.api.AmiAddresses;
import io.github.vertxasterisk.ami.api.AmiService;
import io.github.vertxasterisk.common.EventMeta;
import io.github.vertxasterisk.common.FailureCode;
import io.github.vertxasterisk.common.cluster.ClusterSetup;
import io.github.vertxasterisk.sim.PbxSimulator;
import io.github.vertxasterisk.sim.testing.Await;
import io.github.vertxasterisk.sim.testing.Await.Recorder;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Every AmiService method called through the generated proxy from a second clustered node: node A holds
 * the AMI connection to the simulated PBX, node B only has the event bus.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AmiServiceClusterTest {
  private Vertx nodeA;
  private Vertx nodeB;
  private PbxSimulator sim;
  private final AmiAddresses addresses = AmiAddresses.of("pbx-cluster");
  private AmiService ami;
  private Recorder newchannels;
  private Recorder batches;
  private Recorder firehose;

  @BeforeAll
  void startCluster() {
    int port = ClusterPorts.firstOfFree(10);
    JsonObject cluster = new JsonObject()
      .put("name", "ami-test-" + UUID.randomUUID())
      .put("host", "127.0.0.1").put("port", port).put("portCount", 10)
      .put("members", new JsonArray().add("127.0.0.1:" + port).add("127.0.0.1:" + (port + 1)));
    nodeA = await(ClusterSetup.start(cluster));
    nodeB = await(ClusterSetup.start(cluster));
    sim = await(PbxSimulator.forTests().start(nodeA));
    sim.ami().setCallDurationMs(30_000);
    // Before the holder exists: its view of who listens starts from a snapshot that has these, so no
    // event is published before it knows of them (a later subscription takes a few ms to be seen).
    newchannels = Recorder.on(nodeB, addresses.event("Newchannel"));
    batches = Recorder.on(nodeB, addresses.eventBatches());
    firehose = Recorder.on(nodeB, addresses.events());
    Recorder status = Recorder.on(nodeB, addresses.status());
    JsonObject config = new JsonObject().put("node", "node-a").put("pbx", new JsonObject().put("id", "pbx-cluster")
      .put("ami", new JsonObject().put("port", sim.amiPort()).put("username", "admin").put("secret", "amp111")
        .put("actionTimeoutMs", 3_000)));
    await(nodeA.deployVerticle(new AmiVerticle(), new DeploymentOptions().setConfig(config)));
    status.awaitState("connected");
    ami = AmiService.createProxy(nodeB, addresses.service());
  }

  @AfterAll
  void stopCluster() {
    await(nodeB.close());
    await(nodeA.close());
  }

  @Test
  void sendPingInfoAndCommandAcrossTheCluster() {
    assertThat(await(ami.send(new JsonObject().put("Action", "Ping"))).getString("Ping")).isEqualTo("Pong");
    assertThat(await(ami.ping()).getString("Response")).isEqualTo("Success");
    JsonObject info = await(ami.info());
    assertThat(info.getString("node")).isEqualTo("node-a");
    assertThat(info.getString("state")).isEqualTo("connected");
    assertThat(await(ami.command("core show uptime"))).anyMatch(line -> line.startsWith("System uptime:"));
  }

  @Test
  void originateEventsReachTheOtherNodeAndListsVarsHangupWork() {
    JsonObject answer = await(ami.originate(new JsonObject().put("Channel", "Local/300@test")
      .put("Application", "Wait").put("Data", "30").put("Async", "true")));
    String uniqueid = answer.getString("Uniqueid");
    JsonObject newchannel = newchannels.awaitMatch("Newchannel of the call on node B",
      e -> uniqueid.equals(e.getString("Uniqueid")));
    assertThat(newchannel.getJsonObject(EventMeta.FIELD).getString("node")).isEqualTo("node-a");

    List<JsonObject> channels = await(ami.coreShowChannels());
    String channel = answer.getString("Channel");
    assertThat(channels).extracting(c -> c.getString("Channel")).contains(channel);
    JsonObject list = await(ami.sendList(new JsonObject().put("Action", "CoreShowChannels")));
    assertThat(list.getJsonArray("events").size()).isEqualTo(channels.size());

    await(ami.setVar(channel, "ROUTE", "sales"));
    assertThat(await(ami.getVar(channel, "ROUTE"))).isEqualTo("sales");
    await(ami.setVar(null, "GLOBAL_X", "1"));
    assertThat(await(ami.getVar(null, "GLOBAL_X"))).isEqualTo("1");
    assertThat(await(ami.hangup(channel)).getString("Response")).isEqualTo("Success");
  }

  @Test
  void batchesCarryTheFirehoseAndCallAndLocalConsumersGetTheirEvents() throws InterruptedException {
    JsonObject answer = await(ami.originate(new JsonObject().put("Channel", "Local/300@test")
      .put("Application", "Wait").put("Data", "30").put("Async", "true")));
    String uniqueid = answer.getString("Uniqueid");
    JsonObject newchannel = firehose.awaitMatch("Newchannel of the call",
      e -> "Newchannel".equals(e.getString("Event")) && uniqueid.equals(e.getString("Uniqueid")));
    long seq = newchannel.getJsonObject(EventMeta.FIELD).getLong("seq");

    // The batches carry the same events as the firehose, each once, in order.
    Await.eventually(Duration.ofSeconds(20), "the Newchannel in a batch", () -> batchedEvents(batches).contains(newchannel));
    List<JsonObject> batched = batchedEvents(batches);
    assertThat(batches.messages).allSatisfy(b -> assertThat(b.getJsonArray("events").size())
      .isBetween(1, AmiAddresses.MAX_BATCH));
    assertThat(batched).extracting(e -> e.getJsonObject(EventMeta.FIELD).getLong("seq")).isSorted().doesNotHaveDuplicates();
    assertThat(firehose.messages).containsAll(batched.stream().filter(e -> e.getJsonObject(EventMeta.FIELD).getLong("seq") <= seq).toList());

    // Node B follows the call from now on; node A has a local-only consumer. Nobody else listens to
    // either address, so the holder publishes locally unless it knows of B's subscription: a
    // subscription is seen within milliseconds, so a later VarSet reaches both.
    String linkedid = newchannel.getString("Linkedid");
    Recorder call = Recorder.on(nodeB, addresses.call(linkedid));
    List<JsonObject> localVarSets = new CopyOnWriteArrayList<>();
    await(nodeA.eventBus().<JsonObject>localConsumer(addresses.event("VarSet"), m -> localVarSets.add(m.body())).completion());
    String channel = answer.getString("Channel");
    boolean seen = false;
    for (int attempt = 0; attempt < 50 && !seen; attempt++) {
      await(ami.setVar(channel, "ATTEMPT", String.valueOf(attempt)));
      TimeUnit.MILLISECONDS.sleep(100);
      seen = call.any(e -> "VarSet".equals(e.getString("Event")) && "ATTEMPT".equals(e.getString("Variable")))
        && localVarSets.stream().anyMatch(e -> "ATTEMPT".equals(e.getString("Variable")));
    }
    assertThat(seen).as("a VarSet of the call on node B's .call address and on node A's local consumer").isTrue();
    assertThat(call.messages).allSatisfy(e -> assertThat(e.getString("Linkedid")).isEqualTo(linkedid));
    await(ami.hangup(channel));
  }

  private static List<JsonObject> batchedEvents(Recorder batches) {
    return batches.messages.stream().flatMap(b -> b.getJsonArray("events").stream().map(JsonObject.class::cast)).toList();
  }

  @Test
  void failuresKeepTheirCodeAndMessageAcrossTheCluster() {
    Throwable badRequest = awaitFailure(ami.send(new JsonObject()));
    assertThat(FailureCode.of(badRequest)).isEqualTo(FailureCode.BAD_REQUEST);
    assertThat(badRequest.getMessage()).startsWith("bad-request: ");

    Throwable asterisk = awaitFailure(ami.redirect("Local/nope-0000;1", "test", "100", 1));
    assertThat(FailureCode.of(asterisk)).isEqualTo(FailureCode.ASTERISK_ERROR);
    assertThat(asterisk.getMessage()).contains("Channel does not exist: Local/nope-0000;1");

    Throwable unknown = awaitFailure(ami.send(new JsonObject().put("Action", "FooBarUnknown")));
    assertThat(unknown.getMessage()).contains("Invalid/unknown command: FooBarUnknown");

    Throwable forbidden = awaitFailure(ami.send(new JsonObject().put("Action", "Login").put("Username", "x")));
    assertThat(FailureCode.of(forbidden)).isEqualTo(FailureCode.FORBIDDEN);
    // the shared session's event mask and filters are the config's: one app must not thin every node's events
    Throwable silence = awaitFailure(ami.send(new JsonObject().put("Action", "Events").put("EventMask", "off")));
    assertThat(FailureCode.of(silence)).isEqualTo(FailureCode.FORBIDDEN);
    assertThat(awaitFailure(ami.send(new JsonObject().put("Action", "filter").put("Operation", "Add")
      .put("Filter", "Event: Nothing"))).getMessage()).contains("'filter' is managed by the AMI verticle");

    Throwable originateNotAnOriginate = awaitFailure(ami.originate(new JsonObject().put("Action", "Hangup")));
    assertThat(FailureCode.of(originateNotAnOriginate)).isEqualTo(FailureCode.BAD_REQUEST);
  }
}
