package io.github.vertxasterisk.ari.testing;

import static io.github.vertxasterisk.sim.testing.Await.await;

import io.github.vertxasterisk.ari.AriVerticle;
import io.github.vertxasterisk.ari.api.AriAddresses;
import io.github.vertxasterisk.ari.api.AriService;
import io.github.vertxasterisk.sim.testing.Await.Recorder;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * One Vert.x with an ARI verticle for a fresh PBX id per test, its {@code .status} recorded from the
 * start: what the verticle tests against a fake ARI server and against the simulated PBX share.
 */
public abstract class AriVerticleFixture {
  protected static final String NODE = "test-node";

  protected Vertx vertx;
  protected String pbx;
  protected AriAddresses addresses;
  protected Recorder status;

  @BeforeEach
  void startVertx() {
    vertx = Vertx.vertx();
    pbx = "pbx-" + UUID.randomUUID().toString().substring(0, 8);
    addresses = AriAddresses.of(pbx);
    status = Recorder.on(vertx, addresses.status());
  }

  @AfterEach
  void closeVertx() {
    await(vertx.close());
  }

  /** Deploys the ARI verticle for this test's PBX with that {@code ari} section; returns the deployment id. */
  protected String deploy(JsonObject ari) {
    JsonObject config = new JsonObject().put("node", NODE).put("pbx", new JsonObject().put("id", pbx).put("ari", ari));
    return await(vertx.deployVerticle(new AriVerticle(), new DeploymentOptions().setConfig(config)));
  }

  /** A fake ARI server on an ephemeral port of this test's Vert.x (closed with it). */
  protected FakeAriServer startFakeAri() {
    return await(new FakeAriServer(vertx).start());
  }

  protected AriService service() {
    return AriService.createProxy(vertx, addresses.service());
  }
}
