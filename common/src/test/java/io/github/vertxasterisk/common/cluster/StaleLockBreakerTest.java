package io.github.vertxasterisk.common.cluster;

import static io.github.vertxasterisk.common.Waiting.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.shareddata.Counter;
import io.vertx.core.shareddata.Lock;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A standby breaks a holder lock whose recorded owner left the cluster, and only such a lock: never
 * the lock of a node that has just taken over and not yet written its record.
 */
class StaleLockBreakerTest {
  private static final long GRACE_MS = 200;

  private final TestCluster cluster = new TestCluster("stale", 2);
  private final String key = "test.stale." + UUID.randomUUID();
  private final String lockName = "vertx-asterisk.holder." + key;
  private Vertx standby;
  private Vertx holder;
  private Counter epoch;
  private StaleLockBreaker breaker;

  @BeforeEach
  void twoNodes() throws Exception {
    standby = cluster.join();
    holder = cluster.join();
    epoch = await(standby.sharedData().getCounter("test.epoch." + key));
    breaker = new StaleLockBreaker(standby, key, lockName, GRACE_MS, GRACE_MS, () -> epoch);
  }

  @AfterEach
  void closeNodes() throws Exception {
    cluster.close();
  }

  /** The lock is held (by the holder node) while the record names a node that is not a member. */
  private void lockHeldWithRecordOf(String recordedOwner) throws Exception {
    await(holder.sharedData().getLockWithTimeout(lockName, 0));
    await(holder.sharedData().<String, String>getAsyncMap("vertx-asterisk.holders").compose(map -> map.put(key, recordedOwner)));
  }

  private boolean standbyCanTakeTheLock() throws Exception {
    Future<Lock> attempt = standby.sharedData().getLockWithTimeout(lockName, 0);
    return await(attempt.map(lock -> true).otherwise(false));
  }

  private void checkTwiceOverTheGrace(Runnable between) throws Exception {
    await(breaker.checkHeldLock());
    between.run();
    TimeUnit.MILLISECONDS.sleep(GRACE_MS * 2);
    await(breaker.checkHeldLock());
  }

  @Test
  void aLockWhoseRecordedOwnerLeftIsBrokenAfterTheGrace() throws Exception {
    lockHeldWithRecordOf("a-node-that-died");
    checkTwiceOverTheGrace(() -> { });
    assertThat(standbyCanTakeTheLock()).as("the stale lock was broken").isTrue();
  }

  /**
   * A node takes over (it bumps the epoch right after the lock) while the record still names the dead
   * holder: its own record is one more cluster write, slow while partitions migrate.
   */
  @Test
  void aNodeThatTookOverAndHasNotRecordedItselfYetKeepsItsLock() throws Exception {
    lockHeldWithRecordOf("a-node-that-died");
    checkTwiceOverTheGrace(() -> {
      try {
        await(epoch.incrementAndGet()); // the takeover of the node now holding the lock
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    assertThat(standbyCanTakeTheLock()).as("a live holder's lock was broken").isFalse();
  }

  /**
   * A taker that moves the epoch between the standby's last reading of it and the break wins: the
   * standby moves the epoch by compare-and-set before it breaks anything, and that fails.
   */
  @Test
  void aTakeOverBetweenTheLastCheckAndTheBreakWins() throws Exception {
    lockHeldWithRecordOf("a-node-that-died");
    Counter real = epoch;
    Counter racing = new Counter() {
      // the check's reading, then a takeover's bump right behind it, before the break
      @Override public Future<Long> get() {
        return real.get().compose(v -> real.incrementAndGet().map(v));
      }
      @Override public Future<Long> incrementAndGet() { return real.incrementAndGet(); }
      @Override public Future<Long> getAndIncrement() { return real.getAndIncrement(); }
      @Override public Future<Long> decrementAndGet() { return real.decrementAndGet(); }
      @Override public Future<Long> addAndGet(long value) { return real.addAndGet(value); }
      @Override public Future<Long> getAndAdd(long value) { return real.getAndAdd(value); }
      @Override public Future<Boolean> compareAndSet(long expected, long value) { return real.compareAndSet(expected, value); }
    };
    boolean[] race = {false};
    breaker = new StaleLockBreaker(standby, key, lockName, GRACE_MS, GRACE_MS, () -> race[0] ? racing : real);
    await(breaker.checkHeldLock()); // the first sighting
    race[0] = true;
    TimeUnit.MILLISECONDS.sleep(GRACE_MS * 2);
    await(breaker.checkHeldLock()); // the same epoch read, the grace over; a takeover moves the epoch before the break
    assertThat(standbyCanTakeTheLock()).as("a lock taken while it was being broken was broken").isFalse();
  }

  /**
   * What a standby saw before it became the holder itself says nothing about the lock it meets after
   * stepping down (a rebalance handover): it watches afresh.
   */
  @Test
  void whatAStandbySawBeforeItHeldIsForgottenOnceItHolds() throws Exception {
    await(breaker.checkHeldLock()); // no record: a first sighting of an unrecorded owner
    await(breaker.recordOwner()); // this node holds
    await(breaker.forgetOwner()); // and hands over
    TimeUnit.MILLISECONDS.sleep(GRACE_MS * 2);
    await(holder.sharedData().getLockWithTimeout(lockName, 0)); // the next holder, not recorded yet
    await(breaker.checkHeldLock());
    assertThat(standbyCanTakeTheLock()).as("the next holder's lock was broken").isFalse();
  }
}
