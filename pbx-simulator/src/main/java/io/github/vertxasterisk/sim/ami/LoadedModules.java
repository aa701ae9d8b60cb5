package io.github.vertxasterisk.sim.ami;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The modules the simulated Asterisk reports as loaded: those the captures show working (pbx_config
 * reloads, app_queue answers QueueStatus, Stasis() runs, "module show like res_ari" lists res_ari*).
 * PJSIP, chan_sip and IAX2 are absent, as on the recorded server.
 */
final class LoadedModules {

  /** One line of {@code module show}: all of these are "core" support level and "Running". */
  record Module(String name, String description, int useCount) {
  }

  /**
   * Sorted by name, as Asterisk keeps its module list. The res_ari* lines are capture 06's (cmd-4),
   * descriptions as cut to 40 characters there and use counts included: they count the recorded
   * server's ARI users, which the simulator does not track. The other four are not in a capture: their
   * descriptions are the modules' AST_MODULE_INFO texts and their use count is 0.
   */
  private static final Map<String, Module> MODULES = new TreeMap<>();

  static {
    for (Module m : List.of(
        new Module("app_queue", "True Call Queueing", 0),
        new Module("app_stasis", "Stasis dialplan application", 0),
        new Module("pbx_config", "Text Extension Configuration", 0),
        new Module("res_ari", "Asterisk RESTful Interface", 12),
        new Module("res_ari_applications", "RESTful API module - Stasis application", 0),
        new Module("res_ari_asterisk", "RESTful API module - Asterisk resources", 0),
        new Module("res_ari_bridges", "RESTful API module - Bridge resources", 0),
        new Module("res_ari_channels", "RESTful API module - Channel resources", 0),
        new Module("res_ari_device_states", "RESTful API module - Device state resour", 0),
        new Module("res_ari_endpoints", "RESTful API module - Endpoint resources", 0),
        new Module("res_ari_events", "RESTful API module - WebSocket resource", 0),
        new Module("res_ari_model", "ARI Model validators", 11),
        new Module("res_ari_playbacks", "RESTful API module - Playback control re", 0),
        new Module("res_ari_recordings", "RESTful API module - Recording resources", 0),
        new Module("res_ari_sounds", "RESTful API module - Sound resources", 0),
        new Module("res_stasis", "Stasis application support", 0))) {
      MODULES.put(m.name(), m);
    }
  }

  private LoadedModules() {
  }

  /** "res_ari", "res_ari.so" and "res_ari.c" all name res_ari (Asterisk cuts at the first dot). */
  static boolean isLoaded(String module) {
    int dot = module.indexOf('.');
    return MODULES.containsKey((dot < 0 ? module : module.substring(0, dot)).trim());
  }

  /** The modules whose "name.so" contains this text, ignoring case (module.c's strcasestr); "" lists all. */
  static List<Module> like(String text) {
    String t = text.toLowerCase(Locale.ROOT);
    List<Module> out = new ArrayList<>();
    MODULES.values().forEach(m -> {
      if ((m.name() + ".so").toLowerCase(Locale.ROOT).contains(t)) {
        out.add(m);
      }
    });
    return out;
  }
}
