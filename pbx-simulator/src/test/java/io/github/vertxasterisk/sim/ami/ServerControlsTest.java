package io.github.vertxasterisk.sim.ami;

import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The Java test controls: session counts, abrupt closes, freeze, raw bytes, shutdown, action log, event stream. */
class ServerControlsTest extends AmiTestBase {

  @Test
  void countsOpenSessionsLoggedInOrNotAndTheMaximum() {
    RawAmiClient a = login(true);
    RawAmiClient b = connect();
    RawAmiClient c = connect();
    assertThat(ami.openSessions()).isEqualTo(3);
    b.close();
    c.close();
    b.awaitClosed();
    c.awaitClosed();
    eventually(() -> ami.openSessions() == 1);
    assertThat(ami.maxOpenSessions()).isEqualTo(3);
  }

  @Test
  void closeAllSessionsDropsEveryClient() {
    RawAmiClient a = login(true);
    RawAmiClient b = connect();
    RawAmiClient.await(ami.closeAllSessions());
    a.awaitClosed();
    b.awaitClosed();
    eventually(() -> ami.openSessions() == 0);
    assertThat(a.messages()).extracting(AmiMessage::eventName).containsExactly(null, "FullyBooted", "SuccessfulAuth");
  }

  @Test
  void closeMidPacketLeavesAHalfMessage() {
    RawAmiClient a = login(false);
    RawAmiClient.await(ami.closeMidPacket());
    a.awaitClosed();
    assertThat(a.text()).endsWith(ACCEPTED + "Event: Newchannel\r\nPrivilege: call,all\r\nChannel: Local/100@te");
  }

  @Test
  void frozenServerAnswersNothingButKeepsTheSocket() {
    RawAmiClient a = login(false);
    ami.freeze();
    a.send("Action: Ping\r\nActionID: frozen\r\n\r\n");
    RawAmiClient.pause(vertx, 300);
    assertThat(a.text()).isEqualTo("Asterisk Call Manager/11.0.0\r\n" + ACCEPTED);
    assertThat(a.isClosed()).isFalse();
    assertThat(ami.openSessions()).isEqualTo(1);
    ami.unfreeze();
    a.send("Action: Ping\r\nActionID: thawed\r\n\r\n");
    assertThat(a.awaitContains("Timestamp: ")).contains("ActionID: thawed").doesNotContain("ActionID: frozen");
  }

  @Test
  void sendRawReachesEverySession() {
    RawAmiClient a = login(false);
    RawAmiClient b = connect();
    RawAmiClient.await(ami.sendRaw("Event: Bogus\r\n\r\n"));
    a.awaitContains("Event: Bogus\r\n\r\n");
    assertThat(b.awaitContains("Event: Bogus")).isEqualTo("Asterisk Call Manager/11.0.0\r\nEvent: Bogus\r\n\r\n");
  }

  @Test
  void shutdownSendsTheCapturedEventThenCloses() {
    RawAmiClient a = connect();
    a.send(Captures.client("12-shutdown-restart"));
    a.awaitContains("SessionTV: ");
    a.awaitContains("\r\n\r\n");
    RawAmiClient.await(ami.shutdown(true));
    a.awaitClosed();
    assertThat(Captures.normalize(a.text())).isEqualTo(Captures.normalize(Captures.server("12-shutdown-restart")));
  }

  @Test
  void actionLogTellsWhatWasReceived() {
    List<String> seen = new ArrayList<>();
    ami.onAction(m -> seen.add(m.value("Action")));
    assertThat(ami.actionCount()).isZero();
    RawAmiClient a = login(false);
    a.send("Action: Ping\r\n\r\n");
    a.awaitContains("Ping: Pong");
    assertThat(ami.actionCount()).isEqualTo(2);
    assertThat(ami.actionCount("ping")).isEqualTo(1);
    assertThat(ami.receivedActions()).extracting(m -> m.value("Action")).containsExactly("Login", "Ping");
    assertThat(seen).containsExactly("Login", "Ping");
  }

  @Test
  void rateLimitedEventStreamCarriesLinkedids() {
    RawAmiClient a = login(true);
    RawAmiClient.await(ami.startEventStream(500));
    a.awaitCount("Linkedid: ", 50);
    RawAmiClient.await(ami.stopEventStream());
    assertThat(a.messages()).filteredOn(m -> "Newchannel".equals(m.eventName()))
        .allMatch(m -> m.get("Linkedid").matches("\\d+\\.\\d+"));
  }

  @Test
  void aCeilingKeepsTheMaxRateStreamAtOrBelowIt() {
    RawAmiClient a = login(true);
    long t0 = System.nanoTime();
    RawAmiClient.await(ami.startEventStreamMaxRate(1_000));
    a.awaitCount("Linkedid: ", 300);
    RawAmiClient.await(ami.stopEventStream());
    double seconds = (System.nanoTime() - t0) / 1e9;
    // An upper bound only (the ceiling plus one batch of 64): a slow machine may stay below it.
    assertThat(ami.streamedEvents()).isPositive().isLessThanOrEqualTo((long) (1_000 * seconds) + 64);
  }

  @Test
  void aFilterAddedDuringTheMaxRateStreamAppliesToIt() {
    RawAmiClient a = login(true);
    RawAmiClient.await(ami.startEventStreamMaxRate(2_000));
    a.awaitCount("Event: Newchannel", 5); // streaming, unfiltered
    a.send("Action: Filter\r\nOperation: Add\r\nFilter: Event: Hangup\r\nActionID: only-hangups\r\n\r\n");
    int acknowledged = a.awaitContains("ActionID: only-hangups\r\nMessage: Success").length();
    a.awaitCount("Event: Hangup", RawAmiClient.count(a.text(), "Event: Hangup") + 20);
    RawAmiClient.await(ami.stopEventStream());
    // The stream is rendered ahead, but rendered again once the session's filters change.
    assertThat(a.text().substring(acknowledged)).contains("Event: Hangup").doesNotContain("Event: Newchannel");
  }

  @Test
  void aSessionWhoseFiltersLetNothingThroughIsNotStreamedTo() {
    RawAmiClient a = login(true);
    a.send("Action: Filter\r\nOperation: Add\r\nFilter: Event: UserEvent\r\nActionID: nothing\r\n\r\n");
    a.awaitContains("ActionID: nothing\r\nMessage: Success");
    RawAmiClient.await(ami.startEventStreamMaxRate());
    RawAmiClient.pause(vertx, 500);
    RawAmiClient.await(ami.stopEventStream());
    // The scripted calls have no UserEvent: nothing written, nothing counted as streamed.
    assertThat(ami.streamedEvents()).isZero();
    assertThat(a.text()).doesNotContain("Event: Newchannel");
  }

  @Test
  void maxRateStreamStopsWritingWhileTheClientDoesNotRead() throws Exception {
    // A plain blocking socket with a small receive buffer that we simply do not read from.
    try (Socket slow = new Socket()) {
      slow.setReceiveBufferSize(16 * 1024);
      slow.connect(new InetSocketAddress("127.0.0.1", ami.port()), 2000);
      slow.getOutputStream().write(LOGIN.getBytes(StandardCharsets.US_ASCII));
      eventually(() -> ami.openSessions() == 1);
      RawAmiClient.await(ami.startEventStreamMaxRate());
      long stalled = awaitStall();
      assertThat(stalled).isPositive();
      // Reading again lets the drain handler resume the stream.
      InputStream in = slow.getInputStream();
      byte[] buf = new byte[64 * 1024];
      long deadline = System.currentTimeMillis() + 5000;
      while (ami.streamedEvents() <= stalled + 1000 && System.currentTimeMillis() < deadline) {
        if (in.read(buf) < 0) {
          break;
        }
      }
      assertThat(ami.streamedEvents()).isGreaterThan(stalled + 1000);
      RawAmiClient.await(ami.stopEventStream());
    }
  }

  /** Returns the stream count once it has not moved for 300 ms (fails after ~6 s). */
  private long awaitStall() {
    long previous = -1;
    for (int i = 0; i < 20; i++) {
      long now = ami.streamedEvents();
      if (now == previous && now > 0) {
        return now;
      }
      previous = now;
      RawAmiClient.pause(vertx, 300);
    }
    throw new AssertionError("event stream never stalled: write queue is not bounded");
  }

  /** Polls the condition every 20 ms on a Vert.x timer, for up to 5 s. */
  private void eventually(java.util.function.BooleanSupplier cond) {
    long deadline = System.currentTimeMillis() + 5000;
    while (!cond.getAsBoolean()) {
      assertThat(System.currentTimeMillis()).as("condition not met in time").isLessThan(deadline);
      RawAmiClient.pause(vertx, 20);
    }
  }
}
