package io.github.vertxasterisk.ami.impl;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/** "admin:secret@pbx" in pbx.ami.host went into toString(), info()'s host and the .status reasons. */
class AmiHostCredentialsTest {

  @Test
  void credentialsInTheHostAreRefusedWithoutBeingQuoted() {
    JsonObject config = new JsonObject().put("pbx", new JsonObject().put("id", "pbx1").put("ami", new JsonObject()
      .put("host", "admin:s3cr3t-XYZ@pbx.example.org").put("username", "admin").put("secret", "x")));
    assertThatThrownBy(() -> AmiConfig.from(config)).isInstanceOf(IllegalArgumentException.class)
      .message().contains("pbx.ami.host").doesNotContain("s3cr3t");
  }
}
