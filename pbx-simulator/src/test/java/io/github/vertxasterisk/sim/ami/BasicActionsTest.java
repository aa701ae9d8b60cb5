package io.github.vertxasterisk.sim.ami;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Ping, Command (both formats), errors, lenient parsing, UserEvent, quirks (captures 03, 06, 07, 08, 09). */
class BasicActionsTest extends AmiTestBase {

  @Test
  void pingWithAndWithoutActionIdMatchesCapture03() {
    String text = replay("03-ping");
    assertThat(Captures.normalize(text)).isEqualTo(Captures.normalize(Captures.server("03-ping")));
    assertThat(text).containsPattern("Timestamp: \\d{10}\\.\\d{6}\r\n");
  }

  @Test
  void commandOutputFormatMatchesCapture06() {
    RawAmiClient c = connect();
    c.send(Captures.client("06-command-action"));
    c.awaitClosed();
    String capture = Captures.server("06-command-action");
    for (String id : List.of("login-1", "cmd-0", "cmd-5", "cmd-missing", "bye")) {
      assertThat(Captures.responseBlock(c.text(), id)).isEqualTo(Captures.responseBlock(capture, id));
    }
    // core show channels with no call: same header line, then the counters
    List<String> channels = RawAmiClient.parse(Captures.responseBlock(c.text(), "cmd-1")).get(0).getAll("Output");
    List<String> captured = RawAmiClient.parse(Captures.responseBlock(capture, "cmd-1")).get(0).getAll("Output");
    assertThat(channels).hasSize(4);
    assertThat(channels.subList(0, 3)).isEqualTo(captured.subList(0, 3));
    assertThat(channels.get(3)).matches("\\d+ calls? processed");
    assertThat(RawAmiClient.parse(Captures.responseBlock(c.text(), "cmd-2")).get(0).getAll("Output"))
        .satisfiesExactly(l -> assertThat(l).matches("System uptime: \\d+ seconds?"),
            l -> assertThat(l).matches("Last reload: \\d+ seconds?"));
  }

  @Test
  void commandFollowsFormatForPre14Clients() {
    ami.setCommandFormat(CommandFormat.FOLLOWS);
    RawAmiClient c = login(false);
    c.send("Action: Command\r\nCommand: core show version\r\nActionID: v1\r\n\r\n");
    c.awaitContains("--END COMMAND--\r\n\r\n");
    assertThat(c.text()).endsWith(ACCEPTED + "Response: Follows\r\nPrivilege: Command\r\nActionID: v1\r\n"
        + CliCommands.VERSION + "\n--END COMMAND--\r\n\r\n");
  }

  @Test
  void errorsMatchCapture07() {
    RawAmiClient c = connect();
    c.send(Captures.client("07-errors"));
    c.awaitClosed();
    String capture = Captures.server("07-errors");
    for (String id : List.of("before-login", "before-login-2", "login-1", "hangup-nonexistent", "unknown-action",
        "no-action-header", "orig-no-channel", "orig-bad-tech", "orig-bad-timeout", "getvar-no-var",
        "getvar-bad-chan", "status-bad", "bye")) {
      assertThat(Captures.responseBlock(c.text(), id)).as(id).isEqualTo(Captures.responseBlock(capture, id));
    }
  }

  @Test
  void headerParsingIsLenientLikeAsterisk() {
    RawAmiClient c = connect();
    String client = Captures.client("07-errors");
    String lenient = client.substring(client.indexOf("action: ping"), client.indexOf("Action: Logoff"));
    assertThat(lenient).contains("action: ping", "Action:Ping", "Action: Ping\nActionID: lf-only\n\n");
    c.send(LOGIN_EVENTS_OFF + lenient);
    c.awaitCount("Ping: Pong", 3);
    String capture = Captures.server("07-errors");
    for (String id : List.of("lowercase-headers", "no-space-after-colon", "lf-only")) {
      assertThat(Captures.normalize(Captures.responseBlock(c.text(), id)))
          .isEqualTo(Captures.normalize(Captures.responseBlock(capture, id)));
    }
  }

  @Test
  void anActionSplitAcrossManyWritesIsReassembled() {
    RawAmiClient c = login(false);
    for (String piece : List.of("Act", "ion: Pi", "ng\r", "\nActionID: split\r\n", "\r", "\n")) {
      c.send(piece);
    }
    assertThat(c.awaitContains("Timestamp: ")).contains("Response: Success\r\nActionID: split\r\nPing: Pong\r\n");
  }

  @Test
  void oversizeActionDisconnectsTheClient() {
    ami.config().maxActionBytes(4096);
    RawAmiClient c = login(false);
    c.send("Action: Ping\r\nX-Junk: " + "x".repeat(8000));
    c.awaitClosed();
    assertThat(c.text()).doesNotContain("Ping: Pong");
  }

  @Test
  void userEventCopiesAllHeadersAndRespectsEventsOff() {
    RawAmiClient c = connect();
    List<String> actions = Captures.actions(Captures.client("09-events-off-on-filter"));
    c.send(String.join("", actions.subList(0, 5)));
    c.awaitContains("ActionID: ue-on\r\n\r\n");
    c.awaitCount("ActionID: ue-on\r\n", 2);
    String expected = Captures.server("09-events-off-on-filter");
    String prefix = expected.substring(0, expected.indexOf("Response: Success\r\nActionID: ev-mask"));
    assertThat(Captures.normalize(c.text())).isEqualTo(Captures.normalize(prefix));
  }

  @Test
  void coreShowChannelMapErrorKeepsTheBareLf() {
    RawAmiClient c = login(false);
    c.send("Action: CoreShowChannelMap\r\nActionID: coreshowchannelmap-20\r\nChannel: nope\r\n\r\n");
    c.awaitContains("snapshot\n\r\n\r\n");
    assertThat(c.text()).endsWith("Response: Error\r\nActionID: coreshowchannelmap-20\r\n"
        + "Message: Could not get channel snapshot\n\r\n\r\n");
  }

  @Test
  void globalVariablesAndCoreSettings() {
    RawAmiClient c = login(false);
    c.send("Action: SetVar\r\nActionID: s\r\nVariable: G1\r\nValue: v2\r\n\r\n"
        + "Action: GetVar\r\nActionID: g\r\nVariable: G1\r\n\r\n"
        + "Action: GetVar\r\nActionID: n\r\nVariable: NOT_SET_ANYWHERE\r\n\r\n"
        + "Action: CoreSettings\r\nActionID: cs\r\n\r\n");
    c.awaitContains("SoundsSearchCustomDir: No\r\n\r\n");
    assertThat(c.text()).contains(
        "Response: Success\r\nActionID: s\r\nMessage: Variable Set\r\n\r\n",
        "Response: Success\r\nActionID: g\r\nVariable: G1\r\nValue: v2\r\n\r\n",
        "Response: Success\r\nActionID: n\r\nVariable: NOT_SET_ANYWHERE\r\nValue: \r\n\r\n",
        "AMIversion: 11.0.0\r\nAsteriskVersion: 22.10.1\r\nSystemName: \r\n");
  }
}
