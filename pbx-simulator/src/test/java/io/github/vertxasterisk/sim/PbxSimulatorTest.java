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
    assertThat(sim.ari()).as("no \"ari\" section, no ARI").isNull();
    assertThat(sim.ariPort()).isEqualTo(-1);
  }

  @Test
  void ariSectionStartsTheAriServerOnTheSamePbx(Vertx vertx) throws Exception {
    JsonObject config = new JsonObject().put("ami", new JsonObject().put("port", 0))
        .put("ari", new JsonObject().put("host", "127.0.0.1").put("port", 0).put("username", "u")
            .put("password", "p").put("apps", new io.vertx.core.json.JsonArray().add("always"))
            .put("mediaDurationMs", 5).put("recordingDurationMs", 6));
    PbxSimulator sim = new PbxSimulator(config).start(vertx)
        .toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    assertThat(sim.ariPort()).isPositive().isNotEqualTo(sim.amiPort());
    assertThat(sim.ari().config().username()).isEqualTo("u");
    assertThat(sim.ari().config().password()).isEqualTo("p");
    assertThat(sim.ari().config().apps()).containsExactly("always");
    assertThat(sim.ari().config().mediaDurationMs()).isEqualTo(5);
    assertThat(sim.ari().config().recordingDurationMs()).isEqualTo(6);
    assertThat(sim.ari().pbx()).isSameAs(sim.ami().pbx());
    sim.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
  }
}
