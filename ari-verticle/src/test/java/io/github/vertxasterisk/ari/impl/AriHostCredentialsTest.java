package io.github.vertxasterisk.ari.impl;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/**
 * pbx.ari.url refuses credentials; pbx.ari.host took them: "user:password@pbx" then went into
 * displayUrl() (the info's and .status's "url", the "cannot reach ARI at" reason) and toString().
 */
class AriHostCredentialsTest {

  @Test
  void credentialsInTheHostAreRefusedWithoutBeingQuoted() {
    JsonObject config = new JsonObject().put("pbx", new JsonObject().put("id", "pbx1").put("ari", new JsonObject()
      .put("host", "asterisk:s3cr3t-XYZ@pbx.example.org").put("username", "asterisk").put("password", "x")
      .put("apps", new JsonArray().add("demo-app"))));
    assertThatThrownBy(() -> AriConfig.from(config)).isInstanceOf(IllegalArgumentException.class)
      .message().contains("pbx.ari.host").doesNotContain("s3cr3t");
  }
}
