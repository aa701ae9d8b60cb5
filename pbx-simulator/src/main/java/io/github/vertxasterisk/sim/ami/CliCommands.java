package io.github.vertxasterisk.sim.ami;

import io.github.vertxasterisk.sim.pbx.Channel;
import io.github.vertxasterisk.sim.pbx.PbxState;

import java.util.ArrayList;
import java.util.List;

/**
 * The few CLI commands the simulator answers, with Asterisk 22's exact text (captures 06, 05), written
 * from the simulator's state where the output shows state (channels, dialplan, modules, AstDB).
 */
final class CliCommands {

  static final String VERSION =
      "Asterisk 22.10.1 built by root @ vm on a x86_64 running Linux on 2026-11-23 06:14:36 UTC";

  /** Known command words, used only to build the "core show help ..." hint like Asterisk's find_best(). */
  private static final List<String[]> KNOWN = List.of(
      "core show version".split(" "), "core show uptime".split(" "), "core show channels".split(" "),
      "core show help".split(" "), "dialplan show".split(" "), "module show".split(" "),
      "database show".split(" "), "manager show commands".split(" "), "no debug channel".split(" "));

  private final PbxState pbx;

  CliCommands(PbxState pbx) {
    this.pbx = pbx;
  }

  /** What the command printed, or null when the simulator does not know it. */
  CliOutput run(String command) {
    String[] words = words(command);
    String cmd = String.join(" ", words);
    switch (cmd) {
      case "core show version":
        return CliOutput.ok(List.of(VERSION));
      case "core show uptime": {
        long now = System.currentTimeMillis();
        String up = duration((now - pbx.startedAtMillis()) / 1000);
        return CliOutput.ok(List.of("System uptime: " + up, "Last reload: " + up));
      }
      case "core show channels":
        return CliOutput.ok(channels());
      case "core show channels concise":
        return CliOutput.ok(concise());
      case "module show":
        return ModuleShow.like("");
      case "database show":
        return CliOutput.ok(database());
      default:
        break;
    }
    if (words.length == 3 && cmd.startsWith("dialplan show ") && !words[2].contains("@")) {
      return DialplanShow.context(pbx.dialplan(), words[2]);
    }
    if (words.length == 4 && cmd.startsWith("module show ") && words[2].equalsIgnoreCase("like")) {
      return ModuleShow.like(words[3]);
    }
    return null;
  }

  /** Asterisk's text for an unknown command. */
  static String noSuchCommand(String command) {
    return "No such command '" + command + "' (type 'core show help " + findBest(words(command))
        + "' for other possible commands)";
  }

  private List<String> channels() {
    List<String> out = new ArrayList<>();
    out.add(String.format("%-64.64s %-32.32s %-7.7s %-30.30s", "Channel", "Location", "State", "Application(Data)"));
    List<Channel> list = pbx.channelsNewestFirst();
    for (Channel c : list) {
      out.add(String.format("%-64.64s %-32.32s %-7.7s %-30.30s", c.name(),
          c.exten() + "@" + c.context() + ":" + c.priority(), c.stateDesc(),
          c.application() + "(" + c.appData() + ")"));
    }
    int calls = pbx.activeCalls();
    out.add(list.size() + " active channel" + ess(list.size()));
    out.add(calls + " active call" + ess(calls));
    out.add(pbx.processedCalls() + " call" + ess(pbx.processedCalls()) + " processed");
    return out;
  }

  private List<String> concise() {
    List<String> out = new ArrayList<>();
    long now = System.currentTimeMillis();
    for (Channel c : pbx.channelsNewestFirst()) {
      String cid = Channel.UNKNOWN.equals(c.callerIdNum()) ? "" : c.callerIdNum();
      out.add(String.join("!", c.name(), c.context(), c.exten(), String.valueOf(c.priority()), c.stateDesc(),
          c.application(), c.appData(), cid, "", "", "3",
          String.valueOf((now - c.createdAtMillis()) / 1000), "", c.uniqueid()));
    }
    return out;
  }

  /** db.c's handle_cli_database_show() with no family: every entry, then the count ("results" even for one). */
  private List<String> database() {
    List<String> out = new ArrayList<>();
    pbx.astDb().entries().forEach((key, value) -> out.add(String.format("%-50s: %-25s", key, value)));
    out.add(out.size() + " results found.");
    return out;
  }

  /** print_uptimestr(): "31 minutes, 30 seconds", "1 hour, 2 seconds", "0 seconds". */
  static String duration(long seconds) {
    long[] units = {365L * 86400, 7L * 86400, 86400, 3600, 60};
    String[] names = {"year", "week", "day", "hour", "minute"};
    List<String> parts = new ArrayList<>();
    long rest = seconds;
    for (int i = 0; i < units.length; i++) {
      if (rest >= units[i]) {
        long n = rest / units[i];
        rest %= units[i];
        parts.add(n + " " + names[i] + ess(n));
      }
    }
    if (rest > 0 || parts.isEmpty()) {
      parts.add(rest + " second" + ess(rest));
    }
    return String.join(", ", parts);
  }

  private static String ess(long n) {
    return n == 1 ? "" : "s";
  }

  private static String[] words(String command) {
    String t = command.trim();
    return t.isEmpty() ? new String[0] : t.split("\\s+");
  }

  /** Words up to and including the first one no known command starts with (Asterisk's find_best). */
  private static String findBest(String[] words) {
    List<String> best = new ArrayList<>();
    for (int x = 0; x < words.length; x++) {
      best.add(words[x]);
      if (!partialMatch(words, x)) {
        break;
      }
    }
    return String.join(" ", best);
  }

  private static boolean partialMatch(String[] words, int upTo) {
    for (String[] known : KNOWN) {
      boolean ok = known.length > upTo;
      for (int i = 0; ok && i <= upTo; i++) {
        ok = i < upTo ? known[i].equals(words[i]) : known[i].startsWith(words[i]);
      }
      if (ok) {
        return true;
      }
    }
    return false;
  }
}
