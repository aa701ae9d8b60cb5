package io.github.vertxasterisk.ari.impl;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/**
 * ARI.md, Configuration: "The ari object (a bad value fails the deployment with a message naming the
 * key)". Switches, the port and apps are read with getBoolean/getInteger/getJsonArray: a value of the
 * wrong type is a ClassCastException that names no key.
 */
class AriConfigDocumentedRefusalsTest {

  private static JsonObject config(JsonObject ari) {
    return new JsonObject().put("pbx", new JsonObject().put("id", "pbx1").put("ari", ari
      .put("username", "asterisk").put("password", "asterisk")));
  }

  @Test
  void aSwitchOfTheWrongTypeIsNamed() {
    assertThatThrownBy(() -> AriConfig.from(config(new JsonObject().put("apps", new JsonArray().add("a")).put("subscribeAll", "true"))))
      .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pbx.ari.subscribeAll");
    assertThatThrownBy(() -> AriConfig.from(config(new JsonObject().put("apps", new JsonArray().add("a")).put("tlsTrustAll", "yes"))))
      .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pbx.ari.tlsTrustAll");
  }

  @Test
  void appsAsOneStringIsNamed() {
    assertThatThrownBy(() -> AriConfig.from(config(new JsonObject().put("apps", "demo-app"))))
      .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pbx.ari.apps");
  }
}
