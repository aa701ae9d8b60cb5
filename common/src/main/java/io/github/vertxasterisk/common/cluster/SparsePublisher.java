package io.github.vertxasterisk.common.cluster;

import com.hazelcast.core.EntryAdapter;
import com.hazelcast.core.EntryEvent;
import com.hazelcast.map.MapEvent;
import com.hazelcast.multimap.MultiMap;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.internal.VertxInternal;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Publishes on the clustered event bus only to addresses that some node listens to; to every other
 * address it publishes locally (for this node's local-only consumers), which costs no cluster work.
 *
 * <p>Why: in Vert.x 5's clustered bus each publish asks the cluster manager who listens to the
 * address, and only addresses that have consumers are cached; for an address nobody listens to,
 * <em>every</em> publish is a Hazelcast {@code MultiMap.get} on a worker thread, half the time on
 * another member. A PBX publishes each event to several such addresses ({@code .event.<Name>} for
 * names nobody wants, a {@code .call.<Linkedid>} per call): measured, that was most of a holder's
 * event loop under load.
 *
 * <p>How: this node watches Vert.x's own registry of consumers (the Hazelcast multimap {@code
 * __vertx.subs}, keys only) and keeps the set of addresses that have any. It errs towards "listened
 * to": an address is forgotten only once Hazelcast counts no consumer for it and none was added
 * meanwhile, and until the watch is in place everything is published normally. A consumer that has
 * just registered (its {@code completion()} succeeded) is seen here when Hazelcast's entry event
 * arrives, a few milliseconds later: the same delay Vert.x itself has for an address that already had
 * a consumer (its cache is updated by the same events). Every {@value #RESYNC_MS} ms it also re-reads
 * the registry's addresses, because a split cluster that merges back sends no entry events, and forgets
 * those gone from it whose removal it missed (entry events can come out of order). Without
 * Hazelcast (a single node, tests) it publishes normally.
 */
public final class SparsePublisher {
  private static final Logger LOG = Logger.getLogger(SparsePublisher.class.getName());
  /** Vert.x's registry of event-bus consumers (vertx-hazelcast's SubsMapHelper). */
  private static final String VERTX_SUBSCRIPTIONS = "__vertx.subs";
  private static final DeliveryOptions LOCAL_ONLY = new DeliveryOptions().setLocalOnly(true);
  static final long RESYNC_MS = 5_000;

  private final Vertx vertx;
  private final EventBus bus;
  /** Address -> a version bumped by each registration seen, so a removal check can tell it is stale. */
  private final ConcurrentMap<String, Long> listened = new ConcurrentHashMap<>();
  private volatile boolean watching;
  private volatile MultiMap<String, Object> registry; // set on a worker thread, read on Hazelcast's
  private UUID listenerId; // guarded by this, with closed
  private boolean closed; // guarded by this
  private long resyncTimer = -1; // guarded by this
  private final AtomicBoolean resyncing = new AtomicBoolean();

  private SparsePublisher(Vertx vertx) {
    this.vertx = vertx;
    this.bus = vertx.eventBus();
  }

  /** Starts watching the registry when the cluster runs on Hazelcast; until then it publishes normally. */
  public static SparsePublisher start(Vertx vertx) {
    SparsePublisher publisher = new SparsePublisher(vertx);
    if (vertx instanceof VertxInternal internal
      && internal.clusterManager() instanceof HazelcastClusterManager hazelcast) {
      vertx.executeBlocking(() -> publisher.watch(hazelcast), false).onFailure(err ->
        LOG.log(Level.WARNING, "cannot watch the cluster's consumers; every event is published cluster-wide", err));
    }
    return publisher;
  }

  public void publish(String address, Object body) {
    if (listenedTo(address)) {
      bus.publish(address, body);
    } else {
      bus.publish(address, body, LOCAL_ONLY);
    }
  }

  /** Whether a cluster-wide publish would reach a consumer, as far as this node knows. */
  boolean listenedTo(String address) {
    return !watching || listened.containsKey(address);
  }

  public Future<Void> close() {
    MultiMap<String, Object> map;
    UUID id;
    synchronized (this) {
      closed = true;
      watching = false;
      map = registry;
      id = listenerId;
      vertx.cancelTimer(resyncTimer);
    }
    if (map == null || id == null) {
      return Future.succeededFuture(); // watch() sees closed and removes its listener itself
    }
    return vertx.executeBlocking(() -> map.removeEntryListener(id), false).mapEmpty();
  }

  private Void watch(HazelcastClusterManager hazelcast) {
    MultiMap<String, Object> map = hazelcast.getHazelcastInstance().getMultiMap(VERTX_SUBSCRIPTIONS);
    registry = map; // before the listener: its removal checks use it
    // The listener first, then the snapshot: a registration made in between is seen at least once.
    UUID id = map.addEntryListener(new Registrations(), false);
    boolean closedMeanwhile;
    synchronized (this) { // held briefly: close() takes it on the event loop
      closedMeanwhile = closed;
      listenerId = id;
    }
    if (closedMeanwhile) {
      map.removeEntryListener(id);
      return null;
    }
    resync();
    synchronized (this) {
      if (!closed) { // else close() has removed the listener
        watching = true;
        // Hazelcast sends no entry event when a split cluster merges back (nor for events it failed to
        // deliver): without this, consumers of a member that rejoined would stay unknown here for good.
        resyncTimer = vertx.setPeriodic(RESYNC_MS, t -> {
          // One at a time: a Hazelcast slower than the period (partitions migrating) must not pile
          // re-reads up on the worker pool.
          if (resyncing.compareAndSet(false, true)) {
            vertx.executeBlocking(this::resync, false).onComplete(done -> resyncing.set(false));
          }
        });
      }
    }
    return null;
  }

  /**
   * On a worker: adds every address the registry has now, and forgets those it no longer has. Entry
   * events can also come late or out of order (an "added" handled after its "removed"): an address
   * left without a consumer would otherwise stay for the whole term (a per-call one is never reused).
   */
  private Void resync() {
    Set<String> present = registry.keySet();
    present.forEach(this::added);
    for (String address : listened.keySet()) {
      if (!present.contains(address)) {
        forgetIfUnlistened(address);
      }
    }
    return null;
  }

  /** A registration was seen (package-visible: tests play a late entry event with it). */
  void added(String address) {
    listened.merge(address, 1L, Long::sum);
  }

  /** A consumer went away. */
  private void removed(String address) {
    if (listened.containsKey(address)) {
      vertx.executeBlocking(() -> forgetIfUnlistened(address), false);
    }
  }

  /** On a worker: forgets the address if Hazelcast counts no consumer of it and none was seen meanwhile. */
  private Void forgetIfUnlistened(String address) {
    Long version = listened.get(address);
    if (version != null && registry.valueCount(address) == 0) {
      listened.remove(address, version);
    }
    return null;
  }

  /** Tests only: the view as an entry event that never came would leave it (the address unknown). */
  void forgetAsIfAnEventWereLost(String address) {
    listened.remove(address);
  }

  private final class Registrations extends EntryAdapter<String, Object> {
    @Override
    public void entryAdded(EntryEvent<String, Object> event) {
      added(event.getKey());
    }

    @Override
    public void entryRemoved(EntryEvent<String, Object> event) {
      removed(event.getKey());
    }

    @Override
    public void mapCleared(MapEvent event) {
      listened.keySet().forEach(SparsePublisher.this::removed);
    }
  }
}
