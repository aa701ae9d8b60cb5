package io.github.vertxasterisk.bridge.impl;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.ToDoubleFunction;

/**
 * One transport's bridge meters: {@code asterisk_bridge_clients} (connected now),
 * {@code asterisk_bridge_frames_in_total{type}}, {@code asterisk_bridge_messages_out_total} and
 * {@code asterisk_bridge_frames_rejected_total{rule}}, all tagged with the {@code transport}.
 *
 * <p>The SockJS bridge reports its sockets opening and closing; the TCP bridge does not (Vert.x 5.0.8),
 * so its client count is read from Vert.x's own meter for the bridge's server,
 * {@code vertx_net_server_active_connections{local="<host>:<port>"}}. Nor does it report the messages it
 * delivers (no RECEIVE event), so only the SockJS bridge has {@code asterisk.bridge.messages.out}: a TCP
 * meter would read 0 forever; {@code vertx_net_server_bytes_written_total} has the TCP bridge's traffic.
 */
public final class BridgeMetrics {
  private final MeterRegistry registry;
  private final String transport;
  private final AtomicInteger clients = new AtomicInteger();
  private final Counter messagesOut;
  private final Gauge clientsGauge;

  private BridgeMetrics(MeterRegistry registry, String transport, ToDoubleFunction<BridgeMetrics> clientCount,
      boolean countsMessagesOut) {
    this.registry = registry;
    this.transport = transport;
    clientsGauge = Gauge.builder("asterisk.bridge.clients", this, clientCount)
      .description("bridge clients connected now").tag("transport", transport).register(registry);
    messagesOut = !countsMessagesOut ? null : Counter.builder("asterisk.bridge.messages.out")
      .description("messages delivered to bridge clients").tag("transport", transport).register(registry);
  }

  public static BridgeMetrics sockJs(MeterRegistry registry) {
    return new BridgeMetrics(registry, "sockjs", m -> m.clients.get(), true);
  }

  public static BridgeMetrics tcp(MeterRegistry registry, int port) {
    String suffix = ":" + port;
    return new BridgeMetrics(registry, "tcp", m -> registry.find("vertx.net.server.active.connections").gauges()
      .stream().filter(g -> String.valueOf(g.getId().getTag("local")).endsWith(suffix)).mapToDouble(Gauge::value).sum(), false);
  }

  /**
   * The bridge stops: its client gauge goes (a registry hands a gauge of the same id back, tied to this
   * object: a bridge deployed again would report this one's clients). The counters stay, and go on.
   */
  public void close() {
    registry.remove(clientsGauge);
  }

  void clientConnected() {
    clients.incrementAndGet();
  }

  void clientClosed() {
    clients.updateAndGet(n -> Math.max(0, n - 1));
  }

  void frameIn(String type) {
    registry.counter("asterisk.bridge.frames.in", "transport", transport, "type", type).increment();
  }

  void messageOut() {
    if (messagesOut != null) {
      messagesOut.increment();
    }
  }

  void clientClosed(String reason) {
    registry.counter("asterisk.bridge.clients.closed", "transport", transport, "reason", reason).increment();
  }

  void rejected(String rule) {
    registry.counter("asterisk.bridge.frames.rejected", "transport", transport, "rule", rule).increment();
  }

}
