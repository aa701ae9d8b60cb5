package io.github.vertxasterisk.sim;

import io.github.vertxasterisk.sim.ami.CommandFormat;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Configuration keys and deployment as a verticle. */
@ExtendWith(VertxExtension.class)
class PbxSimulatorTest {

  @Test
  void deploysAsAVerticleWithJsonConfig(Vertx vertx) throws Exception {
    JsonObject config = new JsonObject().put("ami", new JsonObject()
        .put("host", "127.0.0.1").put("port", 0).put("username", "u").put("secret", "s")
        .put("loginFailureDelayMs", 123).put("commandFormat", "follows").put("callDurationMs", 77));
    PbxSimulatorVerticle verticle = new PbxSimulatorVerticle();
    vertx.deployVerticle(verticle, new io.vertx.core.DeploymentOptions().setConfig(config))
        .toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    PbxSimulator sim = verticle.simulator();
    assertThat(sim.amiPort()).isPositive();
    assertThat(sim.ami().config().username()).isEqualTo("u");
    assertThat(sim.ami().config().secret()).isEqualTo("s");
    assertThat(sim.ami().config().loginFailureDelayMs()).isEqualTo(123);
    assertThat(sim.ami().config().commandFormat()).isEqualTo(CommandFormat.FOLLOWS);
    assertThat(sim.ami().config().callDurationMs()).isEqualTo(77);
  }
}
