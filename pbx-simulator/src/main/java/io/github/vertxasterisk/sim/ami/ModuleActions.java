package io.github.vertxasterisk.sim.ami;

import static io.github.vertxasterisk.sim.ami.ActionDispatcher.error;
import static io.github.vertxasterisk.sim.ami.ActionDispatcher.success;

/**
 * ModuleCheck, ModuleLoad, Reload and LoggerRotate (captures 07 and 08). Nothing is really loaded or
 * reloaded. Texts not in a capture: "Incomplete ModuleLoad action." is manager.c's (checked in its
 * source); "Module not loaded" and "No such module" are taken from manager.c as remembered, not checked
 * here. ModuleLoad of a loaded module, unload and reload are not simulated and say so.
 */
final class ModuleActions {

  void register(ActionDispatcher d) {
    d.register("ModuleCheck", this::moduleCheck).register("ModuleLoad", this::moduleLoad)
        .register("Reload", this::reload).register("LoggerRotate", this::loggerRotate);
  }

  /** Asterisk keeps an empty Version header since it lost per-file versions (capture 08). */
  private void moduleCheck(AmiSession s, AmiMessage a) {
    if (!LoadedModules.isLoaded(a.value("Module"))) {
      error(s, a, "Module not loaded");
      return;
    }
    s.send(AmiMessage.response("Success", a.value("ActionID")).add("Version", ""));
  }

  private void moduleLoad(AmiSession s, AmiMessage a) {
    String type = a.value("LoadType");
    if (type.isEmpty()) {
      error(s, a, "Incomplete ModuleLoad action.");
    } else if (type.equalsIgnoreCase("load") && !LoadedModules.isLoaded(a.value("Module"))) {
      error(s, a, "Module not found.");
    } else {
      error(s, a, "ModuleLoad " + type + " is not simulated");
    }
  }

  /** No Module header reloads everything. */
  private void reload(AmiSession s, AmiMessage a) {
    String module = a.value("Module");
    if (!module.isEmpty() && !LoadedModules.isLoaded(module)) {
      error(s, a, "No such module");
      return;
    }
    success(s, a, "Module Reloaded");
  }

  private void loggerRotate(AmiSession s, AmiMessage a) {
    success(s, a, "Reloaded the logger and rotated log files");
  }
}
