package io.github.vertxasterisk.sim.ami;

import io.github.vertxasterisk.sim.pbx.Dialplan;
import io.github.vertxasterisk.sim.pbx.PbxState;

import java.util.List;
import java.util.Map;

import static io.github.vertxasterisk.sim.ami.ActionDispatcher.error;

/** ExtensionState and ShowDialPlan over the simulated dialplan (capture 08). */
final class DialplanActions {

  private final PbxState pbx;

  DialplanActions(PbxState pbx) {
    this.pbx = pbx;
  }

  void register(ActionDispatcher d) {
    d.register("ExtensionState", this::extensionState).register("ShowDialPlan", this::showDialPlan);
  }

  /** The simulated dialplan has no hints (nor had the recorded one): every state is -1 "Unknown". */
  private void extensionState(AmiSession s, AmiMessage a) {
    s.send(AmiMessage.response("Success", a.value("ActionID")).add("Message", "Extension Status")
        .add("Exten", a.value("Exten")).add("Context", a.value("Context")).add("Hint", "")
        .add("Status", -1).add("StatusText", "Unknown"));
  }

  /**
   * One ListDialplan per priority (ActionID second, Registrar pbx_config), then ShowDialPlanComplete
   * with the counters. The "Did not find ..." errors are pbx.c's texts as remembered (not in a
   * capture, not checked here).
   */
  private void showDialPlan(AmiSession s, AmiMessage a) {
    String id = a.value("ActionID");
    String context = a.value("Context");
    String exten = a.value("Extension");
    Map<String, Map<String, List<Dialplan.Step>>> contexts = pbx.dialplan().contexts();
    if (!context.isEmpty() && !contexts.containsKey(context)) {
      error(s, a, "Did not find context " + context);
      return;
    }
    if (!exten.isEmpty() && contexts.entrySet().stream()
        .noneMatch(c -> (context.isEmpty() || c.getKey().equals(context)) && c.getValue().containsKey(exten))) {
      error(s, a, "Did not find extension " + exten + (context.isEmpty() ? " in any context" : "@" + context));
      return;
    }
    EventLists.start(s, id, "DialPlan list will follow");
    int priorities = 0;
    int extensions = 0;
    int contextCount = 0;
    for (Map.Entry<String, Map<String, List<Dialplan.Step>>> c : contexts.entrySet()) {
      if (!context.isEmpty() && !context.equals(c.getKey())) {
        continue;
      }
      contextCount++;
      for (Map.Entry<String, List<Dialplan.Step>> e : c.getValue().entrySet()) {
        if (!exten.isEmpty() && !exten.equals(e.getKey())) {
          continue;
        }
        extensions++;
        List<Dialplan.Step> steps = e.getValue();
        for (int p = 0; p < steps.size(); p++) {
          s.send(AmiMessage.event("ListDialplan", null).addIfPresent("ActionID", id).add("Context", c.getKey())
              .add("Extension", e.getKey()).add("Priority", p + 1).add("Application", steps.get(p).app())
              .add("AppData", steps.get(p).data()).add("Registrar", "pbx_config"));
          priorities++;
        }
      }
    }
    s.send(EventLists.completeEvent("ShowDialPlanComplete", id, priorities).add("ListExtensions", extensions)
        .add("ListPriorities", priorities).add("ListContexts", contextCount));
  }
}
