package io.github.vertxasterisk.ami.impl;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/**
 * docs/operations.md ("A setting that must be positive ... takes a whole number: 1.5 or "5000" is such a
 * bad value, not rounded or parsed, and so is a pool size or count above 2147483647") and AmiConfig.from's
 * contract ("@throws IllegalArgumentException naming the missing or invalid key"), for the AMI keys that
 * are read with JsonObject.getInteger/getBoolean instead of ConfigValues.
 */
class AmiConfigDocumentedRefusalsTest {

  private static JsonObject config(JsonObject ami) {
    return new JsonObject().put("pbx", new JsonObject().put("id", "pbx1")
      .put("ami", ami.put("username", "admin").put("secret", "amp111")));
  }

  @Test
  void aFractionalLimitIsRefusedNotRounded() {
    // getInteger(1.5) is 1: a parser that accepts one header per message
    assertThatThrownBy(() -> AmiConfig.from(config(new JsonObject().put("limits", new JsonObject().put("maxHeaders", 1.5)))))
      .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxHeaders");
  }

  @Test
  void aLimitAboveAnIntIsRefusedNotWrapped() {
    // 2^32 + 64 wraps to 64: a 4 GB message bound silently becomes 64 bytes
    assertThatThrownBy(() -> AmiConfig.from(config(new JsonObject().put("limits",
      new JsonObject().put("maxLineBytes", 64).put("maxMessageBytes", 4_294_967_360L)))))
      .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxMessageBytes");
  }

  @Test
  void aFloodBoundAboveAnIntIsRefusedNotWrapped() {
    // 2^32 + 1 wraps to 1: one event a second reaches the bus, everything else is dropped
    assertThatThrownBy(() -> AmiConfig.from(config(new JsonObject().put("maxEventsPerSecond", 4_294_967_297L))))
      .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pbx.ami.maxEventsPerSecond");
    assertThatThrownBy(() -> AmiConfig.from(config(new JsonObject().put("maxHeapPercent", 80.9))))
      .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pbx.ami.maxHeapPercent");
  }

  @Test
  void aSwitchOrNumberOfTheWrongTypeIsNamed() {
    // was: ClassCastException "class java.lang.String cannot be cast to class java.lang.Boolean ..."
    assertThatThrownBy(() -> AmiConfig.from(config(new JsonObject().put("tls", "true"))))
      .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pbx.ami.tls");
    assertThatThrownBy(() -> AmiConfig.from(config(new JsonObject().put("port", "5038"))))
      .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pbx.ami.port");
  }
}
