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
}
