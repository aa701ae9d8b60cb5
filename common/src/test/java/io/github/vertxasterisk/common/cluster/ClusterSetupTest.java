package io.github.vertxasterisk.common.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/** The node config's {@code cluster} section as Hazelcast settings. */
class ClusterSetupTest {

  @Test
  void partitionCountIsHazelcastsDefaultUnlessSet() {
    assertThat(partitionCount(new JsonObject())).isEqualTo("271");
    assertThat(partitionCount(new JsonObject().put("partitionCount", 31))).isEqualTo("31");
  }

  @Test
  void aPartitionCountThatIsNotAPositiveWholeNumberNamesItsKey() {
    assertThatThrownBy(() -> partitionCount(new JsonObject().put("partitionCount", 0)))
      .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cluster.partitionCount");
    assertThatThrownBy(() -> partitionCount(new JsonObject().put("partitionCount", "many")))
      .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cluster.partitionCount");
  }

  private static String partitionCount(JsonObject cluster) {
    return ClusterSetup.clusterManager(cluster).getConfig().getProperty("hazelcast.partition.count");
  }
}
