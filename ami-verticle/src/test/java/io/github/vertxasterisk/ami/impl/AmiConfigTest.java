package io.github.vertxasterisk.ami.impl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonArray;
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

  /** Each is an AMI header value at login: a line break made every login fail, retried for ever. */
  @Test
  void aLineBreakInALoginValueIsRefusedAtStartWithoutEchoingIt() {
    assertThatThrownBy(() -> AmiConfig.from(config(new JsonObject()).put("pbx", new JsonObject().put("id", "pbx1")
      .put("ami", new JsonObject().put("username", "admin").put("secret", "s3cret\r\nAction: Logoff")))))
      .isInstanceOf(IllegalArgumentException.class)
      .hasMessage("pbx.ami.secret must not contain a line break");
    assertThatThrownBy(() -> AmiConfig.from(config(new JsonObject().put("events", "call\n"))))
      .hasMessage("pbx.ami.events must not contain a line break");
    assertThatThrownBy(() -> AmiConfig.from(config(new JsonObject().put("filters", new JsonArray().add("Event: Hangup\r\n")))))
      .hasMessage("pbx.ami.filters must not contain a line break");
  }
}
