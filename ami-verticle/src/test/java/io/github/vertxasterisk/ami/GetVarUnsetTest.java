package io.github.vertxasterisk.ami;

import static io.github.vertxasterisk.sim.testing.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.vertxasterisk.ami.testing.AmiVerticleFixture;
import io.github.vertxasterisk.sim.PbxSimulator;
import org.junit.jupiter.api.Test;

/**
 * AmiService.getVar promises "null when unset". Asterisk answers an unset variable with an empty
 * value (capture 08, getvar-11: "Variable: NOT_SET_ANYWHERE" / "Value: "), and the simulator does too.
 */
class GetVarUnsetTest extends AmiVerticleFixture {

  @Test
  void anUnsetGlobalVariableIsNull() {
    PbxSimulator sim = await(PbxSimulator.forTests().start(vertx));
    deploy(baseAmiConfig(sim.amiPort()).put("keepAliveIntervalMs", 60_000));
    status.awaitState("connected");
    assertThat(await(service().getVar(null, "NOT_SET_ANYWHERE"))).isNull();
  }
}
