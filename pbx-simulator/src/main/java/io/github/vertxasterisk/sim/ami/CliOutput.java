package io.github.vertxasterisk.sim.ami;

import java.util.List;

/**
 * What a CLI command printed and whether it succeeded: manager.c answers a failed command (CLI_FAILURE,
 * or no such command) with {@code Response: Error} and still sends its output (capture 06, cmd-5).
 */
record CliOutput(boolean success, List<String> lines) {

  static CliOutput ok(List<String> lines) {
    return new CliOutput(true, lines);
  }

  static CliOutput failure(String line) {
    return new CliOutput(false, List.of(line));
  }
}
