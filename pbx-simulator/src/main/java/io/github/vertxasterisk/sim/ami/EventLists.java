package io.github.vertxasterisk.sim.ami;

/** The frame of an AMI event list: the "will follow" response and the ...Complete event (INDEX AMI item 4). */
final class EventLists {

  private EventLists() {
  }

  static void start(AmiSession s, String actionId, String message) {
    s.send(AmiMessage.response("Success", actionId).add("EventList", "start").add("Message", message));
  }

  /** The Complete event with ActionID second, then EventList and ListItems. */
  static void complete(AmiSession s, String event, String actionId, int items) {
    s.send(completeEvent(event, actionId, items));
  }

  /** The same, unsent, for lists that append their own counters (ShowDialPlanComplete). */
  static AmiMessage completeEvent(String event, String actionId, int items) {
    return AmiMessage.event(event, null).addIfPresent("ActionID", actionId).add("EventList", "Complete")
        .add("ListItems", items);
  }
}
