package io.github.vertxasterisk.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.vertxasterisk.bridge.impl.BridgeConfig;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
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
  void aKeyTheFileLacksIsCreatedInCamelCaseWithScalarsTyped() {
    EnvOverrides.apply(config, Map.of(
      "ASTERISK_SUITE_HOLDER__MIN_CLUSTER_SIZE", "2",
      "ASTERISK_SUITE_PBXS__PBX1__ARI__SUBSCRIBE_ALL", "true",
      "ASTERISK_SUITE_PBXS__PBX1__ARI__PASSWORD", "12345",
      "ASTERISK_SUITE_PBXS__PBX1__AMI__SECRET", "0071e3"));
    assertThat(config.getJsonObject("holder").getValue("minClusterSize")).isEqualTo(2L);
    JsonObject ari = config.getJsonObject("pbxs").getJsonObject("pbx1").getJsonObject("ari");
    assertThat(ari.getBoolean("subscribeAll")).isTrue();
    assertThat(ari.getString("password")).isEqualTo("12345"); // a number, read back unchanged as a string
    assertThat(config.getJsonObject("pbxs").getJsonObject("pbx1").getJsonObject("ami").getString("secret")).isEqualTo("0071e3");
  }

  @Test
  void existingKeysMatchIgnoringCaseAndUnderscores() {
    JsonObject ami = config.getJsonObject("pbxs").getJsonObject("pbx1").getJsonObject("ami").put("maxEventsPerSecond", 50_000);
    EnvOverrides.apply(config, Map.of("ASTERISK_SUITE_PBXS__PBX1__AMI__MAX_EVENTS_PER_SECOND", "1000",
      "ASTERISK_SUITE_PBXS__PBX1__AMI__HO_ST", "10.0.0.9"));
    assertThat(ami.getValue("maxEventsPerSecond")).isEqualTo(1000);
    assertThat(ami.getString("host")).isEqualTo("10.0.0.9");
    assertThat(ami.fieldNames()).containsExactlyInAnyOrder("host", "port", "maxEventsPerSecond");
  }

  /** docs/operations.md and docs/bridge.md give this variable for the bridge token: it must reach the bridge. */
  @Test
  void theDocumentedTokenVariableProtectsTheDefaultConfigsBridge() throws Exception {
    for (String variable : new String[] {"ASTERISK_SUITE_BRIDGE__AUTH_TOKEN", "ASTERISK_SUITE_BRIDGE__AUTHTOKEN"}) {
      JsonObject node = new JsonObject(Files.readString(Path.of("..", "conf", "node.json")));
      assertThat(BridgeConfig.from(node).authRequired()).isFalse();
      EnvOverrides.apply(node, Map.of(variable, "long-random-token"));
      assertThat(BridgeConfig.from(node).authRequired()).as(variable).isTrue();
    }
  }

  @Test
  void aNonNumberForANumberIsAClearError() {
    assertThatThrownBy(() -> EnvOverrides.apply(config, Map.of("ASTERISK_SUITE_CLUSTER__PORT", "many")))
      .isInstanceOf(IllegalArgumentException.class)
      .hasMessageContaining("not valid JSON");
  }

  /** An array (the bridge's permission lists) or a scalar cannot be entered field by field: say so, keep it. */
  @Test
  void aPathThroughAnArrayOrAScalarIsAClearErrorAndChangesNothing() throws Exception {
    JsonObject node = new JsonObject(Files.readString(Path.of("..", "conf", "node.json")));
    JsonObject before = node.copy();
    assertThatThrownBy(() -> EnvOverrides.apply(node, Map.of("ASTERISK_SUITE_BRIDGE__OUTBOUND__0__ADDRESS_REGEX", ".*")))
      .isInstanceOf(IllegalArgumentException.class)
      .hasMessageContaining("ASTERISK_SUITE_BRIDGE__OUTBOUND__0__ADDRESS_REGEX")
      .hasMessageContaining("bridge.outbound is an array");
    assertThatThrownBy(() -> EnvOverrides.apply(node, Map.of("ASTERISK_SUITE_CLUSTER__PORT__HIGH", "1")))
      .isInstanceOf(IllegalArgumentException.class)
      .hasMessageContaining("cluster.port is a number");
    assertThat(node).isEqualTo(before);
  }

  @Test
  void anEmptySegmentIsAClearError() {
    assertThatThrownBy(() -> EnvOverrides.apply(config, Map.of("ASTERISK_SUITE_PBXS____HOST", "x")))
      .isInstanceOf(IllegalArgumentException.class)
      .hasMessageContaining("empty");
    assertThat(config.getJsonObject("pbxs").fieldNames()).containsExactly("pbx1");
  }

  /**
   * A PBX id may contain '-' (README), which no shell variable name can: the variable's '_' must find
   * that PBX, not create a second one ("pbxEast1") holding the secret while the real one has none.
   */
  @Test
  void aPbxIdWithADashIsFoundByItsUnderscoreSpelling() {
    config.getJsonObject("pbxs").put("pbx-east-1", new JsonObject().put("ami", new JsonObject().put("host", "10.0.0.7")));
    EnvOverrides.apply(config, Map.of("ASTERISK_SUITE_PBXS__PBX_EAST_1__AMI__SECRET", "s3cret"));
    assertThat(config.getJsonObject("pbxs").fieldNames()).containsExactlyInAnyOrder("pbx1", "pbx-east-1");
    assertThat(config.getJsonObject("pbxs").getJsonObject("pbx-east-1").getJsonObject("ami").getString("secret"))
      .isEqualTo("s3cret");
    // a key that matches without ignoring '-' keeps winning
    JsonObject pbxs = new JsonObject().put("pbx-1", new JsonObject()).put("pbx1", new JsonObject());
    EnvOverrides.apply(new JsonObject().put("pbxs", pbxs), Map.of("ASTERISK_SUITE_PBXS__PBX1__NAME", "one"));
    assertThat(pbxs.getJsonObject("pbx1").getString("name")).isEqualTo("one");
    assertThat(pbxs.getJsonObject("pbx-1").fieldNames()).isEmpty();
  }

  /** docs/operations.md: an empty segment stops the node; one at the end ("..._HOST__") was silently dropped. */
  @Test
  void aTrailingSeparatorIsAnEmptySegmentToo() {
    assertThatThrownBy(() -> EnvOverrides.apply(config, Map.of("ASTERISK_SUITE_PBXS__PBX1__AMI__HOST__", "10.0.0.9")))
      .isInstanceOf(IllegalArgumentException.class)
      .hasMessageContaining("ASTERISK_SUITE_PBXS__PBX1__AMI__HOST__")
      .hasMessageContaining("empty");
    assertThat(config.getJsonObject("pbxs").getJsonObject("pbx1").getJsonObject("ami").getString("host")).isEqualTo("127.0.0.1");
  }

  /** The documented CLUSTER__MEMBERS example: a JSON array that the cluster setup reads as an array. */
  @Test
  void anArrayReplacedFromTheEnvironmentIsAJsonArray() {
    config.getJsonObject("cluster").put("members", new io.vertx.core.json.JsonArray().add("127.0.0.1:5701"));
    EnvOverrides.apply(config, Map.of("ASTERISK_SUITE_CLUSTER__MEMBERS", "[\"10.0.0.1:5701\",\"10.0.0.2:5701\"]"));
    assertThat(config.getJsonObject("cluster").getValue("members")).isInstanceOf(io.vertx.core.json.JsonArray.class);
    assertThat(config.getJsonObject("cluster").getJsonArray("members")).containsExactly("10.0.0.1:5701", "10.0.0.2:5701");
  }

  /** The value of a secret must not reach the log through the error. */
  @Test
  void anInvalidValueIsNotEchoedInTheError() {
    config.getJsonObject("pbxs").getJsonObject("pbx1").getJsonObject("ami").put("secret", 1234);
    assertThatThrownBy(() -> EnvOverrides.apply(config, Map.of("ASTERISK_SUITE_PBXS__PBX1__AMI__SECRET", "hunter2x")))
      .isInstanceOf(IllegalArgumentException.class)
      .hasMessageContaining("ASTERISK_SUITE_PBXS__PBX1__AMI__SECRET")
      .hasMessageNotContaining("hunter2x");
  }
}
