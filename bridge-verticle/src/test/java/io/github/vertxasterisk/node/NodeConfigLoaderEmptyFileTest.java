package io.github.vertxasterisk.node;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An empty config file (truncated by a failed copy, a volume mounted over it, a template rendered to
 * nothing) is a file that cannot be used: exit 2 with a reason. An empty node.yaml was read as {} and the
 * node started with every default (joined the cluster "vertx-asterisk" on 127.0.0.1:5701, no PBX, "node up:
 * 1 verticles deployed"); an empty node.json said only "Unexpected token".
 */
class NodeConfigLoaderEmptyFileTest {

  @Test
  void anEmptyYamlFileIsRefused(@TempDir Path dir) throws Exception {
    for (String content : new String[] {"", "\n"}) { // "": read as {}; "\n": an NPE's message
      Path conf = Files.writeString(dir.resolve("node.yaml"), content);
      assertThatThrownBy(() -> NodeConfigLoader.read(conf.toString(), Map.of()))
        .as("content \"" + content + "\"")
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("cannot read the config " + conf + ": the file is empty");
    }
  }

  @Test
  void anEmptyJsonFileSaysSo(@TempDir Path dir) throws Exception {
    Path conf = Files.writeString(dir.resolve("node.json"), "");
    assertThatThrownBy(() -> NodeConfigLoader.read(conf.toString(), Map.of()))
      .isInstanceOf(IllegalArgumentException.class)
      .hasMessage("cannot read the config " + conf + ": the file is empty");
  }
}
