package io.github.vertxasterisk.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.vertxasterisk.sim.testing.Await;
import io.github.vertxasterisk.testing.TestNode;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI joins the cluster "with the node config" (--conf). conf/three-nodes/node-N.json and
 * conf/docker/node.json pin the node's Hazelcast port ("portAutoIncrement": false): the CLI, started
 * next to that node with that node's config, must still join, not try to bind the node's own port.
 */
@Timeout(120)
class CliClusterFixedPortTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @Test
  void joinsWithTheConfigOfANodeWhosePortIsPinned(@TempDir Path dir) throws Exception {
    int clusterPort = 20_000 + (int) (Math.random() * 20_000);
    JsonObject cluster = new JsonObject().put("enabled", true).put("name", "cli-fixed-" + UUID.randomUUID())
      .put("host", "127.0.0.1").put("port", clusterPort).put("portAutoIncrement", false)
      .put("members", new JsonArray().add("127.0.0.1:" + clusterPort).add("127.0.0.1:" + (clusterPort + 1)));
    try (TestNode suite = TestNode.start(new JsonObject().put("cluster", cluster))) {
      Await.eventually(Duration.ofSeconds(15), "pbx1 logged in", () -> suite.sim.ami().actionCount("Login") > 0);
      Path conf = dir.resolve("node-1.json");
      Files.writeString(conf, suite.config.encodePrettily()); // the running node's own config file
      int exit = Cli.run(new String[] {"send", "--pbx", "pbx1", "--conf", conf.toString(), "Action=CoreStatus"},
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), Map.of());
      assertThat(exit).as("stderr: " + err.toString(StandardCharsets.UTF_8)).isEqualTo(Cli.OK);
      assertThat(new JsonObject(out.toString(StandardCharsets.UTF_8)).getString("Response")).isEqualTo("Success");
    }
  }
}
