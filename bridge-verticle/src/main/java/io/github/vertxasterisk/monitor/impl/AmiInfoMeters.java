package io.github.vertxasterisk.monitor.impl;

import io.github.vertxasterisk.common.ConnectionState;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.vertx.core.json.JsonObject;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Turns one PBX's latest {@code info()} into meters tagged {@code pbx}. The AMI verticle keeps the
 * counts; this polls them (the holder may be another node) and exposes them as function counters and
 * gauges. A field shows up as a meter the first time {@code info()} carries it, so counters the AMI
 * verticle adds later appear without a change here as long as they are listed.
 */
public final class AmiInfoMeters {
  /** info() field -> meter name; monotonic counts of the holder's connection. */
  private static final Map<String, String> COUNTERS = Map.of(
    "eventsPublished", "asterisk.ami.events.published",
    "eventsFiltered", "asterisk.ami.events.filtered",
    "eventsDropped", "asterisk.ami.events.dropped",
    "eventsDroppedStale", "asterisk.ami.events.dropped.stale",
    "messagesRejected", "asterisk.ami.messages.rejected",
    "unmatchedResponses", "asterisk.ami.responses.unmatched",
    "reconnects", "asterisk.ami.reconnects",
    "actionsCompleted", "asterisk.ami.actions.completed",
    "actionsFailed", "asterisk.ami.actions.failed",
    "actionLatencyTotalMs", "asterisk.ami.action.latency.total.ms");
  /** info() field -> meter name; values that go up and down. */
  private static final Map<String, String> GAUGES = Map.of(
    "pendingActions", "asterisk.ami.actions.pending",
    "actionLatencyMaxMs", "asterisk.ami.action.latency.max.ms");
  /** What the holder received from Asterisk: published on the bus, or kept off it (filtered, dropped). */
  private static final String[] RECEIVED = {"eventsPublished", "eventsFiltered", "eventsDropped", "eventsDroppedStale"};

  private final MeterRegistry registry;
  private final Tags tags;
  private final Set<String> registered = new HashSet<>();
  private volatile JsonObject latest = new JsonObject();

  public AmiInfoMeters(MeterRegistry registry, String pbx) {
    this.registry = registry;
    this.tags = Tags.of("pbx", pbx);
    Gauge.builder("asterisk.ami.up", this, m -> ConnectionState.CONNECTED.wire().equals(m.latest.getString("state")) ? 1 : 0)
      .description("1 when the PBX's AMI connection is up (seen from this node)").tags(tags).register(registry);
    FunctionCounter.builder("asterisk.ami.events.received", this, AmiInfoMeters::received)
      .description("AMI events received from Asterisk by the holder").tags(tags).register(registry);
  }

  /** Takes a fresh {@code info()}; registers the meters for fields seen for the first time. */
  public void update(JsonObject info) {
    latest = info;
    for (String field : info.fieldNames()) {
      if (!(info.getValue(field) instanceof Number) || !registered.add(field)) {
        continue;
      }
      if (COUNTERS.containsKey(field)) {
        FunctionCounter.builder(COUNTERS.get(field), this, m -> m.value(field)).tags(tags).register(registry);
      } else if (GAUGES.containsKey(field)) {
        Gauge.builder(GAUGES.get(field), this, m -> m.value(field)).tags(tags).register(registry);
      }
    }
  }

  /** No answer this time: the PBX counts as down, the counters keep their last values (never go back). */
  public void unreachable() {
    latest = latest.copy().put("state", "unreachable");
  }

  private double value(String field) {
    Object v = latest.getValue(field);
    return v instanceof Number ? ((Number) v).doubleValue() : 0;
  }

  private double received() {
    double sum = 0;
    for (String field : RECEIVED) {
      sum += value(field);
    }
    return sum;
  }
}
