package io.github.vertxasterisk.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.vertxasterisk.bridge.impl.BridgeConfig;
import io.github.vertxasterisk.common.cluster.ClusterSetup;
import io.github.vertxasterisk.common.cluster.HolderOptions;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every shipped conf file is read by the loader and accepted by the classes that read its sections. */
class ShippedConfsParseTest {

  @Test
  void everyShippedConfParsesAndEverySectionIsAccepted() throws Exception {
    Map<String, String> env = Map.of("ASTERISK_SUITE_PBXS__PBX1__AMI__SECRET", "x",
      "ASTERISK_SUITE_PBXS__PBX1__ARI__PASSWORD", "y", "ASTERISK_SUITE_BRIDGE__AUTH_TOKEN", "t");
    for (String path : List.of("../conf/node.json", "../conf/three-nodes/node-1.json", "../conf/three-nodes/node-2.json",
        "../conf/three-nodes/node-3.json", "../conf/docker/node.json")) {
      JsonObject c = NodeConfigLoader.read(path, env);
      HolderOptions.from(c.getJsonObject("holder"));
      BridgeConfig.from(c);
      ClusterSetup.clusterManager(c.getJsonObject("cluster"));
      for (String pbx : c.getJsonObject("pbxs").fieldNames()) {
        JsonObject p = c.getJsonObject("pbxs").getJsonObject(pbx);
        JsonObject root = new JsonObject().put("holder", c.getJsonObject("holder"));
        io.github.vertxasterisk.ami.impl.AmiConfig.from(root.copy().put("pbx", new JsonObject().put("id", pbx).put("ami", p.getJsonObject("ami"))));
        io.github.vertxasterisk.ari.impl.AriConfig.from(root.copy().put("pbx", new JsonObject().put("id", pbx).put("ari", p.getJsonObject("ari"))));
      }
      assertThat(c.getJsonObject("bridge").getString("authToken")).as(path).isEqualTo("t");
    }
  }
}
