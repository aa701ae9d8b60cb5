package io.github.vertxasterisk.common.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class HolderOptionsTest {

  @Test
  void defaultsAreTheDocumentedOnes() {
    assertThat(HolderOptions.from(null)).isEqualTo(new HolderOptions(500, 4_000, true, 2_000, 1_000, 1));
  }

  @Test
  void givenValuesAreKept() {
    JsonObject holder = new JsonObject().put("pollMs", 100).put("leaseMs", 2_000L).put("rebalance", false)
      .put("attemptTimeoutMs", 300).put("staleLockGraceMs", 400).put("minClusterSize", 2);
    assertThat(HolderOptions.from(holder)).isEqualTo(new HolderOptions(100, 2_000, false, 300, 400, 2));
  }

  /**
   * Read unchecked, 0 or a negative leaseMs was a lease that had always expired (every event dropped as
   * stale), a huge one wrapped negative in nanoseconds, and text was a ClassCastException at start.
   */
  @Test
  void badValuesAreRefusedWithTheirKey() {
    assertRefused(new JsonObject().put("leaseMs", 0), "holder.leaseMs must be positive, got 0");
    assertRefused(new JsonObject().put("pollMs", -500), "holder.pollMs must be positive, got -500");
    assertRefused(new JsonObject().put("leaseMs", Long.MAX_VALUE), "holder.leaseMs is too large: 9223372036854775807");
    assertRefused(new JsonObject().put("attemptTimeoutMs", "2000"), "holder.attemptTimeoutMs must be a positive number, got a String");
    assertRefused(new JsonObject().put("staleLockGraceMs", 0.5), "holder.staleLockGraceMs must be a whole number, got 0.5");
    assertRefused(new JsonObject().put("minClusterSize", 0), "holder.minClusterSize must be positive, got 0");
    assertRefused(new JsonObject().put("rebalance", "yes"), "holder.rebalance must be true or false, got yes");
  }

  private static void assertRefused(JsonObject holder, String message) {
    assertThatThrownBy(() -> HolderOptions.from(holder)).isInstanceOf(IllegalArgumentException.class).hasMessage(message);
  }
}
