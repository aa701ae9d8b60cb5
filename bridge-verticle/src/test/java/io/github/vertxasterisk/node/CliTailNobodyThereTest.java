package io.github.vertxasterisk.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.vertxasterisk.testing.TestNode;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cli exit 3: "the cluster or bridge could not be reached". Joining with a node config while no node of
 * that cluster runs (or with a config whose cluster is disabled), the tool formed a cluster of its own:
 * send said no-handlers (exit 3), but tail printed "tailing ... (Ctrl-C to stop)" and waited forever.
 */
@Timeout(120)
class CliTailNobodyThereTest {
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int tail(Path conf) throws Exception {
    CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> Cli.run(
      new String[] {"tail", "--pbx", "pbx1", "--count", "1", "--conf", conf.toString()},
      new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
      new PrintStream(err, true, StandardCharsets.UTF_8), Map.of()));
    try {
      return exit.get(60, TimeUnit.SECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new AssertionError("tail still waiting after 60 s; stderr: " + err.toString(StandardCharsets.UTF_8));
    }
  }

  @Test
  void tailWithNoNodeInTheClusterExitsThree(@TempDir Path dir) throws Exception {
    int port = TestNode.freePort();
    int nobody = TestNode.freePort();
    Path conf = Files.writeString(dir.resolve("node.json"), new JsonObject().put("cluster", new JsonObject()
      .put("enabled", true).put("name", "nobody-" + UUID.randomUUID()).put("host", "127.0.0.1").put("port", port)
      .put("members", new JsonArray().add("127.0.0.1:" + port).add("127.0.0.1:" + nobody))).encode());
    assertThat(tail(conf)).as("stderr: " + err.toString(StandardCharsets.UTF_8)).isEqualTo(Cli.UNREACHABLE);
    assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("cannot reach the suite: ");
  }

  @Test
  void tailWithAConfigWhoseClusterIsDisabledExitsThree(@TempDir Path dir) throws Exception {
    Path conf = Files.writeString(dir.resolve("node.json"),
      new JsonObject().put("cluster", new JsonObject().put("enabled", false)).encode());
    assertThat(tail(conf)).as("stderr: " + err.toString(StandardCharsets.UTF_8)).isEqualTo(Cli.UNREACHABLE);
    assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("cannot reach the suite: ");
  }
}
