package io.github.vertxasterisk.monitor.impl;

import io.github.vertxasterisk.common.ConnectionState;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns one PBX's latest AMI or ARI {@code info()} into meters tagged {@code pbx}. The verticles keep the
 * counts; this polls them (the holder may be another node) and exposes them as function counters and
 * gauges. A field becomes a meter the first time {@code info()} carries it, so a counter a verticle
 * adds later appears without a change here as long as it is listed.
 */
public final class InfoMeters {
  /** AMI info() field -> meter name; monotonic counts of the holder's connection. */
  private static final Map<String, String> AMI_COUNTERS = Map.of(
    "eventsPublished", "asterisk.ami.events.published",
    "eventsFiltered", "asterisk.ami.events.filtered",
    "eventsDropped", "asterisk.ami.events.dropped",
    "eventsDroppedStale", "asterisk.ami.events.dropped.stale",
    "messagesRejected", "asterisk.ami.messages.rejected",
    "unmatchedResponses", "asterisk.ami.responses.unmatched",
    "reconnects", "asterisk.ami.reconnects");
  /** (Action counts and latencies: asterisk_ami_calls_seconds, timed on every node by ServiceCallMeters.) */
  private static final Map<String, String> AMI_GAUGES = Map.of(
    "pendingActions", "asterisk.ami.actions.pending");
  private static final String[] AMI_RECEIVED = {"eventsPublished", "eventsFiltered", "eventsDropped", "eventsDroppedStale"};

  private static final Map<String, String> ARI_COUNTERS = Map.of(
    "eventsPublished", "asterisk.ari.events.published",
    "eventsDroppedStale", "asterisk.ari.events.dropped.stale",
    "stasisStartsSent", "asterisk.ari.stasis.starts.sent",
    "stasisStartsUnhandled", "asterisk.ari.stasis.starts.unhandled",
    "framesRejected", "asterisk.ari.frames.rejected",
    "restRequests", "asterisk.ari.rest.requests",
    "reconnects", "asterisk.ari.reconnects");
  private static final String[] ARI_RECEIVED = {"eventsPublished", "eventsDroppedStale"};

  private final MeterRegistry registry;
  private final Tags tags;
  private final Map<String, String> counters;
  private final Map<String, String> gauges;
  private final Set<String> registered = new HashSet<>();
  /** Every meter this registered, removed by {@link #close()}: a registry hands a meter of the same id back, tied to its first owner. */
  private final List<Meter> meters = new ArrayList<>();
  private volatile JsonObject latest = new JsonObject();
  private boolean closed;

  private InfoMeters(MeterRegistry registry, String protocol, String pbx, Map<String, String> counters,
                     Map<String, String> gauges, String[] received) {
    this.registry = registry;
    this.tags = Tags.of("pbx", pbx);
    this.counters = counters;
    this.gauges = gauges;
    meters.add(Gauge.builder("asterisk." + protocol + ".up", this,
        m -> ConnectionState.CONNECTED.wire().equals(m.latest.getString("state")) ? 1 : 0)
      .description("1 when the PBX's " + protocol.toUpperCase() + " connection is up (seen from this node)")
      .tags(tags).register(registry));
    meters.add(FunctionCounter.builder("asterisk." + protocol + ".events.received", this, m -> m.sum(received))
      .description(protocol.toUpperCase() + " events received from Asterisk by the holder").tags(tags).register(registry));
  }

  public static InfoMeters ami(MeterRegistry registry, String pbx) {
    return new InfoMeters(registry, "ami", pbx, AMI_COUNTERS, AMI_GAUGES, AMI_RECEIVED);
  }

  public static InfoMeters ari(MeterRegistry registry, String pbx) {
    return new InfoMeters(registry, "ari", pbx, ARI_COUNTERS, Map.of(), ARI_RECEIVED);
  }

  public static InfoMeters of(MeterRegistry registry, InfoSource source) {
    return source.protocol().equals("ari") ? ari(registry, source.pbx()) : ami(registry, source.pbx());
  }

  /** Takes a fresh {@code info()}; registers the meters for fields seen for the first time. */
  public void update(JsonObject info) {
    if (closed) {
      return; // an info() answered after the monitor stopped: no meter registered again
    }
    latest = info;
    for (String field : info.fieldNames()) {
      if (!(info.getValue(field) instanceof Number) || !registered.add(field)) {
        continue;
      }
      if (counters.containsKey(field)) {
        meters.add(FunctionCounter.builder(counters.get(field), this, m -> m.value(field)).tags(tags).register(registry));
      } else if (gauges.containsKey(field)) {
        meters.add(Gauge.builder(gauges.get(field), this, m -> m.value(field)).tags(tags).register(registry));
      }
    }
  }

  /** The monitor stops: its meters go with it (one deployed again registers its own). */
  public void close() {
    closed = true;
    meters.forEach(registry::remove);
    meters.clear();
    registered.clear();
  }

  /** No answer this time: the PBX counts as down, the counters keep their last values (never go back). */
  public void unreachable() {
    latest = latest.copy().put("state", "unreachable");
  }

  private double value(String field) {
    Object v = latest.getValue(field);
    return v instanceof Number ? ((Number) v).doubleValue() : 0;
  }

  private double sum(String[] fields) {
    double sum = 0;
    for (String field : fields) {
      sum += value(field);
    }
    return sum;
  }
}
