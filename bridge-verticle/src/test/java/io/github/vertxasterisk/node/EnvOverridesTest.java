package io.github.vertxasterisk.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvOverridesTest {
  private final JsonObject config = new JsonObject(
    "{\"cluster\":{\"port\":5701,\"enabled\":true},\"pbxs\":{\"pbx1\":{\"ami\":{\"host\":\"127.0.0.1\",\"port\":5038}}}}");

  @Test
  void overridesNestedValuesMatchingKeysIgnoringCase() {
    EnvOverrides.apply(config, Map.of(
      "ASTERISK_SUITE_PBXS__PBX1__AMI__HOST", "10.0.0.5",
      "ASTERISK_SUITE_PBXS__PBX1__AMI__PORT", "5039",
      "ASTERISK_SUITE_CLUSTER__ENABLED", "false"));
    assertThat(config.getJsonObject("pbxs").getJsonObject("pbx1").getJsonObject("ami").getString("host")).isEqualTo("10.0.0.5");
    assertThat(config.getJsonObject("pbxs").getJsonObject("pbx1").getJsonObject("ami").getValue("port")).isEqualTo(5039);
    assertThat(config.getJsonObject("cluster").getValue("enabled")).isEqualTo(false);
  }

  @Test
  void secretsCanComeFromTheEnvironmentOnly() {
    EnvOverrides.apply(config, Map.of("ASTERISK_SUITE_PBXS__PBX1__AMI__SECRET", "s3cret"));
    assertThat(config.getJsonObject("pbxs").getJsonObject("pbx1").getJsonObject("ami").getString("secret")).isEqualTo("s3cret");
  }

  @Test
  void createsMissingSectionsAndIgnoresOtherVariables() {
    EnvOverrides.apply(config, Map.of("ASTERISK_SUITE_PBXS__PBX2__AMI__HOST", "pbx2.local", "PATH", "/usr/bin",
      "ASTERISK_SUITE_", "x"));
    assertThat(config.getJsonObject("pbxs").getJsonObject("pbx2").getJsonObject("ami").getString("host")).isEqualTo("pbx2.local");
    assertThat(config.fieldNames()).containsExactlyInAnyOrder("cluster", "pbxs");
  }

  @Test
  void aNonNumberForANumberIsAClearError() {
    assertThatThrownBy(() -> EnvOverrides.apply(config, Map.of("ASTERISK_SUITE_CLUSTER__PORT", "many")))
      .isInstanceOf(IllegalArgumentException.class)
      .hasMessageContaining("not valid JSON");
  }
}
