package io.github.vertxasterisk.sim.ami;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The max-rate stream's pace under a ceiling, on a clock the test sets (no timing). */
class StreamPaceTest {
  private static final long MS = 1_000_000;

  /** Counts the batches of 64 that may go at that moment. */
  private static int batchesAt(StreamPace pace, long nowNanos) {
    int batches = 0;
    while (pace.take(nowNanos, 64)) {
      batches++;
    }
    return batches;
  }

  @Test
  void neverAheadOfTheCeiling() {
    StreamPace pace = new StreamPace(10_000, 0);
    assertThat(batchesAt(pace, 0)).isZero();
    assertThat(batchesAt(pace, 10 * MS)).isEqualTo(1); // 100 events due: one batch of 64
    assertThat(batchesAt(pace, 20 * MS)).isEqualTo(2); // 200 due, 64 sent: two more
    assertThat(batchesAt(pace, 20 * MS)).isZero();
  }

  /**
   * A session that could not be written to for 50 ms gets those events as soon as it reads again, as
   * from Asterisk's event queue: the stall does not lower the offered load.
   */
  @Test
  void aShortStallIsMadeUpForInFull() {
    StreamPace pace = new StreamPace(10_000, 0);
    batchesAt(pace, 10 * MS);
    int afterStall = batchesAt(pace, 60 * MS); // 600 due, 64 sent
    assertThat(afterStall).isEqualTo(8); // 64 + 8 * 64 = 576: all but what does not make a whole batch
  }

  /** Beyond Asterisk's writetimeout (100 ms) a stalled reader would be disconnected: the older events are forgotten. */
  @Test
  void aLongStallIsMadeUpForOnlyItsLast100Ms() {
    StreamPace pace = new StreamPace(10_000, 0);
    int afterStall = batchesAt(pace, 1_000 * MS); // 10,000 due: only the last 100 ms' 1,000 go now
    assertThat(afterStall).isEqualTo(1_000 / 64); // 960 events
    assertThat(batchesAt(pace, 1_010 * MS)).isEqualTo(2); // then the steady pace: 40 + 100 events due, 2 batches
  }
}
