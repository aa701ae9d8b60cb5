package io.github.vertxasterisk.bridge.impl;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/**
 * docs/operations.md: "A deployment failure (... a switch that is not true/false such as "enabled": "true"
 * (named: config 'simulator.enabled' must be true or false) ...)". The bridge's switches and ports were
 * read with getBoolean/getInteger: "node failed to start: class java.lang.String cannot be cast to class
 * java.lang.Boolean ...", naming no key.
 */
class BridgeConfigDocumentedRefusalsTest {

  private static JsonObject node(JsonObject bridge) {
    return new JsonObject().put("bridge", bridge);
  }

  @Test
  void aBridgeSwitchThatIsNotABooleanIsNamed() {
    assertThatThrownBy(() -> BridgeConfig.from(node(new JsonObject().put("tcp", new JsonObject().put("enabled", "true")))))
      .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bridge.tcp.enabled");
    assertThatThrownBy(() -> BridgeConfig.from(node(new JsonObject().put("sockjs", new JsonObject().put("enabled", "yes")))))
      .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bridge.sockjs.enabled");
  }

  @Test
  void aPortOfTheWrongTypeIsNamed() {
    assertThatThrownBy(() -> BridgeConfig.from(node(new JsonObject().put("tcp", new JsonObject().put("port", "7000")))))
      .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bridge.tcp.port");
  }
}
