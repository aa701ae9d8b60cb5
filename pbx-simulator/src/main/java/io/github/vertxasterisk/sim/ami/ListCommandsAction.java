package io.github.vertxasterisk.sim.ami;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * ListCommands: one {@code Name: synopsis  (Priv: ...)} header per action, in Asterisk's order
 * (case-insensitive alphabetical). The lines are the recorded server's own (capture 08), kept only for
 * the actions the simulator answers, so a client probing for an action is not told about one it lacks.
 */
final class ListCommandsAction {

  /** Capture 08's lines for the simulated actions (note Asterisk's spelling "Getvar" / "Setvar"). */
  static final List<String> LINES = List.of(
      "Challenge: Generate Challenge for MD5 Auth.  (Priv: <none>)",
      "Command: Execute Asterisk CLI Command.  (Priv: command,all)",
      "CoreSettings: Show PBX core settings (version etc).  (Priv: system,reporting,all)",
      "CoreShowChannelMap: List all channels connected to the specified channel.  (Priv: system,reporting,all)",
      "CoreShowChannels: List currently active channels.  (Priv: system,reporting,all)",
      "CoreStatus: Show PBX core status variables.  (Priv: system,reporting,all)",
      "DBDel: Delete DB entry.  (Priv: system,all)",
      "DBGet: Get DB Entry.  (Priv: system,reporting,all)",
      "DBGetTree: Get DB entries, optionally at a particular family/key  (Priv: system,reporting,all)",
      "DBPut: Put DB entry.  (Priv: system,all)",
      "Events: Control Event Flow.  (Priv: <none>)",
      "ExtensionState: Check Extension Status.  (Priv: call,reporting,all)",
      "Filter: Dynamically add filters for the current manager session.  (Priv: system,all)",
      "Getvar: Gets a channel variable or function value.  (Priv: call,reporting,all)",
      "Hangup: Hangup channel.  (Priv: system,call,all)",
      "ListCommands: List available manager commands.  (Priv: <none>)",
      "LoggerRotate: Reload and rotate the Asterisk logger.  (Priv: system,reporting,all)",
      "Login: Login Manager.  (Priv: <none>)",
      "Logoff: Logoff Manager.  (Priv: <none>)",
      "ModuleCheck: Check if module is loaded.  (Priv: system,all)",
      "ModuleLoad: Module management.  (Priv: system,all)",
      "Originate: Originate a call.  (Priv: originate,all)",
      "Ping: Keepalive command.  (Priv: <none>)",
      "QueueStatus: Show queue status.  (Priv: <none>)",
      "QueueSummary: Show queue summary.  (Priv: <none>)",
      "Redirect: Redirect (transfer) a call.  (Priv: call,all)",
      "Reload: Send a reload event.  (Priv: system,config,all)",
      "Setvar: Sets a channel variable or function value.  (Priv: call,all)",
      "ShowDialPlan: Show dialplan contexts and extensions  (Priv: config,reporting,all)",
      "Status: List channel status.  (Priv: system,call,reporting,all)",
      "UserEvent: Send an arbitrary event.  (Priv: user,all)");

  private final ActionDispatcher dispatcher;

  ListCommandsAction(ActionDispatcher dispatcher) {
    this.dispatcher = dispatcher;
  }

  void register(ActionDispatcher d) {
    d.register("ListCommands", this::listCommands);
  }

  private void listCommands(AmiSession s, AmiMessage a) {
    Set<String> answered = dispatcher.actions();
    AmiMessage m = AmiMessage.response("Success", a.value("ActionID"));
    for (String line : LINES) {
      int colon = line.indexOf(": ");
      String name = line.substring(0, colon);
      if (answered.contains(name.toLowerCase(Locale.ROOT))) {
        m.add(name, line.substring(colon + 2));
      }
    }
    s.send(m);
  }
}
