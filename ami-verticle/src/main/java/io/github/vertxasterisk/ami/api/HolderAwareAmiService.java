package io.github.vertxasterisk.ami.api;

import io.github.vertxasterisk.common.FailureCode;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The proxy {@link AmiService#createProxy} returns: the generated event-bus proxy, plus the cluster's
 * failure semantics the bus alone cannot give.
 *
 * <ul>
 *   <li>No node holds the PBX (no handler at the service address): {@code 521 no-holder} at once.</li>
 *   <li>A call is in flight when a new holder takes over (a new epoch is announced on {@code .status}):
 *       the old holder is gone with the call, so it fails with {@code 520 disconnected} (outcome
 *       unknown) instead of waiting for the send timeout.</li>
 * </ul>
 * It keeps one subscription to the PBX's status address: create one proxy per PBX and reuse it.
 */
final class HolderAwareAmiService implements AmiService {
  private final AmiService delegate;
  private final String address;
  private final Map<Promise<?>, Long> inFlight = new HashMap<>();
  private final MessageConsumer<JsonObject> statusConsumer;
  private long lastEpoch;

  HolderAwareAmiService(Vertx vertx, String address, AmiService delegate) {
    this.delegate = delegate;
    this.address = address;
    this.statusConsumer = vertx.eventBus().consumer(address + ".status", m -> onStatus(m.body()));
  }

  private synchronized void onStatus(JsonObject status) {
    long epoch = status.getLong("epoch", 0L);
    if (!"connected".equals(status.getString("state")) || epoch <= lastEpoch) {
      return;
    }
    lastEpoch = epoch;
    List<Promise<?>> orphaned = new ArrayList<>();
    inFlight.forEach((promise, sentAtEpoch) -> {
      if (sentAtEpoch < epoch) {
        orphaned.add(promise);
      }
    });
    orphaned.forEach(inFlight::remove);
    orphaned.forEach(p -> p.tryFail(FailureCode.DISCONNECTED.exception(
      "a new holder took over " + address + " (epoch " + epoch + ") while the call was in flight: its outcome is unknown")));
  }

  private <T> Future<T> track(Supplier<Future<T>> call) {
    Promise<T> promise = Promise.promise();
    synchronized (this) {
      inFlight.put(promise, lastEpoch);
    }
    call.get().onComplete(ar -> {
      synchronized (this) {
        inFlight.remove(promise);
      }
      if (ar.succeeded()) {
        promise.tryComplete(ar.result());
      } else {
        promise.tryFail(translate(ar.cause()));
      }
    });
    return promise.future();
  }

  private Throwable translate(Throwable failure) {
    if (failure instanceof ReplyException && ((ReplyException) failure).failureType() == ReplyFailure.NO_HANDLERS) {
      return FailureCode.NO_HOLDER.exception("no node of the cluster holds " + address
        + " (is an AmiVerticle deployed for this PBX, and its node in the cluster?)");
    }
    return failure;
  }

  /** The newest holder epoch this proxy has seen announced. */
  synchronized long knownEpoch() {
    return lastEpoch;
  }

  /** Stops watching the status address. */
  Future<Void> close() {
    return statusConsumer.unregister();
  }

  @Override
  public Future<JsonObject> send(JsonObject action) {
    return track(() -> delegate.send(action));
  }

  @Override
  public Future<JsonObject> sendList(JsonObject action) {
    return track(() -> delegate.sendList(action));
  }

  @Override
  public Future<List<String>> command(String command) {
    return track(() -> delegate.command(command));
  }

  @Override
  public Future<JsonObject> originate(JsonObject request) {
    return track(() -> delegate.originate(request));
  }

  @Override
  public Future<JsonObject> info() {
    return track(delegate::info);
  }

  @Override
  public Future<JsonObject> ping() {
    return track(delegate::ping);
  }

  @Override
  public Future<JsonObject> hangup(String channel) {
    return track(() -> delegate.hangup(channel));
  }

  @Override
  public Future<JsonObject> redirect(String channel, String context, String exten, int priority) {
    return track(() -> delegate.redirect(channel, context, exten, priority));
  }

  @Override
  public Future<String> getVar(String channel, String variable) {
    return track(() -> delegate.getVar(channel, variable));
  }

  @Override
  public Future<JsonObject> setVar(String channel, String variable, String value) {
    return track(() -> delegate.setVar(channel, variable, value));
  }

  @Override
  public Future<List<JsonObject>> coreShowChannels() {
    return track(delegate::coreShowChannels);
  }
}
