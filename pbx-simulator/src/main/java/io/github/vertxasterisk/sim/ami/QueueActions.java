package io.github.vertxasterisk.sim.ami;

import io.github.vertxasterisk.sim.pbx.PbxState;
import io.github.vertxasterisk.sim.pbx.Queue;

/**
 * QueueStatus and QueueSummary as capture 08 shows them: list items without Privilege, ActionID as
 * their LAST header; the Complete event has ActionID second. Queues only have static members, which are
 * always idle and logged in since the simulator's start; no callers ever wait, so all counters are 0.
 */
final class QueueActions {

  private final PbxState pbx;

  QueueActions(PbxState pbx) {
    this.pbx = pbx;
  }

  void register(ActionDispatcher d) {
    d.register("QueueStatus", this::queueStatus).register("QueueSummary", this::queueSummary);
  }

  private void queueStatus(AmiSession s, AmiMessage a) {
    String id = a.value("ActionID");
    String memberFilter = a.value("Member");
    EventLists.start(s, id, "Queue status will follow");
    int items = 0;
    for (Queue q : pbx.queues()) {
      if (!selected(q, a)) {
        continue;
      }
      s.send(AmiMessage.event("QueueParams", null).add("Queue", q.name()).add("Max", 0)
          .add("Strategy", q.strategy()).add("Calls", 0).add("Holdtime", 0).add("TalkTime", 0)
          .add("Completed", 0).add("Abandoned", 0).add("ServiceLevel", 0)
          .add("ServicelevelPerf", "0.0").add("ServicelevelPerf2", "0.0").add("Weight", 0)
          .addIfPresent("ActionID", id));
      items++;
      for (String member : q.members()) {
        if (!memberFilter.isEmpty() && !memberFilter.equals(member)) {
          continue;
        }
        // Status 1 = AST_DEVICE_NOT_INUSE, what the idle Local/300@test member showed.
        s.send(AmiMessage.event("QueueMember", null).add("Queue", q.name()).add("Name", member)
            .add("Location", member).add("StateInterface", member).add("Membership", "static")
            .add("Penalty", 0).add("CallsTaken", 0).add("LastCall", 0).add("LastPause", 0)
            .add("LoginTime", pbx.startedAtMillis() / 1000).add("InCall", 0).add("Status", 1)
            .add("Paused", 0).add("PausedReason", "").add("Wrapuptime", 0).addIfPresent("ActionID", id));
        items++;
      }
    }
    EventLists.complete(s, "QueueStatusComplete", id, items);
  }

  private void queueSummary(AmiSession s, AmiMessage a) {
    String id = a.value("ActionID");
    EventLists.start(s, id, "Queue summary will follow");
    int items = 0;
    for (Queue q : pbx.queues()) {
      if (selected(q, a)) {
        int members = q.members().size();
        s.send(AmiMessage.event("QueueSummary", null).add("Queue", q.name()).add("LoggedIn", members)
            .add("Available", members).add("Callers", 0).add("HoldTime", 0).add("TalkTime", 0)
            .add("LongestHoldTime", 0).addIfPresent("ActionID", id));
        items++;
      }
    }
    EventLists.complete(s, "QueueSummaryComplete", id, items);
  }

  /** An optional Queue header limits the answer to that queue. */
  private static boolean selected(Queue q, AmiMessage a) {
    String filter = a.value("Queue");
    return filter.isEmpty() || filter.equals(q.name());
  }
}
