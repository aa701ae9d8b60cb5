package io.github.vertxasterisk.sim.ami;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code module show [like <text>]} in cli.c's handle_modlist() layout (capture 06, cmd-4): a header,
 * one MODLIST_FORMAT line per loaded module, the count ("modules" even for one, as cli.c prints it).
 */
final class ModuleShow {

  private static final String HEADER = "%-30s %-40.40s %-10s %-11s %13s";
  private static final String LINE = "%-30s %-40.40s %-10d %-11s %13s";

  private ModuleShow() {
  }

  static CliOutput like(String text) {
    List<String> out = new ArrayList<>();
    out.add(String.format(HEADER, "Module", "Description", "Use Count", "Status", "Support Level"));
    List<LoadedModules.Module> modules = LoadedModules.like(text);
    modules.forEach(m -> out.add(String.format(LINE, m.name() + ".so", m.description(), m.useCount(), "Running",
        "core")));
    out.add(modules.size() + " modules loaded");
    return CliOutput.ok(out);
  }
}
