package io.github.vertxasterisk.sim.ami;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** Originate and channel actions, replayed from captures 04, 04b, 05 and 09. */
class OriginateTest extends AmiTestBase {

  @Test
  void asyncOriginateEmitsTheCapturedEventSequence() {
    RawAmiClient c = connect();
    List<String> actions = Captures.actions(Captures.client("04-originate-async-local100-events"));
    c.send(actions.get(0) + actions.get(1));
    c.awaitCount("Event: Hangup\r\n", 2);
    c.awaitCount("State: NOT_INUSE\r\n\r\n", 2);
    c.send(actions.get(2));
    c.awaitClosed();
    assertThat(Captures.normalize(c.text()))
        .isEqualTo(Captures.normalize(Captures.server("04-originate-async-local100-events")));
    AmiMessage response = c.messages().stream().filter(m -> "OriginateResponse".equals(m.eventName()))
        .findFirst().orElseThrow();
    assertThat(response.get("ActionID")).isEqualTo("orig-100-1");
    assertThat(response.headers().get(2).getKey()).isEqualTo("ActionID");
    assertThat(c.messages().stream().filter(m -> "Hangup".equals(m.eventName())).map(m -> m.get("Channel")))
        .hasSize(2).allMatch(ch -> ch.matches("Local/100@test-[0-9a-f]{8};[12]")).doesNotHaveDuplicates();
  }

  @Test
  void asyncFailuresMatchCapture04b() {
    RawAmiClient c = connect();
    List<String> actions = Captures.actions(Captures.client("04b-originate-failures-and-sync"));
    c.send(actions.get(0) + actions.get(1) + actions.get(2));
    c.awaitCount("Reason: ", 2);
    c.awaitCount("State: NOT_INUSE\r\n\r\n", 3);
    String capture = Captures.server("04b-originate-failures-and-sync");
    String prefix = capture.substring(0, capture.indexOf("Response: Success\r\nActionID: orig-600-sync"));
    assertThat(Captures.normalize(c.text())).isEqualTo(Captures.normalize(prefix));
    assertThat(c.text()).contains("Response: Failure\r\nChannel: Local/999@test\r\nApplication: Wait\r\nData: 5\r\nReason: 0\r\n",
        "Reason: 5\r\n");
  }

  @Test
  void synchronousOriginateAnswersBeforeTheChannelEvents() {
    RawAmiClient c = login(true);
    c.send("Action: Originate\r\nChannel: Local/600@test\r\nApplication: Wait\r\nData: 1\r\nActionID: orig-600-sync\r\n\r\n");
    c.awaitCount("Event: Hangup\r\n", 2);
    c.send("Action: Originate\r\nChannel: Local/500@test\r\nApplication: Wait\r\nData: 1\r\nActionID: orig-500-sync\r\n\r\n");
    c.awaitCount("Event: Hangup\r\n", 4);
    List<String> names = c.messages().stream()
        .map(m -> m.get("Response") != null ? m.value("ActionID") + ":" + m.value("Message") : m.eventName())
        .collect(Collectors.toList());
    int ok = names.indexOf("orig-600-sync:Originate successfully queued");
    int failed = names.indexOf("orig-500-sync:Originate failed");
    assertThat(ok).isPositive();
    assertThat(names.get(ok + 1)).isEqualTo("Newchannel");
    assertThat(failed).isGreaterThan(ok);
    assertThat(names.get(failed + 1)).isEqualTo("Newchannel");
    assertThat(names).doesNotContain("OriginateResponse");
  }

  @Test
  void asyncIsReadAsAstTrueReadsItWithoutTrimming() {
    // "true " is not ast_true: a synchronous Originate, answered when the busy call fails
    RawAmiClient c = login(true);
    c.send("Action: Originate\r\nChannel: Local/500@test\r\nApplication: Wait\r\nData: 1\r\nAsync: true \r\nActionID: padded\r\n\r\n");
    c.awaitCount("Event: Hangup\r\n", 2);
    c.send("Action: Originate\r\nChannel: Local/500@test\r\nApplication: Wait\r\nData: 1\r\nAsync:  on\r\nActionID: spaced\r\n\r\n");
    c.awaitCount("Event: OriginateResponse\r\n", 1);
    List<String> answers = c.messages().stream().filter(m -> m.get("Response") != null && !m.value("ActionID").isEmpty())
        .map(m -> m.value("ActionID") + ":" + m.value("Message")).collect(Collectors.toList());
    assertThat(answers).contains("padded:Originate failed", "spaced:Originate successfully queued");
  }

  /**
   * Capture 04b: Application Wait(1) against 600@test (Answer, Set, Wait(2), Hangup) returns first, so
   * the ;1 half hangs up with cause 0 and 600@test never reaches its Hangup priority.
   */
  @Test
  void aShortApplicationEndsTheCallAsInCapture04b() {
    RawAmiClient c = connect();
    List<String> actions = Captures.actions(Captures.client("04b-originate-failures-and-sync"));
    c.send(actions.get(0) + actions.get(3));
    c.awaitCount("Event: Hangup\r\n", 2);
    c.awaitCount("State: NOT_INUSE\r\n\r\n", 2);
    String ringingDone = "Application: Wait\r\nAppData: 2\r\n\r\n";
    String teardown = c.text().substring(c.text().indexOf(ringingDone) + ringingDone.length());
    String capture = Captures.server("04b-originate-failures-and-sync");
    String expected = capture.substring(capture.indexOf("Event: HangupRequest\r\nPrivilege: call,all\r\nChannel: Local/600"),
        capture.indexOf("Response: Goodbye"));
    assertThat(Captures.normalize(teardown)).isEqualTo(Captures.normalize(expected));
  }

  @Test
  void coreShowChannelsStatusVarsAndHangupMatchCapture05() {
    ami.setCallDurationMs(30_000);
    RawAmiClient c = connect();
    // The capture's call was Local/300@test-00000013; the simulator's first call is -00000000.
    List<String> actions = Captures.actions(Captures.client("05-call-up-coreshowchannels-status-vars-hangup")
        .replace("-00000013;", "-00000000;"));
    c.send(actions.get(0) + actions.get(1));
    c.awaitContains("AppData: 30\r\n\r\n");
    c.send(String.join("", actions.subList(2, actions.size())));
    c.awaitClosed();
    String capture = Captures.withoutMessages(Captures.server("05-call-up-coreshowchannels-status-vars-hangup"),
        "Event: QueueMemberStatus");
    assertThat(normalize05(c.text())).isEqualTo(normalize05(capture));
  }

  /** Counters and durations of the CLI output differ from the recorded server. */
  private static String normalize05(String text) {
    return Captures.normalize(text)
        .replaceAll("Output: \\d+ calls? processed", "Output: N calls processed")
        .replaceAll("!3!\\d+!!", "!3!D!!");
  }

  @Test
  void listItemsArriveWithEventsOffAndAnEmptyListStillCompletes() {
    RawAmiClient watcher = login(true);
    RawAmiClient c = login(false);
    c.send("Action: Originate\r\nChannel: Local/300@test\r\nApplication: Wait\r\nData: 25\r\nAsync: true\r\nActionID: o\r\n\r\n");
    watcher.awaitContains("Event: OriginateResponse");
    c.send("Action: CoreShowChannels\r\nActionID: csc-1\r\n\r\n");
    c.awaitContains("Event: CoreShowChannelsComplete\r\nActionID: csc-1\r\nEventList: Complete\r\nListItems: 2\r\n\r\n");
    assertThat(c.messages().stream().filter(m -> "CoreShowChannel".equals(m.eventName())))
        .hasSize(2).allMatch(m -> "csc-1".equals(m.headers().get(1).getValue()));
    assertThat(c.text()).doesNotContain("Event: Newchannel", "Event: OriginateResponse");
    String channel = c.messages().stream().filter(m -> "CoreShowChannel".equals(m.eventName()))
        .map(m -> m.get("Channel")).filter(n -> n.endsWith(";1")).findFirst().orElseThrow();
    c.send("Action: Hangup\r\nChannel: " + channel + "\r\nActionID: h\r\n\r\n");
    watcher.awaitCount("Event: Hangup\r\n", 2);
    c.send("Action: CoreShowChannels\r\nActionID: csc-empty\r\n\r\n");
    c.awaitContains("ActionID: csc-empty\r\nEventList: Complete\r\nListItems: 0\r\n\r\n");
    String capture = Captures.server("05-call-up-coreshowchannels-status-vars-hangup");
    String expected = capture.substring(capture.indexOf("Response: Success\r\nActionID: csc-empty"),
        capture.indexOf("Response: Goodbye"));
    assertThat(c.text()).endsWith("Response: Success\r\nActionID: h\r\nMessage: Channel Hungup\r\n\r\n" + expected);
  }

  @Test
  void eventMasksAndFiltersMatchCapture09() {
    RawAmiClient c = connect();
    c.send(Captures.client("09-events-off-on-filter"));
    c.awaitClosed();
    assertThat(Captures.normalize(c.text()))
        .isEqualTo(Captures.normalize(Captures.server("09-events-off-on-filter")));
  }

  @Test
  void originateToAnUnknownTechnologyAsyncReportsFailure() {
    RawAmiClient c = login(true);
    c.send("Action: Originate\r\nChannel: PJSIP/100\r\nExten: 100\r\nContext: test\r\nAsync: yes\r\nActionID: x\r\n\r\n");
    c.awaitContains("Event: OriginateResponse");
    c.awaitContains("CallerIDName: <unknown>\r\n\r\n");
    assertThat(c.text()).contains("Event: OriginateResponse\r\nPrivilege: call,all\r\nActionID: x\r\n"
        + "Response: Failure\r\nChannel: PJSIP/100\r\nContext: test\r\nExten: 100\r\nReason: 0\r\n");
  }
}
