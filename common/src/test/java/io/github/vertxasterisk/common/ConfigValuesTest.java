package io.github.vertxasterisk.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/** A numeric setting of the wrong kind names the setting, not a ClassCastException. */
class ConfigValuesTest {

  @Test
  void aPositiveSettingGivenAsTextIsAClearError() {
    assertThatThrownBy(() -> ConfigValues.positive(new JsonObject().put("timeoutMs", "5s"), "pbx.ami", "timeoutMs", 1))
      .isInstanceOf(IllegalArgumentException.class)
      .hasMessage("pbx.ami.timeoutMs must be a positive number, got a String");
  }

  @Test
  void aPositiveSettingIsReadOrDefaulted() {
    assertThat(ConfigValues.positive(new JsonObject().put("timeoutMs", 250), "pbx.ami", "timeoutMs", 1)).isEqualTo(250);
    assertThat(ConfigValues.positive(new JsonObject(), "pbx.ami", "timeoutMs", 7)).isEqualTo(7);
    assertThatThrownBy(() -> ConfigValues.positive(new JsonObject().put("timeoutMs", 0), "pbx.ami", "timeoutMs", 1))
      .hasMessage("pbx.ami.timeoutMs must be positive, got 0");
  }

  @Test
  void aFractionalSettingIsRefusedNotTruncated() {
    // JSON has no integer type of its own: 1.5 used to become 1 silently, and 0.5 "must be positive, got 0"
    assertThatThrownBy(() -> ConfigValues.positive(new JsonObject().put("timeoutMs", 0.5), "pbx.ami", "timeoutMs", 1))
      .isInstanceOf(IllegalArgumentException.class)
      .hasMessage("pbx.ami.timeoutMs must be a whole number, got 0.5");
    assertThatThrownBy(() -> ConfigValues.positive(new JsonObject().put("timeoutMs", 1.5), "pbx.ami", "timeoutMs", 1))
      .hasMessage("pbx.ami.timeoutMs must be a whole number, got 1.5");
    assertThatThrownBy(() -> ConfigValues.positive(new JsonObject().put("timeoutMs", Double.NaN), "pbx.ami", "timeoutMs", 1))
      .hasMessage("pbx.ami.timeoutMs must be a whole number, got NaN");
    assertThat(ConfigValues.positive(new JsonObject().put("timeoutMs", 2.0), "pbx.ami", "timeoutMs", 1)).isEqualTo(2);
  }

  @Test
  void anIntSettingAboveItsCeilingIsRefused() {
    int ceiling = Integer.MAX_VALUE - 4; // the bridge's: room for a frame's 4-byte length
    JsonObject json = new JsonObject().put("maxFrameBytes", (long) ceiling + 1);
    assertThatThrownBy(() -> ConfigValues.positiveInt(json, "bridge.tcp", "maxFrameBytes", 1, ceiling))
      .isInstanceOf(IllegalArgumentException.class)
      .hasMessage("bridge.tcp.maxFrameBytes is too large: " + ((long) ceiling + 1));
    assertThat(ConfigValues.positiveInt(json.put("maxFrameBytes", ceiling), "bridge.tcp", "maxFrameBytes", 1, ceiling))
      .isEqualTo(ceiling);
  }
}
