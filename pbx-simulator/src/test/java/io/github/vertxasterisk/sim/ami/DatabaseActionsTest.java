package io.github.vertxasterisk.sim.ami;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** AstDB actions byte for byte against captures 07, 08 and 11 (the simulator used to call them unknown). */
class DatabaseActionsTest extends AmiTestBase {

  @Test
  void pipelinedActionsMatchCapture11() {
    String text = replay("11-pipelined-actions");
    assertThat(normalize11(text)).isEqualTo(normalize11(Captures.server("11-pipelined-actions")));
  }

  @Test
  void putGetTreeDelMatchCapture08() {
    RawAmiClient c = login(false);
    String client = Captures.client("08-misc-actions");
    c.send(client.substring(client.indexOf("Action: DBPut"), client.indexOf("Action: ExtensionState")));
    c.awaitContains("ActionID: dbget-16\r\nMessage: Database entry not found\r\n\r\n");
    String capture = Captures.server("08-misc-actions");
    String expected = capture.substring(capture.indexOf("Response: Success\r\nActionID: dbput-12"),
        capture.indexOf("Response: Success\r\nActionID: extensionstate-17"));
    assertThat(c.text()).isEqualTo(AmiSession.BANNER + ACCEPTED + expected);
  }

  @Test
  void missingEntryMatchesCapture07() {
    String text = replay("07-errors");
    assertThat(Captures.responseBlock(text, "dbget-missing"))
        .isEqualTo(Captures.responseBlock(Captures.server("07-errors"), "dbget-missing"));
  }

  /** CoreStatus and uptime values belong to the recorded server. */
  private static String normalize11(String text) {
    return Captures.normalize(text)
        .replaceAll("(CoreStartupDate|CoreStartupTime|CoreReloadDate|CoreReloadTime|CoreProcessedCalls): [^\r\n]*", "$1: X")
        .replaceAll("Output: System uptime: [^\r\n]*", "Output: System uptime: X");
  }
}
