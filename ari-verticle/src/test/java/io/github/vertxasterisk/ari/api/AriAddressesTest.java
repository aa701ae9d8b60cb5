package io.github.vertxasterisk.ari.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AriAddressesTest {

  @Test
  void defaultPrefixFollowsTheDesignTable() {
    AriAddresses a = AriAddresses.of("pbx1");
    assertThat(a.service()).isEqualTo("asterisk.ari.pbx1");
    assertThat(a.status()).isEqualTo("asterisk.ari.pbx1.status");
    assertThat(a.events()).isEqualTo("asterisk.ari.pbx1.events");
    assertThat(a.event("StasisStart")).isEqualTo("asterisk.ari.pbx1.event.StasisStart");
    assertThat(a.channel("1795417224.172")).isEqualTo("asterisk.ari.pbx1.channel.1795417224.172");
    assertThat(a.bridge("b1")).isEqualTo("asterisk.ari.pbx1.bridge.b1");
    assertThat(a.playback("p1")).isEqualTo("asterisk.ari.pbx1.playback.p1");
    assertThat(a.recording("rec-1")).isEqualTo("asterisk.ari.pbx1.recording.rec-1");
    assertThat(a.endpoint("PJSIP", "1000")).isEqualTo("asterisk.ari.pbx1.endpoint.PJSIP/1000");
    assertThat(a.deviceState("Local/600@test"))
        .isEqualTo("asterisk.ari.pbx1.deviceState.Local/600@test");
    assertThat(a.stasis("demo-app")).isEqualTo("asterisk.ari.pbx1.app.demo-app.stasis");
  }

  @Test
  void customPrefix() {
    AriAddresses a = AriAddresses.of("acme.voice", "east_2");
    assertThat(a.events()).isEqualTo("acme.voice.ari.east_2.events");
    assertThat(a.channel("c")).isEqualTo("acme.voice.ari.east_2.channel.c");
  }

  @Test
  void rejectsIdsThatAreNotAddressSafe() {
    assertThatThrownBy(() -> AriAddresses.of("pbx.1")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> AriAddresses.of("")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> AriAddresses.of(null)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> AriAddresses.of(" ", "pbx1"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
