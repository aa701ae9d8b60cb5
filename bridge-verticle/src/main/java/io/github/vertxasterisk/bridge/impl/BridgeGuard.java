package io.github.vertxasterisk.bridge.impl;

import io.github.vertxasterisk.common.LogBudget;
import io.github.vertxasterisk.common.LogSafeText;
import io.github.vertxasterisk.common.FailureCode;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.bridge.BaseBridgeEvent;
import io.vertx.ext.bridge.BridgeEventType;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * The {@code BridgeEvent} handler both transports share: counts clients and frames, applies the
 * {@link BridgePolicy}, and answers a refused frame with an {@code err} frame naming the rule, so the
 * client's callback (matched by reply address, or by address for a register) gets a clear failure. A
 * refused frame never reaches the event bus.
 */
public final class BridgeGuard {
  private static final Logger LOG = Logger.getLogger(BridgeGuard.class.getName());
  /** Refusals logged per connection; the rest are only counted (a hostile client cannot flood the log). */
  private static final int LOGGED_REFUSALS = 10;
  /** And across connections, for a client that opens a new one for each refused frame. */
  private final LogBudget logBudget = new LogBudget(3 * LOGGED_REFUSALS, 60_000);

  private final BridgePolicy policy;
  private final BridgeMetrics metrics;
  private final int maxRegistrations;
  /** Which reply addresses each client may send to; null when the transport checks that itself. */
  private final HandedReplies handedReplies;
  /** Refusals so far per connection (its socket); weak keys: a closed connection's count goes with it. */
  private final Map<Object, Integer> refusals = Collections.synchronizedMap(new WeakHashMap<>());

  /** For the SockJS bridge: it limits registrations itself, but lets any client answer any request it handed out. */
  public BridgeGuard(BridgePolicy policy, BridgeMetrics metrics) {
    this(policy, metrics, Integer.MAX_VALUE, new HandedReplies());
  }

  /**
   * For the TCP bridge: it keeps reply addresses per client itself.
   *
   * @param maxRegistrations how many addresses one client may have registered at a time
   */
  public BridgeGuard(BridgePolicy policy, BridgeMetrics metrics, int maxRegistrations) {
    this(policy, metrics, maxRegistrations, null);
  }

  private BridgeGuard(BridgePolicy policy, BridgeMetrics metrics, int maxRegistrations, HandedReplies handedReplies) {
    this.policy = policy;
    this.metrics = metrics;
    this.maxRegistrations = maxRegistrations;
    this.handedReplies = handedReplies;
  }

  /**
   * For the SockJS bridge.
   *
   * @param connection this event's client's socket, to count its refusals by
   * @param errorWriter writes one JSON frame back to this event's client, in the transport's framing
   * @param onTokenShown run when a frame of this client carried the right token
   */
  public void handle(BaseBridgeEvent event, Object connection, Consumer<JsonObject> errorWriter, Runnable onTokenShown) {
    handle(event, connection, errorWriter, onTokenShown, null);
  }

  /**
   * For the TCP bridge.
   *
   * @param client what the transport tracks of this event's client: the addresses it registered (kept
   *   here), and what to do when it shows the token
   */
  public void handle(BaseBridgeEvent event, Object connection, Consumer<JsonObject> errorWriter, TcpClient client) {
    handle(event, connection, errorWriter, client::tokenShown, client.registrations);
  }

  /** @param registrations the addresses this client registered, or null when the transport keeps them itself */
  private void handle(BaseBridgeEvent event, Object connection, Consumer<JsonObject> errorWriter, Runnable onTokenShown,
      Set<String> registrations) {
    BridgeEventType type = event.type();
    switch (type) {
      case SOCKET_CREATED -> metrics.clientConnected();
      case SOCKET_CLOSED -> metrics.clientClosed();
      case RECEIVE -> metrics.messageOut();
      case SEND, PUBLISH, REGISTER, UNREGISTER -> metrics.frameIn(type.name().toLowerCase(Locale.ROOT));
      default -> { }
    }
    JsonObject frame = event.getRawMessage();
    Refusal refusal = frame == null ? null : policy.check(type, frame);
    if (frame != null && BridgePolicy.carriesToken(type) && !BridgePolicy.refusedForToken(refusal)) {
      onTokenShown.run();
    }
    if (refusal == null && frame != null && handedReplies != null) {
      refusal = handedReplies.check(type, connection, frame);
    }
    if (refusal == null && frame != null && registrations != null) {
      refusal = track(type, frame.getString("address"), registrations);
    }
    if (refusal == null) {
      event.complete(true);
      return;
    }
    metrics.rejected(refusal.rule());
    int refused = refusals.merge(connection, 1, Integer::sum);
    String more = refused <= LOGGED_REFUSALS ? logBudget.admit() : null;
    if (more != null) {
      LOG.info("bridge frame refused (" + type + " " + LogSafeText.of(frame.getString("address")) + "): "
        + LogSafeText.of(refusal.message(), 1000)
        + (refused == LOGGED_REFUSALS ? " (further refusals on this connection are only counted)" : "") + more);
    }
    errorWriter.accept(errorFrame(type, frame, refusal));
    event.complete(false);
  }

  /**
   * The TCP bridge keeps one consumer per address and client: a second register of an address replaces
   * the first in its map without unregistering it, and that consumer then outlives the client.
   */
  private Refusal track(BridgeEventType type, String address, Set<String> registered) {
    if (type == BridgeEventType.REGISTER && registered.contains(address)) {
      return new Refusal("register", "address " + address + " is already registered by this client");
    }
    if (type == BridgeEventType.REGISTER && registered.size() >= maxRegistrations) {
      // each registration is a consumer on the bus: a client must not be able to make a million
      return new Refusal("register", "this client has " + registered.size() + " registrations, the most"
        + " bridge.tcp.maxRegistrations allows; unregister one first");
    }
    if (type == BridgeEventType.REGISTER) {
      registered.add(address);
    }
    if (type == BridgeEventType.UNREGISTER) {
      registered.remove(address);
    }
    return null;
  }

  private static JsonObject errorFrame(BridgeEventType type, JsonObject frame, Refusal refusal) {
    String replyTo = type == BridgeEventType.REGISTER ? frame.getString("address") : frame.getString("replyAddress");
    return ErrFrames.of(FailureCode.FORBIDDEN, replyTo, refusal.problem());
  }
}
