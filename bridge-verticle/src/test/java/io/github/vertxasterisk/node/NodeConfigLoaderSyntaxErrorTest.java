package io.github.vertxasterisk.node;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A config file with a syntax error: NodeMain prints the reason as "node failed to start: ...", which must
 * be one line (docs/operations.md) and must not quote the file, which holds secrets. The parsers' own
 * messages quoted the bad token (a secret missing its quotes) or the whole YAML line, over several lines.
 */
class NodeConfigLoaderSyntaxErrorTest {

  @Test
  void aJsonSyntaxErrorGivesThePositionNotTheText(@TempDir Path dir) throws Exception {
    Path conf = Files.writeString(dir.resolve("node.json"), "{\"pbxs\": {\"pbx1\": {\"ami\": {\"secret\": hunter2x}}}}");
    assertThatThrownBy(() -> NodeConfigLoader.read(conf.toString(), Map.of()))
      .isInstanceOf(IllegalArgumentException.class)
      .hasMessage("cannot read the config " + conf + ": not valid JSON at line 1, column 47");
  }

  @Test
  void aYamlSyntaxErrorGivesThePositionNotTheText(@TempDir Path dir) throws Exception {
    Path conf = Files.writeString(dir.resolve("node.yaml"), "pbxs:\n  pbx1:\n    ami:\n      secret: \"hunter2x\n      host: [x\n");
    assertThatThrownBy(() -> NodeConfigLoader.read(conf.toString(), Map.of()))
      .isInstanceOf(IllegalArgumentException.class)
      .hasMessageStartingWith("cannot read the config " + conf + ": not valid YAML at line ")
      .hasMessageNotContaining("hunter2x")
      .hasMessageNotContaining("\n");
  }
}
