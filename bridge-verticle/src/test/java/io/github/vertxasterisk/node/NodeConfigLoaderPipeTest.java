package io.github.vertxasterisk.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
      String output = new String(cli.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(cli.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(output).doesNotContain("cannot read the config");
      // read: the config's disabled cluster is what the tool then reports (exit 3)
      assertThat(cli.exitValue()).as(output).isEqualTo(Cli.UNREACHABLE);
    } finally {
      cli.destroyForcibly();
    }
  }
}
