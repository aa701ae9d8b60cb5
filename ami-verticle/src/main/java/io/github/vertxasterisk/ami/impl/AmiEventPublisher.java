package io.github.vertxasterisk.ami.impl;

import io.github.vertxasterisk.ami.api.AmiAddresses;
import io.github.vertxasterisk.ami.codec.AmiMessage;
import io.github.vertxasterisk.common.EventMeta;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;
import java.util.Set;

/**
 * Puts AMI events on the bus: {@code .event.<Name>}, the {@code .events} firehose and, for events that
 * carry a Linkedid, {@code .call.<Linkedid>}. Each carries {@link EventMeta} with a per-connection
 * sequence number. Events are filtered by name first (include list, then exclude list) so a flood of
 * unwanted events costs no bus traffic; filtered events are counted, not numbered.
 */
final class AmiEventPublisher {
  private final EventBus bus;
  private final AmiAddresses addresses;
  private final String pbx;
  private final String node;
  private final Set<String> include;
  private final Set<String> exclude;
  private long epoch;
  private long seq;
  private long published;
  private long filtered;
  private long droppedStale;

  AmiEventPublisher(EventBus bus, AmiConfig config) {
    this.bus = bus;
    this.addresses = config.addresses();
    this.pbx = config.pbx;
    this.node = config.node;
    this.include = config.includeEvents;
    this.exclude = config.excludeEvents;
  }

  /** A new connection: a new epoch, numbering starts again at 1. */
  void newEpoch(long epoch) {
    this.epoch = epoch;
    this.seq = 0;
  }

  void publish(AmiMessage event, long receivedAtMs) {
    String name = event.eventName();
    if (!include.isEmpty() && !include.contains(name) || exclude.contains(name)) {
      filtered++;
      return;
    }
    JsonObject json = event.toJson().put(EventMeta.FIELD, EventMeta.of(pbx, node, epoch, ++seq, receivedAtMs));
    bus.publish(addresses.event(name), json);
    bus.publish(addresses.events(), json);
    String linkedid = event.get("Linkedid");
    if (linkedid != null && !linkedid.isEmpty()) {
      bus.publish(addresses.call(linkedid), json);
    }
    published++;
  }

  /** An event that arrived after this node's holder lease ran out: not published, only counted. */
  void dropStale() {
    droppedStale++;
  }

  long droppedStale() {
    return droppedStale;
  }

  long published() {
    return published;
  }

  long filtered() {
    return filtered;
  }
}
