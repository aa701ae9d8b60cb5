package io.github.vertxasterisk.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ReconnectScheduleTest {
  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void ordinaryFailuresGrowFromTheInitialDelayAndASuccessStartsOver() {
    ReconnectSchedule schedule = new ReconnectSchedule(vertx, 100, 400, 10_000);
    long first = schedule.schedule(false, () -> { });
    long second = schedule.schedule(false, () -> { });
    long third = schedule.schedule(false, () -> { });
    assertTrue(first >= 50 && first <= 100, "first delay " + first);
    assertTrue(second >= 100 && second <= 200, "second delay " + second);
    assertTrue(third >= 200 && third <= 400, "third delay " + third);
    schedule.opened();
    schedule.proved();
    long afterSuccess = schedule.schedule(false, () -> { });
    assertTrue(afterSuccess >= 50 && afterSuccess <= 100, "after a success " + afterSuccess);
    assertEquals(4, schedule.count());
    schedule.cancel();
  }

  /** A connection that opened but never proved itself does not start the delays over. */
  @Test
  void anOpenedButUnprovedConnectionKeepsTheDelaysGrowing() {
    ReconnectSchedule schedule = new ReconnectSchedule(vertx, 100, 1_000, 10_000);
    schedule.schedule(false, () -> { });
    schedule.opened();
    schedule.schedule(false, () -> { });
    schedule.opened();
    long third = schedule.schedule(false, () -> { });
    assertTrue(third >= 200 && third <= 400, "third delay " + third);
    schedule.opened();
    schedule.proved();
    schedule.schedule(false, () -> { });
    schedule.proved(); // no new connection: nothing to prove, the delays grow on
    long fifth = schedule.schedule(false, () -> { });
    assertTrue(fifth >= 100 && fifth <= 200, "second delay after a proved connection " + fifth);
    schedule.cancel();
  }

  @Test
  void aRefusalWaitsTheLongDelayCappedAtFourTimesTheNormalCap() {
    ReconnectSchedule schedule = new ReconnectSchedule(vertx, 100, 400, 1_000);
    long first = schedule.schedule(true, () -> { });
    assertTrue(first >= 500 && first <= 1_000, "first long delay " + first);
    for (int i = 0; i < 10; i++) {
      assertTrue(schedule.schedule(true, () -> { }) <= 1_600, "long delays stop at 4 x 400 ms");
    }
    schedule.cancel();
  }

  /** The long delays do reach the cap of 4 x reconnectMaxMs (not stop at a lower one), and stay there. */
  @Test
  void theLongDelaysGrowUpToFourTimesTheNormalCap() {
    ReconnectSchedule schedule = new ReconnectSchedule(vertx, 10, 400, 100);
    // Ceilings 100, 200, 400, 800, then 1,600 (the cap) for good: each delay in [ceiling/2, ceiling].
    for (int i = 0; i < 4; i++) {
      schedule.schedule(true, () -> { });
    }
    long highest = 0;
    for (int i = 0; i < 6; i++) {
      long delay = schedule.schedule(true, () -> { });
      assertBetween(800, 1_600, delay, "long delay at the cap");
      highest = Math.max(highest, delay);
    }
    // Six draws in [800, 1600] all equal to 800: a chance of 1 in 801^6. A cap of 800 gives only 800 or less.
    assertTrue(highest > 800, "the long delays reach above 2 x reconnectMaxMs: highest " + highest);
    schedule.cancel();
  }

  /**
   * Two clients fighting over one ARI application: each of our connections answers pings (proved), then
   * the other client takes the application. The long delays must grow, not start over at each proof.
   */
  @Test
  void aProvedConnectionRefusedSoonAfterKeepsTheLongDelaysGrowing() {
    long[] now = {0};
    ReconnectSchedule schedule = new ReconnectSchedule(vertx, 10, 1_000, 100, () -> now[0]);
    assertBetween(50, 100, schedule.schedule(true, () -> { }), "first long delay");
    for (long ceiling = 200; ceiling <= 800; ceiling *= 2) {
      schedule.opened();
      schedule.proved();
      now[0] += TimeUnit.SECONDS.toNanos(3); // up 3 s, under the long cap of 4 x 1,000 ms
      assertBetween(ceiling / 2, ceiling, schedule.schedule(true, () -> { }), "long delay after a proved connection");
    }
    schedule.cancel();
  }

  @Test
  void aProvedConnectionThatEndsOrdinarilyStartsTheLongDelaysOver() {
    ReconnectSchedule schedule = new ReconnectSchedule(vertx, 10, 1_000, 100, () -> 0);
    schedule.schedule(true, () -> { });
    schedule.schedule(true, () -> { });
    schedule.opened();
    schedule.proved();
    schedule.schedule(false, () -> { });
    assertBetween(50, 100, schedule.schedule(true, () -> { }), "long delay after an ordinary end");
    schedule.cancel();
  }

  /** A refusal after a long quiet time is a new story, not the next round of an old one. */
  @Test
  void aProvedConnectionUpLongerThanTheLongCapStartsTheLongDelaysOver() {
    long[] now = {0};
    ReconnectSchedule schedule = new ReconnectSchedule(vertx, 10, 1_000, 100, () -> now[0]);
    schedule.schedule(true, () -> { });
    schedule.schedule(true, () -> { });
    schedule.opened();
    schedule.proved();
    now[0] += TimeUnit.MILLISECONDS.toNanos(4_000);
    assertBetween(50, 100, schedule.schedule(true, () -> { }), "long delay after 4 s up");
    schedule.cancel();
  }

  /**
   * Refusals with no connection in between (an HTTP 401 before any socket opens) keep growing, however
   * long ago the last connection was opened.
   */
  @Test
  void refusalsWithNoConnectionBetweenThemKeepGrowing() {
    long[] now = {0};
    ReconnectSchedule schedule = new ReconnectSchedule(vertx, 10, 1_000, 100, () -> now[0]);
    schedule.opened();
    schedule.proved();
    now[0] += TimeUnit.SECONDS.toNanos(60);
    assertBetween(50, 100, schedule.schedule(true, () -> { }), "first refusal");
    assertBetween(100, 200, schedule.schedule(true, () -> { }), "second refusal");
    assertBetween(200, 400, schedule.schedule(true, () -> { }), "third refusal");
    schedule.cancel();
  }

  /** A connection that never proved itself ends no refusal, whatever the reason it ended. */
  @Test
  void anUnprovedConnectionLeavesTheLongDelaysGrowing() {
    ReconnectSchedule schedule = new ReconnectSchedule(vertx, 10, 1_000, 100, () -> 0);
    schedule.schedule(true, () -> { });
    schedule.opened();
    schedule.schedule(false, () -> { });
    assertBetween(100, 200, schedule.schedule(true, () -> { }), "second long delay");
    schedule.cancel();
  }

  private static void assertBetween(long low, long high, long delay, String what) {
    assertTrue(delay >= low && delay <= high, what + ": " + delay + " ms, expected " + low + "-" + high);
  }

  @Test
  void theScheduledAttemptRunsUnlessCancelled() throws Exception {
    ReconnectSchedule schedule = new ReconnectSchedule(vertx, 20, 20, 1_000);
    CountDownLatch ran = new CountDownLatch(1);
    schedule.schedule(false, ran::countDown);
    assertTrue(ran.await(5, TimeUnit.SECONDS), "the attempt ran");

    CountDownLatch cancelled = new CountDownLatch(1);
    schedule.schedule(false, cancelled::countDown);
    schedule.cancel();
    assertFalse(cancelled.await(300, TimeUnit.MILLISECONDS), "a cancelled attempt must not run");
  }
}
