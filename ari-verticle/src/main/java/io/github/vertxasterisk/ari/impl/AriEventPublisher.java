package io.github.vertxasterisk.ari.impl;

import io.github.vertxasterisk.ari.impl.events.AriEventRouter;
import io.github.vertxasterisk.ari.impl.events.AriRoute;
import io.github.vertxasterisk.common.EventMeta;
import io.github.vertxasterisk.common.LogBudget;
import io.github.vertxasterisk.common.LogSafeText;
import io.github.vertxasterisk.common.json.WireJsonObject;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonObject;
import java.util.logging.Logger;

/**
 * Puts ARI events on the bus: on every address {@link AriEventRouter} computes (type, firehose, each
 * resource), each with {@link EventMeta}; a StasisStart is also sent point-to-point to its
 * application's {@code .stasis} address, so exactly one handler in the cluster takes the call. A
 * StasisStart nobody consumes is counted and logged, never an error: the events still went out.
 */
final class AriEventPublisher {
  private static final Logger LOG = Logger.getLogger(AriEventPublisher.class.getName());
  /** Stasis handlers may reply (an ack); nobody waits for it longer than this. */
  private static final DeliveryOptions STASIS_DELIVERY = new DeliveryOptions().setSendTimeout(10_000);

  private final EventBus bus;
  private final AriEventRouter router;
  private final String pbx;
  private final String node;
  private long epoch;
  private long seq;
  private long published;
  private long stasisSent;
  private long stasisUnhandled;
  private long droppedStale;
  /** StasisStarts nobody consumed: each is counted, a few a minute are logged. */
  private final LogBudget unhandledLogBudget = new LogBudget(10, 60_000);

  AriEventPublisher(EventBus bus, AriConfig config) {
    this.bus = bus;
    this.router = new AriEventRouter(config.addresses());
    this.pbx = config.pbx;
    this.node = config.node;
  }

  /** A new connection: a new epoch, numbering starts again at 1. */
  void newEpoch(long epoch) {
    this.epoch = epoch;
    this.seq = 0;
  }

  void publish(JsonObject received, long receivedAtMs) {
    AriRoute route = router.route(received);
    JsonObject event = new WireJsonObject(received.getMap()); // the same map, encoded fast for remote consumers
    EventMeta.attach(event, EventMeta.of(pbx, node, epoch, ++seq, receivedAtMs));
    for (String address : route.publishAddresses()) {
      bus.publish(address, event);
    }
    published++;
    if (route.isStasisStart()) {
      stasisSent++;
      // request, not send: only a request learns that no handler exists anywhere in the cluster. The
      // callback keeps only what it logs, not the event, for the request's 10 s (the peer's text escaped).
      String stasisAddress = route.stasisAddress();
      String channel = LogSafeText.of(channelId(event));
      bus.request(stasisAddress, event, STASIS_DELIVERY).onFailure(err -> {
        if (err instanceof ReplyException re && re.failureType() == ReplyFailure.NO_HANDLERS) {
          stasisUnhandled++;
          String more = unhandledLogBudget.admit();
          if (more != null) {
            LOG.warning("ARI " + pbx + ": no consumer on " + LogSafeText.of(stasisAddress, 300) + " for StasisStart of channel "
              + channel + " (the events were still published)" + more);
          }
        }
      });
    }
  }

  private static String channelId(JsonObject event) {
    JsonObject channel = event.getJsonObject("channel");
    return channel == null ? "?" : channel.getString("id");
  }

  /** An event that arrived after this node's holder lease ran out: not published, only counted. */
  void dropStale() {
    droppedStale++;
  }

  JsonObject counters() {
    return new JsonObject()
      .put("eventsPublished", published)
      .put("stasisStartsSent", stasisSent)
      .put("stasisStartsUnhandled", stasisUnhandled)
      .put("eventsDroppedStale", droppedStale);
  }
}
