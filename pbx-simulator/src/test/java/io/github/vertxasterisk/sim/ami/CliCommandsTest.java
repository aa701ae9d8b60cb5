package io.github.vertxasterisk.sim.ami;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Text details of the canned CLI output. */
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
}
