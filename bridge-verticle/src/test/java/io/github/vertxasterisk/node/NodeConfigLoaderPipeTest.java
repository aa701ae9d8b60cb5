package io.github.vertxasterisk.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A config given through a pipe, as a shell's process substitution does ({@code --conf <(envsubst <
 * node.tmpl.json)}: the path is /dev/fd/63) or {@code --conf /dev/stdin}, can be read once only. The
 * empty-file check read the file, then vertx-config read it again and found nothing: a valid config was
 * refused with "cannot read the config /dev/fd/63: ...", exit 2.
 */
@Timeout(120)
class NodeConfigLoaderPipeTest {

  @Test
  void aConfigGivenThroughAPipeIsRead(@TempDir Path dir) throws Exception {
    Path conf = Files.writeString(dir.resolve("node.json"),
      new JsonObject().put("cluster", new JsonObject().put("enabled", false)).encode());
    String java = ProcessHandle.current().info().command().orElse("java");
    Process cli = new ProcessBuilder("bash", "-c",
      "exec \"$0\" -Xmx64m -cp \"$1\" " + Cli.class.getName() + " send --pbx pbx1 --conf <(cat \"$2\") Action=Ping",
      java, System.getProperty("java.class.path"), conf.toString()).redirectErrorStream(true).start();
    try {
      // Read beside the wait: a tool that hangs must fail the test and be killed below, not block a read.
      CompletableFuture<String> read = CompletableFuture.supplyAsync(() -> readAll(cli));
      assertThat(cli.waitFor(60, TimeUnit.SECONDS)).as("the tool ended").isTrue();
      String output = read.get(10, TimeUnit.SECONDS);
      assertThat(output).doesNotContain("cannot read the config");
      // read: the config's disabled cluster is what the tool then reports (exit 3)
      assertThat(cli.exitValue()).as(output).isEqualTo(Cli.UNREACHABLE);
    } finally {
      cli.destroyForcibly();
    }
  }

  private static String readAll(Process process) {
    try {
      return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
