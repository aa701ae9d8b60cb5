package io.github.vertxasterisk.ami;

import static io.github.vertxasterisk.sim.testing.Await.await;
import static io.github.vertxasterisk.sim.testing.Await.awaitFailure;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.vertxasterisk.ami.testing.AmiVerticleFixture;
import io.github.vertxasterisk.common.FailureCode;
import io.github.vertxasterisk.sim.PbxSimulator;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A bridge client (Python, JavaScript) builds the service call's body by hand (docs/bridge.md, "The wire
 * format of a service call"): a parameter of the wrong JSON type, or a missing one, must be a
 * {@code 400 bad-request} naming it, like any other bad request, not a 500 with a ClassCastException's text.
 */
class MalformedBusRequestTest extends AmiVerticleFixture {
  private PbxSimulator sim;

  @BeforeEach
  void startSimulator() {
    sim = await(PbxSimulator.forTests().start(vertx));
    deploy(baseAmiConfig(sim.amiPort()).put("actionTimeoutMs", 1_500).put("keepAliveIntervalMs", 60_000));
    status.awaitState("connected");
  }

  private Throwable call(String method, JsonObject body) {
    return awaitFailure(vertx.eventBus().request(addresses.service(), body, new DeliveryOptions().addHeader("action", method)));
  }

  @Test
  void anActionGivenAsAStringIsABadRequest() {
    Throwable failure = call("send", new JsonObject().put("action", "Ping"));
    assertThat(failure).isInstanceOf(ReplyException.class);
    assertThat(FailureCode.of(failure)).as(failure.toString()).isEqualTo(FailureCode.BAD_REQUEST);
    assertThat(failure.getMessage()).contains("'action'");
  }

  @Test
  void aRedirectWithoutPriorityIsABadRequest() {
    Throwable failure = call("redirect", new JsonObject().put("channel", "Local/300@test-00000013;1")
      .put("context", "test").put("exten", "100"));
    assertThat(FailureCode.of(failure)).as(failure.toString()).isEqualTo(FailureCode.BAD_REQUEST);
    assertThat(failure.getMessage()).contains("'priority'");
  }

  @Test
  void aPriorityGivenAsTextIsABadRequest() {
    Throwable failure = call("redirect", new JsonObject().put("channel", "Local/300@test-00000013;1")
      .put("context", "test").put("exten", "100").put("priority", "1"));
    assertThat(FailureCode.of(failure)).as(failure.toString()).isEqualTo(FailureCode.BAD_REQUEST);
    assertThat(failure.getMessage()).contains("'priority'");
  }

  @Test
  void aCommandGivenAsANumberIsABadRequest() {
    Throwable failure = call("command", new JsonObject().put("command", 42));
    assertThat(FailureCode.of(failure)).as(failure.toString()).isEqualTo(FailureCode.BAD_REQUEST);
    assertThat(failure.getMessage()).contains("'command'");
  }

  @Test
  void aCallWithoutBodyIsABadRequest() {
    for (Object body : new Object[] {null, "Ping"}) {
      Throwable failure = awaitFailure(vertx.eventBus().request(addresses.service(), body,
        new DeliveryOptions().addHeader("action", "send")));
      assertThat(FailureCode.of(failure)).as(failure.toString()).isEqualTo(FailureCode.BAD_REQUEST);
      assertThat(failure.getMessage()).contains("send needs a JSON object body");
    }
  }

  /** A method without parameters takes no body, but a body that is not an object is still a bad request. */
  @Test
  void aMethodWithoutParametersTakesNoBodyButNotAString() {
    JsonObject info = await(vertx.eventBus().<JsonObject>request(addresses.service(), null,
      new DeliveryOptions().addHeader("action", "info"))).body();
    assertThat(info.getString("state")).isEqualTo("connected");
    Throwable failure = awaitFailure(vertx.eventBus().request(addresses.service(), "info",
      new DeliveryOptions().addHeader("action", "info")));
    assertThat(FailureCode.of(failure)).as(failure.toString()).isEqualTo(FailureCode.BAD_REQUEST);
    assertThat(failure.getMessage()).contains("info needs a JSON object body");
  }

  @Test
  void anActionHeaderNamingNoMethodIsABadRequest() {
    Throwable failure = call("originateCall", new JsonObject().put("request", new JsonObject()));
    assertThat(FailureCode.of(failure)).as(failure.toString()).isEqualTo(FailureCode.BAD_REQUEST);
    assertThat(failure.getMessage()).contains("'originateCall'");
  }

  /** Asterisk reads Timeout as an int of milliseconds; a huge one must not overflow the holder's own wait. */
  @Test
  void anOriginateTimeoutBeyondAsterisksRangeIsABadRequest() {
    Throwable failure = awaitFailure(service().originate(new JsonObject().put("Channel", "Local/100@test")
      .put("Application", "Wait").put("Data", "1").put("Timeout", Long.MAX_VALUE)));
    assertThat(FailureCode.of(failure)).as(failure.toString()).isEqualTo(FailureCode.BAD_REQUEST);
    assertThat(failure.getMessage()).contains("'Timeout'");
    assertThat(sim.ami().actionCount("Originate")).isZero();
  }

  @Test
  void wellFormedCallsStillWork() {
    JsonObject pong = await(vertx.eventBus().<JsonObject>request(addresses.service(),
      new JsonObject().put("action", new JsonObject().put("Action", "Ping")),
      new DeliveryOptions().addHeader("action", "send"))).body();
    assertThat(pong.getString("Ping")).isEqualTo("Pong");
    assertThat(sim.ami().actionCount("Ping")).isPositive();
  }
}
