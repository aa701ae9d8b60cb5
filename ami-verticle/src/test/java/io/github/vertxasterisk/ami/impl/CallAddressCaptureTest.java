package io.github.vertxasterisk.ami.impl;

import static io.github.vertxasterisk.sim.testing.Await.await;
import static io.github.vertxasterisk.sim.testing.Await.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.vertxasterisk.ami.codec.AmiCodecLimits;
import io.github.vertxasterisk.ami.codec.AmiMessage;
import io.github.vertxasterisk.ami.codec.AmiParser;
import io.github.vertxasterisk.common.cluster.SparsePublisher;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * .call.<Linkedid> promises "every event of one call". Capture 04 (an async Originate of Local/100@test,
 * Linkedid 1795416984.27): DialBegin and DialEnd carry only DestLinkedid (no caller channel), LocalBridge
 * only LocalOneLinkedid/LocalTwoLinkedid. They belong to that call and must reach its address.
 */
class CallAddressCaptureTest {
  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() {
    await(vertx.close());
  }

  private static AmiConfig config() {
    return AmiConfig.from(new JsonObject().put("node", "n")
      .put("pbx", new JsonObject().put("id", "pbx1")
        .put("ami", new JsonObject().put("username", "admin").put("secret", "amp111"))));
  }

  @Test
  void dialAndLocalBridgeEventsOfAnOriginatedCallReachTheCallAddress() throws Exception {
    AmiConfig config = config();
    List<String> onCall = new CopyOnWriteArrayList<>();
    String linkedid = "1795416984.27";
    await(vertx.eventBus().<JsonObject>consumer(config.addresses().call(linkedid),
      m -> onCall.add(m.body().getString("Event"))).completion());

    List<AmiMessage> events = new ArrayList<>();
    AmiParser parser = new AmiParser(AmiCodecLimits.defaults(), new AmiParser.Listener() {
      public void banner(String v) { }
      public void message(AmiMessage m) { if (m.isEvent()) { events.add(m); } }
      public void rejected(String r) { }
      public void fatal(String r) { }
    });
    try (InputStream in = getClass().getResourceAsStream("/captures/ami/04-originate-async-local100-events.server.txt")) {
      parser.handle(Buffer.buffer(in.readAllBytes()));
    }
    AmiEventPublisher publisher = new AmiEventPublisher(SparsePublisher.start(vertx), config);
    vertx.runOnContext(v -> events.forEach(e -> publisher.publish(e, 0)));

    List<String> expected = List.of("Newchannel", "Hangup", "DialBegin", "DialEnd", "LocalBridge");
    eventually(Duration.ofSeconds(5), "the call's events on its address", () -> onCall.containsAll(expected));
    assertThat(onCall).contains("Newchannel", "Hangup");
    assertThat(onCall).as("events of call " + linkedid + " on .call.<Linkedid>")
      .contains("DialBegin", "DialEnd", "LocalBridge");
  }

  /**
   * Header names are case-insensitive to Asterisk; the publisher's quick checks must not change what
   * reaches the call address. And event addresses stay right past the publisher's address memory.
   */
  @Test
  void linkedidHeadersInAnyCaseReachTheCallAndEventAddressesSurviveManyNames() throws Exception {
    AmiConfig config = config();
    List<String> calls = new CopyOnWriteArrayList<>();
    for (String id : List.of("a.1", "b.2", "c.3", "d.4")) {
      await(vertx.eventBus().<JsonObject>consumer(config.addresses().call(id), m -> calls.add(id + " " + m.body().getString("Event")))
        .completion());
    }
    List<String> named = new CopyOnWriteArrayList<>();
    await(vertx.eventBus().<JsonObject>consumer(config.addresses().event("Last"), m -> named.add(m.body().getString("Event")))
      .completion());
    AmiEventPublisher publisher = new AmiEventPublisher(SparsePublisher.start(vertx), config);
    vertx.runOnContext(v -> {
      publisher.publish(AmiMessage.of("Event", "One", "linkedid", "a.1", "DESTLINKEDID", "b.2", "Uniqueid", "c.3"), 0);
      publisher.publish(AmiMessage.of("Event", "Two", "LocalTwoLinkedID", "d.4", "Linked", "a.1", "NotLinkedidX", "b.2"), 0);
      for (int i = 0; i < 3000; i++) {
        publisher.publish(AmiMessage.of("Event", "Made" + i), 0);
      }
      publisher.publish(AmiMessage.of("Event", "Last"), 0);
    });
    eventually(Duration.ofSeconds(5), "the last event name's own address", () -> named.contains("Last"));
    assertThat(calls).containsExactlyInAnyOrder("a.1 One", "b.2 One", "d.4 Two");
  }
}
