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

  /** Asterisk reads "async: true" as Async (capture 07: any case); a busy number must fail, not "queued". */
  @Test
  void anAsyncOriginateSpeltInLowerCaseIsAnsweredByItsOriginateResponse() {
    connect();
    Throwable busy = awaitFailure(service().originate(new JsonObject()
      .put("Channel", "Local/500@test").put("Application", "Wait").put("Data", "1").put("async", "true")));
    assertThat(FailureCode.of(busy)).as(String.valueOf(busy)).isEqualTo(FailureCode.ASTERISK_ERROR);
    assertThat(busy.getMessage()).contains("Reason 5").contains("busy");
  }

  /** Asterisk's ast_true also takes "y" and "t": such an Originate is async there, so it is here too. */
  @Test
  void anAsyncOriginateWithAsyncYIsAnsweredByItsOriginateResponse() {
    connect();
    Throwable busy = awaitFailure(service().originate(new JsonObject()
      .put("Channel", "Local/500@test").put("Application", "Wait").put("Data", "1").put("Async", "y")));
    assertThat(FailureCode.of(busy)).as(String.valueOf(busy)).isEqualTo(FailureCode.ASTERISK_ERROR);
    assertThat(busy.getMessage()).contains("Reason 5");
  }

  /** Asterisk skips the blanks before a value (ast_skip_blanks): " Logoff" would log every node's session off. */
  @Test
  void aManagedActionBehindLeadingBlanksIsRefused() {
    connect();
    for (String name : new String[] {" Logoff", "\tEvents"}) {
      Throwable refused = awaitFailure(service().send(new JsonObject().put("Action", name).put("EventMask", "off")));
      assertThat(FailureCode.of(refused)).as(String.valueOf(refused)).isEqualTo(FailureCode.FORBIDDEN);
    }
    assertThat(sim.ami().actionCount("Logoff")).isZero();
    assertThat(sim.ami().actionCount("Events")).isZero();
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
