package io.github.vertxasterisk.sim.ami;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

import static io.github.vertxasterisk.sim.ami.ActionDispatcher.error;
import static io.github.vertxasterisk.sim.ami.ActionDispatcher.success;

/** Session-level and core actions: Ping, Events, Filter, UserEvent, Command, CoreSettings/Status, CoreShowChannelMap. */
final class CoreActions {

  private final AmiServer server;
  private final CliCommands cli;

  CoreActions(AmiServer server) {
    this.server = server;
    this.cli = new CliCommands(server.pbx());
  }

  void register(ActionDispatcher d) {
    d.register("Ping", this::ping)
        .register("Events", this::events)
        .register("Filter", this::filter)
        .register("UserEvent", this::userEvent)
        .register("Command", this::command)
        .register("CoreSettings", this::coreSettings)
        .register("CoreStatus", this::coreStatus)
        .register("CoreShowChannelMap", this::coreShowChannelMap);
  }

  private void ping(AmiSession s, AmiMessage a) {
    Instant now = Instant.now();
    s.send(AmiMessage.response("Success", a.value("ActionID")).add("Ping", "Pong")
        .add("Timestamp", String.format("%d.%06d", now.getEpochSecond(), now.getNano() / 1000)));
  }

  private void events(AmiSession s, AmiMessage a) {
    EventMask mask = EventMask.parse(a.value("EventMask"));
    s.mask(mask);
    s.send(AmiMessage.response("Success", a.value("ActionID")).add("Events", mask.isOff() ? "Off" : "On"));
  }

  private void filter(AmiSession s, AmiMessage a) {
    String op = a.value("Operation");
    if (!op.isEmpty() && !op.equalsIgnoreCase("Add")) {
      error(s, a, "Unknown operation");
      return;
    }
    EventFilter f = EventFilter.from(a);
    if (f == null) {
      error(s, a, "Filter did not compile");
      return;
    }
    s.addFilter(f);
    success(s, a, "Success");
  }

  /** The event copies every header of the action except Action, ActionID included (capture 09). */
  private void userEvent(AmiSession s, AmiMessage a) {
    success(s, a, "Event Sent");
    AmiMessage ev = AmiMessage.event("UserEvent", "user,all");
    for (Map.Entry<String, String> h : a.headers()) {
      if (!h.getKey().equalsIgnoreCase("Action")) {
        ev.add(h.getKey(), h.getValue());
      }
    }
    server.broadcast(ev);
  }

  private void command(AmiSession s, AmiMessage a) {
    String cmd = a.value("Command");
    String id = a.value("ActionID");
    if (cmd.isBlank()) {
      error(s, a, "No command provided");
      return;
    }
    CliOutput result = cli.run(cmd);
    if (result == null) {
      result = CliOutput.failure(CliCommands.noSuchCommand(cmd));
    }
    List<String> output = result.lines();
    if (server.config().commandFormat() == CommandFormat.FOLLOWS) {
      // Asterisk <= 13: raw CLI lines (LF-terminated) and an --END COMMAND-- trailer.
      StringBuilder sb = new StringBuilder("Response: Follows\r\nPrivilege: Command\r\n");
      if (!id.isEmpty()) {
        sb.append("ActionID: ").append(id).append("\r\n");
      }
      output.forEach(l -> sb.append(l).append('\n'));
      s.writeRaw(sb.append("--END COMMAND--\r\n\r\n").toString());
      return;
    }
    AmiMessage m = AmiMessage.response(result.success() ? "Success" : "Error", id)
        .add("Message", "Command output follows");
    output.forEach(l -> m.add("Output", l));
    s.send(m);
  }

  private void coreSettings(AmiSession s, AmiMessage a) {
    s.send(AmiMessage.response("Success", a.value("ActionID"))
        .add("AMIversion", "11.0.0").add("AsteriskVersion", "22.10.1").add("SystemName", "")
        .add("CoreMaxCalls", 0).add("CoreMaxLoadAvg", "0.000000").add("CoreRunUser", "").add("CoreRunGroup", "")
        .add("CoreMaxFilehandles", 0).add("CoreRealTimeEnabled", "No").add("CoreCDRenabled", "Yes")
        .add("CoreHTTPenabled", "No").add("SoundsSearchCustomDir", "No"));
  }

  private void coreStatus(AmiSession s, AmiMessage a) {
    Instant start = Instant.ofEpochMilli(server.pbx().startedAtMillis());
    DateTimeFormatter date = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneId.systemDefault());
    DateTimeFormatter time = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());
    s.send(AmiMessage.response("Success", a.value("ActionID"))
        .add("CoreStartupDate", date.format(start)).add("CoreStartupTime", time.format(start))
        .add("CoreReloadDate", date.format(start)).add("CoreReloadTime", time.format(start))
        .add("CoreCurrentCalls", server.pbx().activeCalls())
        .add("CoreProcessedCalls", server.pbx().processedCalls()));
  }

  /**
   * Only the error path, reproduced for its quirk: the Message carries a bare LF before the CRLF
   * (INDEX AMI item 9). The channel map of a live channel is not simulated.
   */
  private void coreShowChannelMap(AmiSession s, AmiMessage a) {
    if (server.pbx().channel(a.value("Channel")) == null) {
      error(s, a, "Could not get channel snapshot\n");
    } else {
      error(s, a, "CoreShowChannelMap is not simulated for live channels");
    }
  }
}
