package io.github.vertxasterisk.common.cluster;

import io.github.vertxasterisk.common.ConfigValues;
import io.vertx.core.json.JsonObject;

/**
 * The node config's {@code holder} section, checked: every duration a positive whole number of
 * milliseconds that fits an int (about 24 days), so the election's sums and nanosecond conversions cannot
 * overflow, and {@code rebalance} a boolean. A bad value names its key instead of surfacing as a
 * ClassCastException, or as a lease that has always expired.
 */
public record HolderOptions(long pollMs, long leaseMs, boolean rebalance, long attemptTimeoutMs,
    long staleLockGraceMs, int minClusterSize) {

  private static final String SECTION = "holder";

  /** @throws IllegalArgumentException naming the invalid key, e.g. {@code holder.leaseMs must be positive, got 0} */
  public static HolderOptions from(JsonObject holder) {
    JsonObject o = holder == null ? new JsonObject() : holder;
    Object rebalance = o.getValue("rebalance", true);
    if (!(rebalance instanceof Boolean)) {
      throw new IllegalArgumentException(SECTION + ".rebalance must be true or false, got " + rebalance);
    }
    return new HolderOptions(
      ConfigValues.positiveInt(o, SECTION, "pollMs", 500),
      ConfigValues.positiveInt(o, SECTION, "leaseMs", 4_000),
      (Boolean) rebalance,
      ConfigValues.positiveInt(o, SECTION, "attemptTimeoutMs", 2_000),
      ConfigValues.positiveInt(o, SECTION, "staleLockGraceMs", 1_000),
      ConfigValues.positiveInt(o, SECTION, "minClusterSize", 1));
  }
}
