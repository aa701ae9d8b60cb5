package io.github.vertxasterisk.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * "--token=VALUE" (the GNU spelling; the tool wants "--token VALUE") must not put the bridge token on
 * stderr (a CI log, a shared terminal), nor turn it into an AMI header sent to Asterisk.
 */
class CliTokenEchoTest {
  private static final String TOKEN = "s3cr3t-XYZ";

  @Test
  void aTokenWrittenWithAnEqualsSignIsNeitherEchoedNorSent() {
    for (String command : new String[] {"tail", "send"}) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      // an unreachable bridge: nothing listens on port 1
      int code = Cli.run(new String[] {command, "--pbx", "pbx1", "--bridge", "127.0.0.1:1", "--token=" + TOKEN, "Action=Ping"},
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), Map.of());
      String printed = out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
      assertThat(code).as(command + ": " + printed).isEqualTo(Cli.USAGE); // refused as bad usage, never sent
      assertThat(printed).as(command).contains("--token").doesNotContain(TOKEN);
    }
  }
}
