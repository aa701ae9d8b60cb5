package io.github.vertxasterisk.ami.impl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class AmiConfigTest {

  private static JsonObject config(JsonObject ami) {
    return new JsonObject().put("pbx", new JsonObject().put("id", "pbx1")
      .put("ami", ami.put("username", "admin").put("secret", "amp111")));
  }

  @Test
  void aMaxPendingActionsBeyondAnIntIsRefusedNotWrapped() {
    // cast to int, 2^32 used to become 0: every action refused as if 0 already waited
    assertThatThrownBy(() -> AmiConfig.from(config(new JsonObject().put("maxPendingActions", 4_294_967_296L))))
      .isInstanceOf(IllegalArgumentException.class)
      .hasMessage("pbx.ami.maxPendingActions is too large: 4294967296");
  }

  @Test
  void aBadHolderSettingIsRefusedWithTheOtherSettings() {
    // unchecked, a leaseMs of 0 made a holder whose lease had always expired: every event dropped as stale
    assertThatThrownBy(() -> AmiConfig.from(config(new JsonObject()).put("holder", new JsonObject().put("leaseMs", 0))))
      .isInstanceOf(IllegalArgumentException.class)
      .hasMessage("holder.leaseMs must be positive, got 0");
  }

  /** Whether an async Originate can be answered: Asterisk's own reading of the events mask (manager.c). */
  @Test
  void callEventsAreReadFromTheMaskAsAsteriskReadsIt() {
    for (String on : new String[] {"on", "yes", "y", "t", "TRUE", "2", "3", "call", "system,call", "all"}) {
      assertThat(AmiConfig.from(config(new JsonObject().put("events", on))).receivesCallEvents()).as(on).isTrue();
    }
    for (String off : new String[] {"off", "no", "0", "1", "system", "cdr,agent"}) {
      assertThat(AmiConfig.from(config(new JsonObject().put("events", off))).receivesCallEvents()).as(off).isFalse();
    }
  }
}
