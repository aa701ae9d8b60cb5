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
