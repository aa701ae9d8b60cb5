package io.github.vertxasterisk.common;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.logging.Logger;

/**
 * One connection's {@code .status} address: every state change is published there (and logged), in
 * the same shape for AMI and ARI: {@code {pbx, node, state, epoch, at, reason?, ...details}}.
 */
public final class StatusChannel {
  private static final Logger LOG = Logger.getLogger(StatusChannel.class.getName());

  private final Vertx vertx;
  private final String address;
  private final String label;
  private final String pbx;
  private final String node;
  /**
   * State changes logged: a peer that is accepted, proves itself and drops each connection makes a loop
   * of them; past this budget they are only published (and counted in the next line logged).
   */
  private final LogBudget logBudget = new LogBudget(20, 60_000);

  /**
   * @param label how log lines name the connection, e.g. {@code "AMI pbx1"}
   */
  public StatusChannel(Vertx vertx, String address, String label, String pbx, String node) {
    this.vertx = vertx;
    this.address = address;
    this.label = label;
    this.pbx = pbx;
    this.node = node;
  }

  /** The fields every status message and every {@code info()} reply starts with. */
  public JsonObject snapshot(ConnectionState state, long epoch) {
    return new JsonObject()
      .put("pbx", pbx)
      .put("node", node)
      .put("state", state.wire())
      .put("epoch", epoch)
      .put("at", System.currentTimeMillis());
  }

  /** Publishes a state change; {@code connecting} is not logged (it repeats at every retry). */
  public void publish(ConnectionState state, long epoch, String reason, JsonObject details) {
    JsonObject status = snapshot(state, epoch).mergeIn(details);
    if (reason != null) {
      status.put("reason", reason);
    }
    String more = state == ConnectionState.CONNECTING ? null : logBudget.admit();
    if (more != null) {
      LOG.info(label + " " + state.wire() + (reason == null ? "" : ": " + reason) + more);
    }
    vertx.eventBus().publish(address, status);
  }

  /** Publishes news about an unchanged state (e.g. a flood report); the caller logs it as it sees fit. */
  public void report(ConnectionState state, long epoch, JsonObject details) {
    vertx.eventBus().publish(address, snapshot(state, epoch).mergeIn(details));
  }
}
