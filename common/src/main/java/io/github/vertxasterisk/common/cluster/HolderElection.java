package io.github.vertxasterisk.common.cluster;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.json.JsonObject;
import io.vertx.core.shareddata.Counter;
import io.vertx.core.shareddata.LocalMap;
import io.vertx.core.shareddata.Lock;
import io.vertx.core.spi.cluster.ClusterManager;
import java.util.concurrent.ThreadLocalRandom;
import java.util.logging.Logger;

/**
 * Makes one node of the cluster the holder of one connection (one PBX's AMI, or its ARI socket).
 *
 * <p>Every node runs an election per connection; the node that gets the cluster-wide lock holds it,
 * the others stay on standby and retry. Hazelcast releases the lock of a member that leaves or is
 * declared dead, so a standby takes over within the failure-detection time.
 *
 * <p>Vert.x never tells a lock owner that it lost its lock (a frozen process, or one cut off by a
 * network split, still believes it holds it). So the holder keeps a <b>lease</b>: every
 * {@code leaseMs / 4} it reads the cluster-wide fencing counter; while the counter still shows the
 * epoch it was issued, the lease is renewed. A larger value means another node took over: step down.
 * No confirmation for {@code leaseMs} (keep it at or below the failure-detection time): step down
 * too. A holder checks the lease before publishing, so after a freeze it publishes nothing under its
 * stale epoch.
 *
 * <p>Balance: a node that already holds connections waits longer before trying for another, and a
 * node holding more than its fair share ({@code ceil(connections / nodes)}) hands one back.
 */
public final class HolderElection implements HolderTerm {
  private static final Logger LOG = Logger.getLogger(HolderElection.class.getName());
  private static final String LOCAL_REGISTRY = "vertx-asterisk.elections";

  /** What the election drives: the connection it guards. */
  public interface Candidate {
    /** This node now holds the connection: connect, register the service. */
    Future<Void> takeOver(HolderTerm term);

    /** This node must no longer hold it: close the connection, unregister, report standby. */
    Future<Void> stepDown(String reason);
  }

  private final Vertx vertx;
  private final String key;
  private final Candidate candidate;
  private final long pollMs;
  private final long leaseMs;
  private final boolean rebalance;
  private final LocalMap<String, Boolean> registry;

  private Lock lock;
  private Counter counter;
  private long epoch;
  private long lastConfirmedNanos;
  private boolean holder;
  private boolean stopped;
  private long attemptTimer = -1;
  private long verifyTimer = -1;
  private long notBeforeNanos;

  /**
   * @param key the connection's cluster-wide name, e.g. {@code asterisk.ami.pbx1}
   * @param options {@code pollMs} (500), {@code leaseMs} (4000), {@code rebalance} (true)
   */
  public HolderElection(Vertx vertx, String key, JsonObject options, Candidate candidate) {
    this.vertx = vertx;
    this.key = key;
    this.candidate = candidate;
    JsonObject o = options == null ? new JsonObject() : options;
    this.pollMs = o.getLong("pollMs", 500L);
    this.leaseMs = o.getLong("leaseMs", 4_000L);
    this.rebalance = o.getBoolean("rebalance", true);
    this.registry = vertx.sharedData().getLocalMap(LOCAL_REGISTRY);
  }

  public void start() {
    registry.put(key, false);
    vertx.sharedData().getCounter("vertx-asterisk.epoch." + key).onSuccess(c -> {
      counter = c;
      scheduleAttempt(0);
    }).onFailure(err -> LOG.severe("election " + key + " has no fencing counter: " + err.getMessage()));
  }

  public boolean isHolder() {
    return holder;
  }

  @Override
  public long epoch() {
    return epoch;
  }

  @Override
  public boolean leaseValid() {
    return holder && System.nanoTime() - lastConfirmedNanos < leaseMs * 1_000_000L;
  }

  @Override
  public Future<Long> nextEpoch() {
    if (!holder) {
      return Future.failedFuture("not the holder of " + key);
    }
    return counter.incrementAndGet().map(value -> {
      epoch = value;
      lastConfirmedNanos = System.nanoTime();
      return value;
    });
  }

  @Override
  public void lose(String reason) {
    if (!holder) {
      return;
    }
    holder = false;
    registry.put(key, false);
    cancel(verifyTimer);
    LOG.warning(key + ": stepping down: " + reason);
    Lock held = lock;
    lock = null;
    candidate.stepDown(reason).onComplete(ar -> {
      if (held != null) {
        held.release();
      }
      // Let nodes holding fewer connections go first.
      notBeforeNanos = System.nanoTime() + 4 * pollMs * 1_000_000L;
      scheduleAttempt(pollMs);
    });
  }

  /** Steps down (releasing the lock at once, so a standby takes over without failure detection). */
  public Future<Void> stop() {
    stopped = true;
    cancel(attemptTimer);
    cancel(verifyTimer);
    registry.remove(key);
    if (!holder) {
      return Future.succeededFuture();
    }
    holder = false;
    Lock held = lock;
    lock = null;
    return candidate.stepDown("node stopping").eventually(() -> {
      if (held != null) {
        held.release();
      }
      return Future.succeededFuture();
    });
  }

  private void scheduleAttempt(long delayMs) {
    if (stopped) {
      return;
    }
    long jitter = ThreadLocalRandom.current().nextLong(pollMs / 2 + 1);
    attemptTimer = vertx.setTimer(Math.max(1, delayMs + jitter), id -> attempt());
  }

  private void attempt() {
    attemptTimer = -1;
    if (stopped || holder) {
      return;
    }
    if (System.nanoTime() < notBeforeNanos) {
      scheduleAttempt(pollMs);
      return;
    }
    // A short timeout: a waiting lock request occupies a worker thread for all of it.
    vertx.sharedData().getLockWithTimeout("vertx-asterisk.holder." + key, 100)
      .compose(acquired -> {
        if (stopped) {
          acquired.release();
          return Future.failedFuture("stopped");
        }
        lock = acquired;
        return counter.incrementAndGet();
      })
      .onSuccess(this::becomeHolder)
      .onFailure(err -> scheduleAttempt(pollMs * (1 + heldHere())));
  }

  private void becomeHolder(long newEpoch) {
    holder = true;
    epoch = newEpoch;
    lastConfirmedNanos = System.nanoTime();
    registry.put(key, true);
    LOG.info(key + ": this node is the holder (epoch " + newEpoch + ")");
    verifyTimer = vertx.setPeriodic(Math.max(50, leaseMs / 4), id -> verify());
    candidate.takeOver(this).onFailure(err -> lose("take-over failed: " + err.getMessage()));
  }

  private void verify() {
    if (!holder) {
      return;
    }
    if (!leaseValid()) {
      lose("lease expired: the holder could not confirm its term for " + leaseMs + " ms");
      return;
    }
    long sentAt = System.nanoTime();
    long expected = epoch;
    counter.get().onSuccess(value -> {
      if (!holder) {
        return;
      }
      if (value > expected && epoch == expected) {
        lose("another node took over (epoch " + value + " > " + expected + ")");
      } else if (value == expected) {
        lastConfirmedNanos = Math.max(lastConfirmedNanos, sentAt);
        maybeRebalance();
      }
    });
  }

  private void maybeRebalance() {
    if (!rebalance || !(vertx instanceof VertxInternal)) {
      return;
    }
    ClusterManager cluster = ((VertxInternal) vertx).clusterManager();
    if (cluster == null) {
      return;
    }
    int nodes = cluster.getNodes().size();
    int connections = registry.size();
    int held = heldHere();
    int fairShare = (connections + nodes - 1) / nodes;
    // Hand back only the alphabetically last held key, so one node releases one connection at a time.
    if (nodes > 1 && held > fairShare && key.equals(lastHeldKey())) {
      lose("rebalancing: this node holds " + held + " of " + connections + " connections across " + nodes + " nodes");
    }
  }

  private int heldHere() {
    int held = 0;
    for (Boolean h : registry.values()) {
      if (Boolean.TRUE.equals(h)) {
        held++;
      }
    }
    return held;
  }

  private String lastHeldKey() {
    String last = null;
    for (String k : registry.keySet()) {
      if (Boolean.TRUE.equals(registry.get(k)) && (last == null || k.compareTo(last) > 0)) {
        last = k;
      }
    }
    return last;
  }

  private void cancel(long timer) {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
  }

  /** For tests and health: a promise-free snapshot of this election. */
  public JsonObject describe() {
    return new JsonObject().put("key", key).put("holder", holder).put("epoch", epoch).put("leaseValid", leaseValid());
  }
}
