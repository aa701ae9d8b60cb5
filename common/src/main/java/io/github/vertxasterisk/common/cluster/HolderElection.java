package io.github.vertxasterisk.common.cluster;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.json.JsonObject;
import io.vertx.core.shareddata.AsyncMap;
import io.vertx.core.shareddata.Counter;
import io.vertx.core.shareddata.LocalMap;
import io.vertx.core.shareddata.Lock;
import io.vertx.core.spi.cluster.ClusterManager;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
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
 * <p>Split brain: in a network split, each side still reads its own copy of the counter, so the lease
 * alone would keep a cut-off holder going. With {@code minClusterSize} set to a majority of the
 * cluster (2 of 3), a node that sees fewer members never takes a connection and a holder that finds
 * itself in the minority steps down; the majority side breaks the departed holder's lock and takes
 * over. The default (1) is right for a single node and gives no split protection. When the two sides
 * merge back, Hazelcast replaces the merging side's data with the other's, the lock included, and the
 * two copies of the counter may show the same value: a holder on the merging side steps down.
 *
 * <p>Balance: a node that already holds connections waits longer before trying for another, and a
 * node holding more than its fair share ({@code ceil(connections / nodes)}) hands one back if another node
 * runs its election; {@code nodes} counts the members that run elections, not the application nodes on the
 * same bus.
 *
 * <p>The holder's own epoch bumps (one per reconnect) can reach the counter before their answers reach
 * the holder, so a lease check may read a value above the epoch it knows: only a value that the bumps
 * still in flight cannot explain means another node.
 */
public final class HolderElection implements HolderTerm {
  private static final Logger LOG = Logger.getLogger(HolderElection.class.getName());
  private static final String LOCAL_REGISTRY = "vertx-asterisk.elections";
  /** Cluster-wide: the node ids of the members that run elections. */
  private static final String CANDIDATES = "vertx-asterisk.candidates";
  /** Cluster-wide: {@code <key> <node id>} for each election a member runs. */
  private static final String RUNNING = "vertx-asterisk.running";

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
  private final long attemptTimeoutMs;
  private final int minClusterSize;
  private final LocalMap<String, Boolean> registry;
  private final String lockName;
  private final StaleLockBreaker staleLocks;

  private Lock lock;
  private Counter counter;
  private long epoch;
  private long lastConfirmedNanos;
  private boolean holder;
  private boolean stopped;
  private MembershipWatch membership;
  private long attemptTimer = -1;
  private long verifyTimer = -1;
  private long notBeforeNanos;
  /** nextEpoch() increments sent and not answered yet: the counter may already show them. */
  private int bumpsInFlight;
  /** An attempt has the lock and is taking its term (record, epoch): the lock is this node's already. */
  private boolean taking;
  /** The largest epoch this node has read: where a counter Hazelcast lost starts again. */
  private long highestEpochSeen;

  /**
   * @param key the connection's cluster-wide name, e.g. {@code asterisk.ami.pbx1}
   * @param o the checked {@code holder} section
   */
  public HolderElection(Vertx vertx, String key, HolderOptions o, Candidate candidate) {
    this.vertx = vertx;
    this.key = key;
    this.candidate = candidate;
    this.pollMs = o.pollMs();
    this.leaseMs = o.leaseMs();
    this.rebalance = o.rebalance();
    this.attemptTimeoutMs = o.attemptTimeoutMs();
    this.minClusterSize = o.minClusterSize();
    this.registry = vertx.sharedData().getLocalMap(LOCAL_REGISTRY);
    this.lockName = "vertx-asterisk.holder." + key;
    long staleLockGraceMs = o.staleLockGraceMs();
    this.staleLocks = new StaleLockBreaker(vertx, key, lockName, staleLockGraceMs, staleLockGraceMs + 2 * leaseMs,
      () -> counter);
  }

  public void start() {
    registry.put(key, false);
    candidateNodes(); // announces this node as one that can hold
    changeClusterMap(RUNNING, map -> map.put(runningEntry(), true));
    MembershipWatch.watch(vertx, new MembershipWatch.Listener() {
      @Override
      public void departed(String nodeId) {
        forgetDeparted(nodeId);
      }

      @Override
      public void merging() {
        highestEpochSeen = 0; // this side's epochs are void: the other side's counter is the one kept
        epoch = 0;
        replaced("this node is merging into another cluster after a split: the lock it held on its side is void");
      }
    }).onSuccess(watch -> {
      membership = watch;
      if (stopped && watch != null) {
        watch.close();
      }
    });
    fetchCounter();
  }

  /** A member left without stopping (crashed, cut off): its entries would stay for good. */
  private void forgetDeparted(String nodeId) {
    changeClusterMap(RUNNING, map -> map.remove(runningEntry(nodeId)));
    changeClusterMap(CANDIDATES, map -> map.remove(nodeId));
  }

  /** The fencing counter first; a cluster that cannot give it yet (migrating partitions) is asked again. */
  private void fetchCounter() {
    if (stopped) {
      return;
    }
    counterOffTheEventLoop().onSuccess(c -> {
      counter = c;
      scheduleAttempt(0);
    }).onFailure(err -> {
      LOG.warning("election " + key + " has no fencing counter yet (" + err.getMessage() + "): asking again in " + pollMs + " ms");
      attemptTimer = vertx.setTimer(pollMs, id -> fetchCounter());
    });
  }

  /** vertx-hazelcast creates a counter with a blocking IMap.putIfAbsent (of 0 when absent) on the calling thread. */
  private Future<Counter> counterOffTheEventLoop() {
    String name = "vertx-asterisk.epoch." + key;
    return vertx.<Future<Counter>>executeBlocking(() -> vertx.sharedData().getCounter(name), false).compose(f -> f);
  }

  /**
   * The epoch counter's value. Hazelcast can lose it (its partition gone with a member before the backup
   * was made, e.g. a crash right after the cluster formed): it then reads as absent and every increment
   * fails, so no node would ever take over; and a node starting its election meanwhile makes it again at
   * 0. Either way it is raised back to the largest epoch this node has read, no further (a holder at that
   * epoch keeps its term; one that went further finds the counter below its term and gives it up), and
   * this attempt fails.
   */
  private Future<Long> readEpoch() {
    return counterValue().compose(value -> {
      long known = Math.max(highestEpochSeen, epoch);
      if (value != null && value >= known) {
        highestEpochSeen = value;
        return Future.succeededFuture(value);
      }
      LOG.warning(key + ": the epoch counter " + (value == null ? "is gone (Hazelcast lost its partition)" : "went back to " + value)
        + ": raising it to " + known);
      return raiseCounter(value, known).transform(ar -> Future.failedFuture("the epoch counter was lost, raised to " + known));
    });
  }

  /** The counter as Hazelcast has it: null when the entry is gone. */
  private Future<Long> counterValue() {
    try {
      return counter.get();
    } catch (RuntimeException e) { // a Hazelcast instance shutting down throws at once
      return Future.failedFuture(e);
    }
  }

  /** From what was read (null: the entry is gone, and getCounter() makes it again at 0) to {@code to}. */
  private Future<Boolean> raiseCounter(Long read, long to) {
    return raiseCounter(read, to, 5);
  }

  private Future<Boolean> raiseCounter(Long read, long to, int tries) {
    if (read != null && read >= to) {
      return Future.succeededFuture(true);
    }
    Future<Boolean> set = read == null ? counterOffTheEventLoop().compose(c -> c.compareAndSet(0, to)) : counter.compareAndSet(read, to);
    return set.compose(done -> done || tries <= 1 ? Future.succeededFuture(done)
      : counterValue().compose(again -> raiseCounter(again, to, tries - 1)));
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
    // Compare-and-set, not increment: a bump that lands after another node took over (it was still in
    // flight when this node stepped down) must not move the counter past the new holder's epoch.
    long current = epoch;
    long sentAt = System.nanoTime();
    bumpsInFlight++;
    return counter.compareAndSet(current, current + 1).andThen(ar -> bumpsInFlight--).compose(bumped -> {
      if (!bumped) {
        replaced("another node took over (the epoch counter is no longer " + current + ")");
        return Future.failedFuture("another node holds " + key);
      }
      epoch = Math.max(epoch, current + 1);
      // As in verify(): the term is known to be ours when the request left, not when its answer came.
      lastConfirmedNanos = Math.max(lastConfirmedNanos, sentAt);
      return Future.succeededFuture(current + 1);
    });
  }

  @Override
  public void lose(String reason) {
    stepDown(reason, true);
  }

  /**
   * Another node holds the lock now: the epoch counter moved past this holder's epoch (the cluster
   * dropped this node's lock after a freeze or a split), or this node's side of a split is merging into
   * the other side, whose data replaces its own. The lock is not this node's, and vertx-hazelcast's
   * {@code Lock.release()} is {@code IMap.forceUnlock}, owner or not: releasing would free the new
   * holder's lock, and whoever took it next would replace the new holder too.
   */
  private void replaced(String reason) {
    stepDown(reason, false);
  }

  private void stepDown(String reason, boolean releaseLock) {
    if (!holder) {
      return;
    }
    holder = false;
    registry.put(key, false);
    cancel(verifyTimer);
    LOG.warning(key + ": stepping down: " + reason);
    Lock held = releaseLock ? lock : null;
    lock = null;
    // A lock kept (replaced) may still be this node's (the counter moved for another reason): a record that
    // names no member lets standbys break it after staleLockGraceMs; another node's record stays as it is.
    candidate.stepDown(reason).eventually(releaseLock ? staleLocks::forgetOwner : staleLocks::abandonOwner).onComplete(ar -> {
      if (held != null) {
        release(held);
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
    changeClusterMap(RUNNING, map -> map.remove(runningEntry()));
    if (membership != null) {
      membership.close();
    }
    if (registry.isEmpty()) {
      withdrawCandidacy();
    }
    if (!holder) {
      return Future.succeededFuture();
    }
    holder = false;
    Lock held = lock;
    lock = null;
    return candidate.stepDown("node stopping").eventually(staleLocks::forgetOwner).eventually(() -> {
      if (held != null) {
        release(held);
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
    if (clusterSize() < minClusterSize) {
      LOG.fine(key + ": not trying for the lock: " + clusterSize() + " members seen, minClusterSize is " + minClusterSize);
      scheduleAttempt(pollMs);
      return;
    }
    // While partitions migrate (members leaving and joining) Hazelcast answers a lock or counter request
    // late, or only at the end of its invocation timeout. So every attempt has a deadline after which
    // another is tried; an answer that comes later is still used: a lock granted late is a lock, and
    // giving it back cost a failover another round of waiting for the next one.
    boolean[] late = {false};
    long deadline = vertx.setTimer(attemptTimeoutMs, id -> {
      late[0] = true;
      LOG.fine(key + ": lock attempt still pending after " + attemptTimeoutMs + " ms; trying again");
      scheduleAttempt(pollMs);
    });
    Lock[] acquired = new Lock[1];
    boolean[] sameLock = {false};
    boolean[] recorded = {false};
    boolean[] lostRace = {false};
    // The epoch before the lock: this node's term is that value + 1, taken by compare-and-set after the
    // record, so that a standby breaking the lock meanwhile (it moves the epoch first) wins the race
    // (StaleLockBreaker). No wait in a cluster: a lock request that waits parks in Hazelcast, which is what
    // migrations lose. (Vert.x's local locks never grant a zero-timeout request, hence the 100 ms there.)
    readEpoch().compose(before -> vertx.sharedData().getLockWithTimeout(lockName, vertx.isClustered() ? 0 : 100)
      .compose(lockNow -> {
        acquired[0] = lockNow;
        if (holder || taking) {
          // Hazelcast's locks are reentrant per thread: an attempt that outlived its deadline can be
          // granted the lock this node already has. That is no second term, and no lock to give back.
          sameLock[0] = true;
          return Future.failedFuture("this node has the lock already");
        }
        if (stopped) {
          return Future.failedFuture("no longer wanted");
        }
        taking = true;
        recorded[0] = true;
        return staleLocks.recordOwner()
          .compose(v -> counter.compareAndSet(before, before + 1))
          .<Long>compose(took -> {
            lostRace[0] = !took;
            return took ? Future.succeededFuture(before + 1) : Future.failedFuture("the epoch moved while taking the lock");
          })
          .andThen(ar -> taking = false);
      }))
      .onComplete(ar -> {
        if (!late[0]) {
          vertx.cancelTimer(deadline);
        }
        if (ar.succeeded() && !stopped && !holder) {
          if (late[0]) {
            LOG.fine(key + ": a lock attempt was answered after its deadline, with the lock: taking it");
            cancel(attemptTimer);
          }
          lock = acquired[0];
          becomeHolder(ar.result());
          return;
        }
        if (recorded[0] && !holder) {
          if (lostRace[0]) {
            staleLocks.abandonOwner(); // the lock is kept: standbys break it after staleLockGraceMs
          } else {
            staleLocks.forgetOwner();
          }
        }
        // Not a lock this node holds (release is forceUnlock: it would free the term's own lock), nor one
        // whose epoch a standby moved: that standby is breaking it, and may have given it to another by now.
        if (acquired[0] != null && !holder && !sameLock[0] && !lostRace[0]) {
          release(acquired[0]);
        }
        if (lostRace[0]) {
          LOG.info(key + ": the epoch moved while this node was taking the lock: not taking it (the lock is left to be broken as stale)");
        }
        if (!late[0]) {
          long next = pollMs * (1 + heldHere());
          staleLocks.checkHeldLock().onComplete(v -> scheduleAttempt(next));
        }
      });
  }

  private static void release(Lock lock) {
    try {
      lock.release();
    } catch (RuntimeException e) {
      LOG.fine("releasing a holder lock failed (the cluster will drop it with its owner): " + e.getMessage());
    }
  }

  private void becomeHolder(long newEpoch) {
    holder = true;
    epoch = newEpoch;
    lastConfirmedNanos = System.nanoTime();
    registry.put(key, true);
    LOG.info(key + ": this node is the holder (epoch " + newEpoch + " at election; each connection it opens takes the next)");
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
    int members = clusterSize();
    if (members < minClusterSize) {
      lose("minority: this node sees " + members + " cluster members, minClusterSize is " + minClusterSize);
      return;
    }
    long sentAt = System.nanoTime();
    long expected = epoch;
    counterValue().onSuccess(value -> {
      if (!holder) {
        return;
      }
      if (value == null || value < expected) {
        // Lost, or made again below this term: raised above it (no later term may reuse an epoch this one
        // published under), and the term given up, the lock released.
        long restart = epoch + bumpsInFlight + 1;
        raiseCounter(value, restart).onComplete(ar -> lose("the epoch counter was lost (read " + value + ", this term is "
          + expected + "): raised to " + restart));
        return;
      }
      // The read can be answered before this holder's own bumps (reconnects) are: only a value that
      // they cannot explain means another node.
      if (value > epoch + bumpsInFlight) {
        replaced("another node took over (epoch " + value + " > " + epoch + ")");
      } else if (value >= expected) {
        lastConfirmedNanos = Math.max(lastConfirmedNanos, sentAt);
        staleLocks.recordOwner();
        maybeRebalance();
      }
    });
  }

  private void maybeRebalance() {
    if (!rebalance || heldHere() <= 1) {
      return;
    }
    candidateNodes().onSuccess(nodes -> {
      int connections = registry.size();
      int held = heldHere();
      int fairShare = (connections + nodes - 1) / nodes;
      // Hand back only the alphabetically last held key, so one node releases one connection at a time.
      if (holder && nodes > 1 && held > fairShare && key.equals(lastHeldKey())) {
        anotherNodeRunsThis().onSuccess(another -> {
          if (another && holder) {
            lose("rebalancing: this node holds " + held + " of " + connections + " connections across " + nodes + " nodes");
          }
        });
      }
    });
  }

  /**
   * Whether another member runs this election: during a rolling config change that adds a PBX, only the
   * nodes already updated do, and a connection handed back to nobody would only come back here, again
   * and again.
   */
  private Future<Boolean> anotherNodeRunsThis() {
    ClusterManager cluster = clusterManager();
    if (cluster == null) {
      return Future.succeededFuture(false);
    }
    String self = runningEntry();
    List<String> others = cluster.getNodes().stream().map(this::runningEntry).filter(e -> !e.equals(self)).toList();
    return vertx.sharedData().<String, Boolean>getAsyncMap(RUNNING).compose(AsyncMap::keys)
      .map(entries -> others.stream().anyMatch(entries::contains));
  }

  /** This node's entry in the {@code running} map. */
  private String runningEntry() {
    ClusterManager cluster = clusterManager();
    return runningEntry(cluster == null ? "local" : cluster.getNodeId());
  }

  private String runningEntry(String nodeId) {
    return key + " " + nodeId;
  }

  private void changeClusterMap(String name, Function<AsyncMap<String, Boolean>, Future<?>> change) {
    if (vertx.isClustered()) {
      vertx.sharedData().<String, Boolean>getAsyncMap(name).compose(change::apply)
        .onFailure(err -> LOG.fine(key + ": could not update " + name + ": " + err.getMessage()));
    }
  }

  /**
   * The members that run elections: application nodes on the same bus hold nothing, so counting them
   * would make the fair share too small and the suite nodes hand connections back and forth.
   */
  private Future<Integer> candidateNodes() {
    ClusterManager cluster = clusterManager();
    if (cluster == null) {
      return Future.succeededFuture(1);
    }
    String self = cluster.getNodeId();
    return vertx.sharedData().<String, Boolean>getAsyncMap(CANDIDATES)
      .compose(map -> map.put(self, true).compose(v -> map.keys()))
      .map(ids -> {
        List<String> members = cluster.getNodes();
        return Math.max(1, (int) ids.stream().filter(members::contains).count());
      });
  }

  /** This node's last election stops: the node no longer counts among those that can hold. */
  private void withdrawCandidacy() {
    ClusterManager cluster = clusterManager();
    if (cluster != null) {
      changeClusterMap(CANDIDATES, map -> map.remove(cluster.getNodeId()));
    }
  }

  /** The cluster this node is in; null for a node that is not clustered. */
  private ClusterManager clusterManager() {
    return vertx instanceof VertxInternal internal ? internal.clusterManager() : null;
  }

  private int clusterSize() {
    ClusterManager cluster = clusterManager();
    return cluster == null ? 1 : cluster.getNodes().size();
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
