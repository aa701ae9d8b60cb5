package io.github.vertxasterisk.sim.ami;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The CLI commands of capture 06 whose output shows PBX state: dialplan show, module show like and
 * database show. The capture's own requests are replayed and the answers compared line by line
 * (the simulator used to answer all three with "No such command").
 */
class CliStateCommandsTest extends AmiTestBase {

  private static final String CAPTURE = "06-command-action";
  /** Sent last: its answer means every earlier answer has arrived. */
  private static final String PING = "Action: Ping\r\nActionID: done\r\n\r\n";
  private static final String PONG = "ActionID: done\r\nPing: Pong";

  /** The simulator starts with the recorded server's dialplan, so the answer is the captured one. */
  @Test
  void dialplanShowTestMatchesCapture06() {
    assertSameOutput(replay(CAPTURE), "cmd-3");
  }

  /** The use counts of res_ari and res_ari_model are the recorded server's (its ARI clients). */
  @Test
  void moduleShowLikeResAriMatchesCapture06() {
    assertSameOutput(replay(CAPTURE), "cmd-4");
  }

  /**
   * Other clients of the recorded server had stored /demo/k1 and (through ARI device states)
   * /StasisDeviceState/demo; with those two stored here too, the answer is the captured one.
   */
  @Test
  void databaseShowMatchesCapture06WithTheRecordedEntries() {
    RawAmiClient c = login(false);
    c.send("Action: DBPut\r\nFamily: demo\r\nKey: k1\r\nVal: v1\r\nActionID: put-1\r\n\r\n"
        + "Action: DBPut\r\nFamily: StasisDeviceState\r\nKey: demo\r\nVal: BUSY\r\nActionID: put-2\r\n\r\n"
        + captureAction("cmd-6") + PING);
    c.awaitContains(PONG);
    assertSameOutput(c.text(), "cmd-6");
  }

  /** Asterisk keeps its /pbx/UUID in the AstDB from its first start; the simulator starts with the recorded one. */
  @Test
  void databaseShowOnAFreshSimulatorListsOnlyThePbxUuid() {
    RawAmiClient c = login(false);
    c.send(captureAction("cmd-6") + PING);
    c.awaitContains(PONG);
    assertThat(output(c.text(), "cmd-6")).containsExactly(
        "/pbx/UUID                                         : 08665b6d-c6e4-4a54-8cb0-f1f55d709bf6",
        "1 results found.");
  }

  /** A DBDel shows in the next database show: the output is the AstDB's, not a canned text. */
  @Test
  void databaseShowFollowsDbPutAndDbDel() {
    RawAmiClient c = login(false);
    c.send("Action: DBPut\r\nFamily: demo\r\nKey: k1\r\nVal: v1\r\nActionID: put-1\r\n\r\n"
        + "Action: DBPut\r\nFamily: demo\r\nKey: k2\r\nVal: v2\r\nActionID: put-2\r\n\r\n"
        + "Action: DBDel\r\nFamily: demo\r\nKey: k1\r\nActionID: del-1\r\n\r\n"
        + captureAction("cmd-6") + PING);
    c.awaitContains(PONG);
    assertThat(output(c.text(), "cmd-6")).containsExactly(
        "/demo/k2                                          : v2                       ",
        "/pbx/UUID                                         : 08665b6d-c6e4-4a54-8cb0-f1f55d709bf6",
        "2 results found.");
  }

  private static String captureAction(String actionId) {
    return Captures.actions(Captures.client(CAPTURE)).stream()
        .filter(a -> a.contains("\r\nActionID: " + actionId + "\r\n")).findFirst().orElseThrow();
  }

  /** Response line, header order, Message and every Output line equal the capture's. */
  private static void assertSameOutput(String text, String actionId) {
    String expected = Captures.responseBlock(Captures.server(CAPTURE), actionId);
    assertThat(output(text, actionId)).as(actionId).containsExactlyElementsOf(output(expected, actionId));
    assertThat(Captures.responseBlock(text, actionId)).as(actionId).isEqualTo(expected);
  }

  private static List<String> output(String text, String actionId) {
    return RawAmiClient.parse(Captures.responseBlock(text, actionId)).get(0).getAll("Output");
  }
}
