package io.github.vertxasterisk.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher with a config file it cannot read: one line saying so and exit 2 (bad usage, as for the
 * CLI), not a stack trace of an ExecutionException and the JVM's exit 1; a bad value read before the
 * deployment (the vertx section) is one line and exit 1 too. Runs NodeMain in a child JVM.
 */
class NodeMainConfigFileTest {

  @Test
  void aMissingConfigFileIsOneLineAndExitTwo(@TempDir Path dir) throws Exception {
    String missing = dir.resolve("node.json").toString();
    String java = ProcessHandle.current().info().command().orElse("java");
    Process node = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), NodeMain.class.getName(),
      "--conf", missing).redirectErrorStream(true).start();
    try {
      assertThat(node.waitFor(60, TimeUnit.SECONDS)).as("the launcher exited").isTrue();
      String output = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(output).as("output").isEqualTo("node failed to start: cannot read the config " + missing
        + ": Unable to read file at path '" + missing + "'" + System.lineSeparator());
      assertThat(node.exitValue()).isEqualTo(2);
    } finally {
      node.destroyForcibly();
    }
  }

  @Test
  void aBadVertxSectionIsOneLineAndExitOne(@TempDir Path dir) throws Exception {
    // the vertx section is read when Vert.x is built, before deploySuite(): it failed as a stack trace
    Path conf = Files.writeString(dir.resolve("node.json"),
      "{\"cluster\": {\"enabled\": false}, \"vertx\": {\"eventLoopPoolSize\": 0}}");
    String java = ProcessHandle.current().info().command().orElse("java");
    Process node = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), NodeMain.class.getName(),
      "--conf", conf.toString()).redirectErrorStream(true).start();
    try {
      assertThat(node.waitFor(60, TimeUnit.SECONDS)).as("the launcher exited").isTrue();
      String output = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(output).as("output")
        .isEqualTo("node failed to start: vertx.eventLoopPoolSize must be positive, got 0" + System.lineSeparator());
      assertThat(node.exitValue()).isEqualTo(1);
    } finally {
      node.destroyForcibly();
    }
  }
}
