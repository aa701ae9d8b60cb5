package io.github.vertxasterisk.sim.ami;

import java.util.Set;

/**
 * The modules the simulated Asterisk reports as loaded: those the captures show working (pbx_config
 * reloads, app_queue answers QueueStatus, Stasis() runs, "module show like res_ari" lists res_ari*).
 * PJSIP, chan_sip and IAX2 are absent, as on the recorded server.
 */
final class LoadedModules {

  private static final Set<String> NAMES = Set.of("pbx_config", "app_queue", "app_stasis", "res_stasis",
      "res_ari", "res_ari_applications", "res_ari_asterisk", "res_ari_bridges", "res_ari_channels",
      "res_ari_device_states", "res_ari_endpoints", "res_ari_events", "res_ari_model", "res_ari_playbacks",
      "res_ari_recordings", "res_ari_sounds");

  private LoadedModules() {
  }

  /** "res_ari", "res_ari.so" and "res_ari.c" all name res_ari (Asterisk cuts at the first dot). */
  static boolean isLoaded(String module) {
    int dot = module.indexOf('.');
    return NAMES.contains((dot < 0 ? module : module.substring(0, dot)).trim());
  }
}
