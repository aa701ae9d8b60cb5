package io.github.vertxasterisk.sim.ari;

/** How the REST side misbehaves, for client robustness tests. */
public enum HostileMode {
  /** Answer like Asterisk. */
  NONE,
  /** Answer every request 200 with an HTML page ({@code text/html}), doing nothing. */
  HTML,
  /** Answer every request 200 {@code application/json} with a body that is not JSON, doing nothing. */
  INVALID_JSON
}
