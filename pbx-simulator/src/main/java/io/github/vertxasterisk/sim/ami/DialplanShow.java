package io.github.vertxasterisk.sim.ami;

import io.github.vertxasterisk.sim.pbx.Dialplan;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code dialplan show <context>} over the simulated dialplan, in pbx.c's show_dialplan_helper()
 * layout (capture 06, cmd-3): the context header, {@code "  %-17s %-45s [%s]"} per priority with
 * the extension name on its first priority and file:line (or the registrar, for an extension that
 * has no config file line), an empty line, then the counters. The simulator has no includes, ignore
 * patterns, switches, labels or hints, so those lines never appear.
 */
final class DialplanShow {

  /** Every context of the simulator was loaded by pbx_config (as ShowDialPlan's Registrar says). */
  private static final String REGISTRAR = "pbx_config";

  private DialplanShow() {
  }

  static CliOutput context(Dialplan dialplan, String context) {
    Map<String, List<Dialplan.Step>> extensions = dialplan.contexts().get(context);
    if (extensions == null) {
      // pbx.c's text for an unknown context (CLI_FAILURE); not in a capture
      return CliOutput.failure("There is no existence of '" + context + "' context");
    }
    List<String> out = new ArrayList<>();
    out.add("[ Context '" + context + "' created by '" + REGISTRAR + "' ]");
    int priorities = 0;
    // Asterisk keeps a context's extensions sorted, whatever order they were written in
    for (Map.Entry<String, List<Dialplan.Step>> e : new TreeMap<>(extensions).entrySet()) {
      List<Dialplan.Step> steps = e.getValue();
      for (int p = 1; p <= steps.size(); p++) {
        String name = p == 1 ? "'" + e.getKey() + "' =>" : "";
        String where = dialplan.location(context, e.getKey(), p);
        out.add(String.format("  %-17s %-45s [%s]", name, p + ". " + steps.get(p - 1),
            where == null ? REGISTRAR : where));
      }
      priorities += steps.size();
    }
    out.add("");
    int count = extensions.size();
    out.add("-= " + count + " extension" + (count == 1 ? "" : "s") + " (" + priorities + " priorit"
        + (priorities == 1 ? "y" : "ies") + ") in 1 context. =-");
    return CliOutput.ok(out);
  }
}
