package io.github.vertxasterisk.sim.ami;

import io.github.vertxasterisk.sim.pbx.Dialplan;
import io.github.vertxasterisk.sim.pbx.Dialplan.Step;
import io.github.vertxasterisk.sim.pbx.PbxState;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Text details of the CLI output, and output that follows the simulator's state. */
class CliCommandsTest {

  @Test
  void uptimeIsWrittenLikeAsterisk() {
    assertThat(CliCommands.duration(0)).isEqualTo("0 seconds");
    assertThat(CliCommands.duration(1)).isEqualTo("1 second");
    assertThat(CliCommands.duration(31 * 60 + 30)).isEqualTo("31 minutes, 30 seconds");
    assertThat(CliCommands.duration(3600 + 60)).isEqualTo("1 hour, 1 minute");
    assertThat(CliCommands.duration(2 * 86400 + 5)).isEqualTo("2 days, 5 seconds");
  }

  @Test
  void unknownCommandHintStopsAtTheFirstUnknownWord() {
    assertThat(CliCommands.noSuchCommand("no such command here"))
        .isEqualTo("No such command 'no such command here' (type 'core show help no such' for other possible commands)");
    assertThat(CliCommands.noSuchCommand("frobnicate now")).contains("'core show help frobnicate'");
    assertThat(CliCommands.noSuchCommand("core show nothing")).contains("'core show help core show nothing'");
  }

  /** Another dialplan gives another listing: sorted extensions, registrar for priorities with no file line. */
  @Test
  void dialplanShowListsTheSimulatorsDialplan() {
    Dialplan dialplan = new Dialplan()
        .exten("ivr", "s", new Dialplan.Source("extensions.conf", 3), new Step("Answer", ""))
        .exten("ivr", "2", new Step("Playback", "hello-world"), new Step("Hangup", ""));
    CliOutput out = new CliCommands(new PbxState(dialplan)).run("dialplan  show ivr");
    assertThat(out.success()).isTrue();
    assertThat(out.lines()).containsExactly(
        "[ Context 'ivr' created by 'pbx_config' ]",
        "  '2' =>            1. Playback(hello-world)                      [pbx_config]",
        "                    2. Hangup()                                   [pbx_config]",
        "  's' =>            1. Answer()                                   [extensions.conf:3]",
        "",
        "-= 2 extensions (3 priorities) in 1 context. =-");
  }

  @Test
  void dialplanShowOfAnUnknownContextFails() {
    CliOutput out = new CliCommands(new PbxState(Dialplan.captureDefault())).run("dialplan show nope");
    assertThat(out.success()).isFalse();
    assertThat(out.lines()).containsExactly("There is no existence of 'nope' context");
  }

  /** "like" matches anywhere in the file name, ignoring case; without it every simulated module is listed. */
  @Test
  void moduleShowListsTheModulesTheSimulatorClaimsLoaded() {
    CliCommands cli = new CliCommands(new PbxState(Dialplan.captureDefault()));
    assertThat(cli.run("module show like QUEUE").lines()).containsExactly(
        "Module                         Description                              Use Count  Status      Support Level",
        "app_queue.so                   True Call Queueing                       0          Running              core",
        "1 modules loaded");
    assertThat(cli.run("module show").lines()).hasSize(18).last().isEqualTo("16 modules loaded");
    assertThat(cli.run("module show like nothing_here").lines()).last().isEqualTo("0 modules loaded");
  }
}
