package io.github.vertxasterisk.sim.ami;

/** Handles one AMI action for a session (always on the server's event-loop context). */
@FunctionalInterface
interface ActionHandler {
  void handle(AmiSession session, AmiMessage action);
}
