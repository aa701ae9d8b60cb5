package io.github.vertxasterisk.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.vertxasterisk.testing.TestNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README's run command, as a newcomer runs it: the fat jar with {@code conf/node.json}. Only the
 * ports and the cluster name are moved (through the documented environment overrides) so that two
 * builds on one machine never meet. AMI events, the ARI connection to the simulated PBX and
 * the ARI events of the demo Stasis app's call must show within a minute.
 */
class ReadmeRunCommandIT {
  private static final String ARI_CONNECTED = "[pbx1] ARI connected Asterisk 22.10.1";
  private static final Pattern EVENT_LINE = Pattern.compile("^\\[pbx1] #\\d+ Newchannel Channel=Local/.*");
  /** The demo Stasis app's call: answered, greeted, hung up, as ARI events. */
  private static final Pattern STASIS_CALL_LINE = Pattern.compile("^\\[pbx1] ARI #\\d+ PlaybackFinished app=demo-app.*");

  @Test
  void theNodeShowsEventsFromTheSimulatedPbxWithinAMinute() throws Exception {
    Path repo = Path.of("..").toAbsolutePath().normalize();
    Path jar = Path.of("target", "vertx-asterisk-node.jar").toAbsolutePath();
    assertThat(jar).exists();
    String amiPort = String.valueOf(TestNode.freePort());
    ProcessBuilder builder = new ProcessBuilder(javaBin(), "-Xmx128m", "-jar", jar.toString(), "--conf", "conf/node.json")
      .directory(repo.toFile())
      .redirectErrorStream(true);
    builder.environment().put("ASTERISK_SUITE_CLUSTER__NAME", "readme-it-" + UUID.randomUUID());
    int clusterPort = TestNode.freePort();
    builder.environment().put("ASTERISK_SUITE_CLUSTER__PORT", String.valueOf(clusterPort));
    builder.environment().put("ASTERISK_SUITE_CLUSTER__MEMBERS", "[\"127.0.0.1:" + clusterPort + "\"]");
    builder.environment().put("ASTERISK_SUITE_SIMULATOR__AMI__PORT", amiPort);
    builder.environment().put("ASTERISK_SUITE_PBXS__PBX1__AMI__PORT", amiPort);
    String ariPort = String.valueOf(TestNode.freePort());
    builder.environment().put("ASTERISK_SUITE_SIMULATOR__ARI__PORT", ariPort);
    builder.environment().put("ASTERISK_SUITE_PBXS__PBX1__ARI__URL", "http://127.0.0.1:" + ariPort + "/ari");
    builder.environment().put("ASTERISK_SUITE_MONITORING__PORT", String.valueOf(TestNode.freePort()));
    builder.environment().put("ASTERISK_SUITE_BRIDGE__TCP__PORT", String.valueOf(TestNode.freePort()));
    Process node = builder.start();
    List<String> output = new CopyOnWriteArrayList<>();
    try {
      Thread reader = new Thread(() -> readLines(node, output), "node-output");
      reader.setDaemon(true);
      reader.start();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (!(output.stream().anyMatch(l -> EVENT_LINE.matcher(l).matches())
          && output.stream().anyMatch(l -> STASIS_CALL_LINE.matcher(l).matches()))
        && System.nanoTime() < deadline && node.isAlive()) {
        TimeUnit.MILLISECONDS.sleep(100); // the JUnit thread polls the child's output
      }
      assertThat(output).as("node output").anyMatch(l -> EVENT_LINE.matcher(l).matches());
      assertThat(output).anyMatch(l -> l.equals("[pbx1] AMI connected Asterisk 22.10.1"));
      assertThat(output).as("ARI against the simulated PBX").contains(ARI_CONNECTED);
      assertThat(output).as("the demo Stasis app's call").anyMatch(l -> STASIS_CALL_LINE.matcher(l).matches());
      assertThat(String.join("\n", output)).doesNotContain("amp111");
    } finally {
      node.descendants().forEach(ProcessHandle::destroyForcibly);
      node.destroy();
      if (!node.waitFor(10, TimeUnit.SECONDS)) {
        node.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
      Files.writeString(Path.of("target", "readme-run.log"), String.join("\n", output));
    }
  }

  private static void readLines(Process node, List<String> output) {
    try (BufferedReader in = new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        output.add(line);
      }
    } catch (IOException e) {
      output.add("<output closed: " + e.getMessage() + ">");
    }
  }

  private static String javaBin() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

}
