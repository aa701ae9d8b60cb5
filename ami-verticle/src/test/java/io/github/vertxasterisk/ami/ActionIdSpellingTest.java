package io.github.vertxasterisk.ami;

import static io.github.vertxasterisk.sim.testing.Await.await;
import static io.github.vertxasterisk.sim.testing.Await.awaitFailure;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.vertxasterisk.ami.testing.AmiVerticleFixture;
import io.github.vertxasterisk.common.FailureCode;
import io.github.vertxasterisk.sim.PbxSimulator;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Header names are case-insensitive in AMI (capture 07: "action: ping" works) and Asterisk reads the
 * FIRST header of a name. A caller-chosen ActionID spelt "ActionId", or left empty, must still be
 * answered, and a managed action must not slip through under another spelling of "Action".
 */
class ActionIdSpellingTest extends AmiVerticleFixture {
  private PbxSimulator sim;

  @BeforeEach
  void startSimulator() {
    sim = await(PbxSimulator.forTests().start(vertx));
  }

  private void connect() {
    deploy(baseAmiConfig(sim.amiPort()).put("actionTimeoutMs", 1_500).put("keepAliveIntervalMs", 60_000));
    status.awaitState("connected");
  }

  @Test
  void anActionIdInAnotherCaseIsAnswered() {
    connect();
    JsonObject pong = await(service().send(new JsonObject().put("Action", "Ping").put("ActionId", "mine-1")));
    assertThat(pong.getString("Ping")).isEqualTo("Pong");
    assertThat(pong.getString("ActionID")).isEqualTo("mine-1");
  }

  @Test
  void anEmptyActionIdIsAnswered() {
    connect();
    JsonObject pong = await(service().send(new JsonObject().put("Action", "Ping").put("ActionID", "")));
    assertThat(pong.getString("Ping")).isEqualTo("Pong");
  }

  @Test
  void aManagedActionUnderALowerCaseNameIsRefused() {
    connect();
    Throwable refused = awaitFailure(service().send(new JsonObject().put("action", "Logoff").put("Action", "Ping")));
    assertThat(FailureCode.of(refused)).isEqualTo(FailureCode.BAD_REQUEST);
    assertThat(refused.getMessage()).contains("is given twice (AMI header names ignore case)");
    assertThat(sim.ami().actionCount("Logoff")).isZero();
  }
}
