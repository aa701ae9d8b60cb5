package io.github.vertxasterisk.ami;

import static io.github.vertxasterisk.sim.testing.Await.awaitFailure;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.vertxasterisk.ami.testing.AmiVerticleFixture;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/**
 * A user who wants slow reconnects sets {@code reconnectInitialMs} alone, above the default
 * {@code reconnectMaxMs} (30000). The backoff cannot be built from that; the deployment must say so,
 * not succeed and then leave the node holding the PBX's lock with no connection behind it.
 */
class AmiReconnectConfigTest extends AmiVerticleFixture {

  @Test
  void aReconnectInitialDelayAboveTheCapFailsTheDeploymentNamingTheKeys() {
    JsonObject ami = new JsonObject().put("host", "127.0.0.1").put("port", 1)
      .put("username", "admin").put("secret", "amp111").put("reconnectInitialMs", 60_000);
    JsonObject config = new JsonObject().put("node", NODE).put("pbx", new JsonObject().put("id", pbx).put("ami", ami));

    Throwable failure = awaitFailure(vertx.deployVerticle(new AmiVerticle(), new DeploymentOptions().setConfig(config)));

    assertThat(failure).hasMessageContaining("reconnectMaxMs");
  }
}
