package io.github.vertxasterisk.sim.ami;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Queue, dialplan, module, logger, global-variable and ListCommands actions against captures 08 and 07:
 * the capture's own requests are replayed and every message carrying the action's ActionID is compared
 * header by header (names, order, values). The simulator used to call most of these unknown.
 */
class MiscActionsTest extends AmiTestBase {

  private static final String MISC = "08-misc-actions";

  /** Queue statistics are the recorded server's call history; the simulator's queue has none. */
  private static final Set<String> QUEUE_HISTORY = Set.of("TalkTime", "Completed", "ServicelevelPerf",
      "ServicelevelPerf2", "CallsTaken", "LastCall", "LoginTime");

  @Test
  void queueStatusMatchesCapture08() {
    String text = replay(MISC);
    assertSameAnswer(text, MISC, "queuestatus-3", MiscActionsTest::withoutQueueHistory);
    String loginTime = Captures.messagesFor(text, "queuestatus-3").get(2).get("LoginTime");
    assertThat(loginTime).matches("\\d{10}");
  }

  @Test
  void queueSummaryMatchesCapture08() {
    assertSameAnswer(replay(MISC), MISC, "queuesummary-4", MiscActionsTest::withoutQueueHistory);
  }

  @Test
  void globalGetVarAndSetVarMatchCapture08() {
    String text = replay(MISC);
    for (String id : List.of("getvar-8", "setvar-9", "getvar-10", "getvar-11")) {
      assertSameAnswer(text, MISC, id, UnaryOperator.identity());
    }
  }

  @Test
  void extensionStateMatchesCapture08() {
    assertSameAnswer(replay(MISC), MISC, "extensionstate-17", UnaryOperator.identity());
  }

  @Test
  void moduleCheckMatchesCapture08() {
    assertSameAnswer(replay(MISC), MISC, "modulecheck-18", UnaryOperator.identity());
  }

  @Test
  void showDialPlanMatchesCapture08() {
    assertSameAnswer(replay(MISC), MISC, "showdialplan-19", UnaryOperator.identity());
  }

  @Test
  void loggerRotateMatchesCapture08() {
    assertSameAnswer(replay(MISC), MISC, "loggerrotate-22", UnaryOperator.identity());
  }

  @Test
  void reloadMatchesCapture08() {
    assertSameAnswer(replay(MISC), MISC, "reload-23", UnaryOperator.identity());
  }

  @Test
  void moduleLoadOfAnUnknownModuleMatchesCapture07() {
    assertSameAnswer(replay("07-errors"), "07-errors", "modload-bad", UnaryOperator.identity());
  }

  /**
   * The recorded server lists ~100 actions; the simulator lists only those it answers, each with the
   * captured line, in the captured order, and every action it answers is listed.
   */
  @Test
  void listCommandsListsTheSimulatedActionsWithTheCapturedLines() {
    String text = replay(MISC);
    List<AmiMessage> answer = Captures.messagesFor(text, "listcommands-21");
    List<AmiMessage> captured = Captures.messagesFor(Captures.server(MISC), "listcommands-21");
    assertThat(answer).hasSize(1);
    List<Map.Entry<String, String>> got = answer.get(0).headers();
    List<Map.Entry<String, String>> all = captured.get(0).headers();
    assertThat(got.subList(0, 2)).isEqualTo(all.subList(0, 2));
    assertThat(all).containsSubsequence(got);
    List<String> listed = new ArrayList<>();
    got.subList(2, got.size()).forEach(h -> listed.add(h.getKey().toLowerCase(Locale.ROOT)));
    assertThat(listed).containsExactlyInAnyOrderElementsOf(ami.actionNames());
  }

  /** The simulator's messages for this ActionID equal the capture's, header by header. */
  private static void assertSameAnswer(String text, String capture, String actionId,
      UnaryOperator<AmiMessage> normalize) {
    List<AmiMessage> got = Captures.messagesFor(text, actionId);
    List<AmiMessage> expected = Captures.messagesFor(Captures.server(capture), actionId);
    assertThat(expected).as("capture has " + actionId).isNotEmpty();
    assertThat(headers(got, normalize)).as(actionId).isEqualTo(headers(expected, normalize));
  }

  private static List<List<Map.Entry<String, String>>> headers(List<AmiMessage> messages,
      UnaryOperator<AmiMessage> normalize) {
    List<List<Map.Entry<String, String>>> out = new ArrayList<>();
    messages.forEach(m -> out.add(normalize.apply(m).headers()));
    return out;
  }

  private static AmiMessage withoutQueueHistory(AmiMessage m) {
    AmiMessage out = new AmiMessage();
    m.headers().forEach(h -> out.add(h.getKey(), QUEUE_HISTORY.contains(h.getKey()) ? "X" : h.getValue()));
    return out;
  }
}
