package io.github.vertxasterisk.ami.impl;

import io.github.vertxasterisk.ami.api.AmiAddresses;
import io.github.vertxasterisk.ami.codec.AmiMessage;
import io.github.vertxasterisk.common.EventMeta;
import io.github.vertxasterisk.common.cluster.SparsePublisher;
import io.github.vertxasterisk.common.json.WireJsonObject;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Puts AMI events on the bus: {@code .event.<Name>}, the {@code .events} firehose and, for events that
 * carry a Linkedid, {@code .call.<Linkedid>}. Each carries {@link EventMeta} with a per-connection
 * sequence number. The same events also go, gathered per socket read, to {@code .events.batch}: one bus
 * message per read rather than per event, which is what lets a remote consumer keep up with a flood
 * (each clustered message costs its own encoding, write and flush). Addresses nobody listens to cost
 * no cluster lookup ({@link SparsePublisher}). Events are filtered by name first (include list, then
 * exclude list) so a flood of unwanted events costs no bus traffic; filtered events are counted, not
 * numbered.
 *
 * <p>Then two flood bounds, because the clustered event bus has no publish backpressure (what a
 * member does not read is queued, on both nodes): a rate ({@code maxEventsPerSecond}, a token bucket)
 * and this JVM's heap ({@code maxHeapPercent}: while the last garbage collection left more live than
 * that, nothing is published). What they stop is dropped and counted, never queued. A dropped event
 * still takes its sequence number: subscribers see the gap in {@code _meta.seq}.
 */
final class AmiEventPublisher {
  private static final String LINKEDID = "Linkedid";
  // Event names are few (a few hundred in Asterisk); the bound is for a peer that invents them.
  private static final int MAX_EVENT_ADDRESSES = 1024;
  private final SparsePublisher bus;
  private final AmiAddresses addresses;
  private final String pbx;
  private final String node;
  private final Set<String> include;
  private final Set<String> exclude;
  private final TokenBucket budget;
  private final HeapPressure heap;
  private long epoch;
  private long seq;
  private long published;
  private long filtered;
  private long droppedStale;
  private long dropped;
  private String dropCause;
  private List<Object> batch = new ArrayList<>();
  private final Map<String, String> eventAddresses = new HashMap<>();

  AmiEventPublisher(SparsePublisher bus, AmiConfig config) {
    this.bus = bus;
    this.addresses = config.addresses();
    this.pbx = config.pbx;
    this.node = config.node;
    this.include = config.includeEvents;
    this.exclude = config.excludeEvents;
    this.budget = new TokenBucket(config.maxEventsPerSecond);
    this.heap = new HeapPressure(config.maxHeapPercent);
  }

  /** A new connection: a new epoch, numbering starts again at 1. */
  void newEpoch(long epoch) {
    this.epoch = epoch;
    this.seq = 0;
    batch.clear();
  }

  void publish(AmiMessage event, long receivedAtMs) {
    String name = event.eventName();
    if (!include.isEmpty() && !include.contains(name) || exclude.contains(name)) {
      filtered++;
      return;
    }
    long now = System.nanoTime();
    if (heap.high(now)) {
      drop(heap.cause);
      return;
    }
    if (!budget.take(now)) {
      drop(budget.cause);
      return;
    }
    JsonObject json = EventMeta.attach(new WireJsonObject(event.toJson().getMap()), // encoded fast for remote consumers
      EventMeta.of(pbx, node, epoch, ++seq, receivedAtMs));
    bus.publish(eventAddress(name), json);
    bus.publish(addresses.events(), json);
    publishToCalls(event, json);
    published++;
    batch.add(json);
    if (batch.size() == AmiAddresses.MAX_BATCH) {
      flushBatch();
    }
  }

  /**
   * To the call of every Linkedid the event names, once each: Linkedid, and also DestLinkedid (an
   * originated call's DialBegin/DialEnd have no caller), LocalOneLinkedid/LocalTwoLinkedid
   * (LocalBridge), Transferer...Linkedid, which carry no plain Linkedid (capture 04).
   */
  private void publishToCalls(AmiMessage event, JsonObject json) {
    String first = null;
    List<String> more = null;
    for (int i = 0; i < event.size(); i++) {
      String header = event.name(i);
      String id = event.value(i);
      if (id.isEmpty() || !endsWithLinkedid(header)) {
        continue;
      }
      if (first == null) {
        first = id;
        bus.publish(addresses.call(id), json);
      } else if (!first.equals(id) && (more == null || !more.contains(id))) {
        (more == null ? more = new ArrayList<>(2) : more).add(id);
        bus.publish(addresses.call(id), json);
      }
    }
  }

  /** The address of an event name: the same String each time, so its hash is computed once. */
  private String eventAddress(String name) {
    String address = eventAddresses.get(name);
    if (address == null) {
      if (eventAddresses.size() == MAX_EVENT_ADDRESSES) {
        eventAddresses.clear();
      }
      address = addresses.event(name);
      eventAddresses.put(name, address);
    }
    return address;
  }

  /** Case-insensitive, but Asterisk's own spelling and the names that differ at its first letter are quick. */
  private static boolean endsWithLinkedid(String header) {
    int at = header.length() - LINKEDID.length();
    return header.endsWith(LINKEDID)
      || at >= 0 && (header.charAt(at) | 0x20) == 'l' && header.regionMatches(true, at, LINKEDID, 0, LINKEDID.length());
  }

  /** Publishes the events gathered so far (those of this read) as one {@code .events.batch} message. */
  void flushBatch() {
    if (!batch.isEmpty()) {
      bus.publish(addresses.eventBatches(), new WireJsonObject().put("events", new JsonArray(batch)));
      batch = new ArrayList<>();
    }
  }

  private void drop(String cause) {
    seq++;
    dropped++;
    dropCause = cause;
  }

  Future<Void> close() {
    return bus.close();
  }

  /** An event that arrived after this node's holder lease ran out: not published, only counted. */
  void dropStale() {
    droppedStale++;
  }

  long droppedStale() {
    return droppedStale;
  }

  /** Events shed by the flood bounds: not published. */
  long dropped() {
    return dropped;
  }

  /** Why the latest event was shed, or null. */
  String dropCause() {
    return dropCause;
  }

  long published() {
    return published;
  }

  long filtered() {
    return filtered;
  }
}
