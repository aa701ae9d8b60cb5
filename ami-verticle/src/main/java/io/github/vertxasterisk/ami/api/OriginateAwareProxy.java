package io.github.vertxasterisk.ami.api;

import io.github.vertxasterisk.ami.codec.AmiEncoder;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;

/**
 * The generated event-bus proxy, except that {@code originate} waits for the call: the holder answers
 * an async Originate when Asterisk's {@code OriginateResponse} comes, up to the request's {@code Timeout}
 * (Asterisk's default 30000 ms) later, and the bus's send timeout (30 s by default) would cut that short
 * with a bare bus timeout. So an originate's send timeout is the proxy's plus the call's {@code Timeout}.
 */
final class OriginateAwareProxy extends AmiServiceVertxEBProxy {
  /** Asterisk's Originate timeout when the request gives none. */
  private static final long ASTERISK_DEFAULT_ORIGINATE_TIMEOUT_MS = 30_000;

  private final Vertx vertx;
  private final String address;
  private final DeliveryOptions options;

  OriginateAwareProxy(Vertx vertx, String address, DeliveryOptions options) {
    super(vertx, address, options == null ? new DeliveryOptions() : options);
    this.vertx = vertx;
    this.address = address;
    this.options = options == null ? new DeliveryOptions() : options;
  }

  @Override
  public Future<JsonObject> originate(JsonObject request) {
    DeliveryOptions longer = new DeliveryOptions(options).setSendTimeout(options.getSendTimeout() + ringMs(request));
    return new AmiServiceVertxEBProxy(vertx, address, longer).originate(request);
  }

  /** An Originate sent as a plain action is answered as late: a synchronous one when its call is. */
  @Override
  public Future<JsonObject> send(JsonObject action) {
    if (action == null || !"Originate".equalsIgnoreCase(String.valueOf(action.getValue("Action")).trim())) {
      return super.send(action);
    }
    DeliveryOptions longer = new DeliveryOptions(options).setSendTimeout(options.getSendTimeout() + ringMs(action));
    return new AmiServiceVertxEBProxy(vertx, address, longer).send(action);
  }

  private static long ringMs(JsonObject request) {
    // Asterisk reads header names in any letter case, and so does the holder.
    Object timeout = request == null ? null : AmiEncoder.header(request, "Timeout");
    if (timeout == null) {
      return ASTERISK_DEFAULT_ORIGINATE_TIMEOUT_MS;
    }
    try {
      // Beyond an int the holder refuses it with bad-request at once; only the sum must not overflow.
      return Math.min(Integer.MAX_VALUE, Math.max(0, Long.parseLong(timeout.toString())));
    } catch (NumberFormatException e) {
      return 0; // the holder refuses it with bad-request at once
    }
  }
}
