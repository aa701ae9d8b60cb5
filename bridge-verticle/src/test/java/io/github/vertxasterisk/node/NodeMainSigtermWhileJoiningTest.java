package io.github.vertxasterisk.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.vertxasterisk.sim.testing.Await;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/operations.md: "SIGTERM (and Ctrl-C) closes the node, then exits 0". GracefulShutdown was installed
 * only once the cluster was joined: a SIGTERM during the join (docker stop or a rollout right after start,
 * a member that accepts connections but is slow to answer) got the JVM's default handling, exit 143,
 * which orchestrators report as a crash. Runs NodeMain in a child JVM; a listed member that accepts TCP
 * connections and never answers keeps the Hazelcast join going.
 */
@Timeout(120)
class NodeMainSigtermWhileJoiningTest {

  @Test
  void sigtermDuringTheClusterJoinExitsZero(@TempDir Path dir) throws Exception {
    List<Socket> held = new CopyOnWriteArrayList<>();
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      Thread acceptor = new Thread(() -> {
        try {
          while (true) {
            held.add(silent.accept()); // accepted, never answered
          }
        } catch (Exception closed) {
          // the test is over
        }
      });
      acceptor.setDaemon(true);
      acceptor.start();
      int own;
      try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        own = free.getLocalPort();
      }
      Path conf = Files.writeString(dir.resolve("node.json"), new JsonObject()
        .put("cluster", new JsonObject().put("enabled", true).put("name", "sigterm-join-" + UUID.randomUUID())
          .put("host", "127.0.0.1").put("port", own).put("portAutoIncrement", false)
          .put("members", new JsonArray().add("127.0.0.1:" + silent.getLocalPort()).add("127.0.0.1:" + own)))
        .put("pbxs", new JsonObject()).encode());
      String java = ProcessHandle.current().info().command().orElse("java");
      Process node = new ProcessBuilder(java, "-Xmx128m", "-cp", System.getProperty("java.class.path"), NodeMain.class.getName(),
        "--conf", conf.toString()).redirectErrorStream(true).start();
      ByteArrayOutputStream output = new ByteArrayOutputStream();
      Thread reader = new Thread(() -> {
        try (InputStream in = node.getInputStream()) {
          in.transferTo(output);
        } catch (Exception ignored) {
          // the process ended
        }
      });
      reader.start();
      try {
        Await.eventually(Duration.ofSeconds(60), "Hazelcast started joining",
          () -> output.toString(StandardCharsets.UTF_8).contains("is STARTING"));
        assertThat(node.waitFor(1, TimeUnit.SECONDS)).as("still joining a second later").isFalse();
        node.destroy(); // SIGTERM
        assertThat(node.waitFor(40, TimeUnit.SECONDS)).as("the launcher exited").isTrue();
        reader.join(5_000);
        assertThat(node.exitValue()).as("exit status; output tail: "
          + tail(output.toString(StandardCharsets.UTF_8))).isEqualTo(0);
      } finally {
        node.destroyForcibly();
        for (Socket s : held) {
          s.close();
        }
      }
    }
  }

  private static String tail(String text) {
    return text.length() <= 600 ? text : text.substring(text.length() - 600);
  }
}
