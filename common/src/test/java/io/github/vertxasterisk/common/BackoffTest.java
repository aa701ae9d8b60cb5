package io.github.vertxasterisk.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BackoffTest {

  @Test
  void delaysGrowThenStayWithinTheCap() {
    Backoff backoff = new Backoff(100, 1_000);
    long[] ceilings = {100, 200, 400, 800, 1000, 1000, 1000};
    for (long ceiling : ceilings) {
      long d = backoff.nextDelayMs();
      assertThat(d).isBetween(ceiling / 2, ceiling);
    }
  }

  @Test
  void manyAttemptsNeverOverflow() {
    Backoff backoff = new Backoff(1, 60_000);
    for (int i = 0; i < 200; i++) {
      assertThat(backoff.nextDelayMs()).isBetween(1L, 60_000L);
    }
  }

  @Test
  void resetStartsOver() {
    Backoff backoff = new Backoff(100, 10_000);
    for (int i = 0; i < 10; i++) {
      backoff.nextDelayMs();
    }
    backoff.reset();
    assertThat(backoff.nextDelayMs()).isBetween(50L, 100L);
  }

  @Test
  void rejectsNonsense() {
    assertThatThrownBy(() -> new Backoff(0, 10)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Backoff(100, 10)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void pbxIdsMustBeAddressSafe() {
    assertThat(PbxId.require("pbx-1_a")).isEqualTo("pbx-1_a");
    assertThatThrownBy(() -> PbxId.require("pbx.1")).hasMessageContaining("PBX id");
    assertThatThrownBy(() -> PbxId.require(null)).hasMessageContaining("PBX id");
  }
}
