package io.github.vertxasterisk.ari.api;

import io.github.vertxasterisk.common.FailureCode;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
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
 * The proxy {@link AriService#createProxy} returns: the generated event-bus proxy, plus the cluster's
 * failure semantics the bus alone cannot give (the same as the AMI proxy's).
 *
 * <ul>
 *   <li>No node holds the PBX (no handler at the service address): {@code 521 no-holder} at once.</li>
 *   <li>A call is in flight when another node announces a new connection on {@code .status}: the old
 *       holder is gone with the call, so it fails with {@code 520 disconnected} (outcome unknown)
 *       instead of waiting for the send timeout. A new connection announced by the node that already
 *       held the PBX (its events WebSocket reconnected) fails nothing: REST calls do not go over the
 *       WebSocket, so they still get their answer.</li>
 * </ul>
 * It keeps one subscription to the PBX's status address: create one proxy per PBX and reuse it.
 */
final class HolderAwareAriService implements AriService {
  private final AriService delegate;
  private final String address;
  private final Map<Promise<?>, Long> inFlight = new HashMap<>();
  private final MessageConsumer<JsonObject> statusConsumer;
  private long lastEpoch;
  private String holderNode;

  HolderAwareAriService(Vertx vertx, String address, AriService delegate) {
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
    String node = status.getString("node");
    boolean sameHolder = holderNode != null && holderNode.equals(node);
    holderNode = node;
    if (sameHolder) {
      return;
    }
    List<Promise<?>> orphaned = new ArrayList<>();
    inFlight.forEach((promise, sentAtEpoch) -> {
      if (sentAtEpoch < epoch) {
        orphaned.add(promise);
      }
    });
    orphaned.forEach(inFlight::remove);
    orphaned.forEach(p -> p.tryFail(FailureCode.DISCONNECTED.exception("node " + node + " took over " + address
      + " (epoch " + epoch + ") while the call was in flight: its outcome is unknown")));
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
    if (failure instanceof ReplyException re && re.failureType() == ReplyFailure.NO_HANDLERS) {
      return FailureCode.NO_HOLDER.exception("no node of the cluster holds " + address
        + " (is an AriVerticle deployed for this PBX, and its node in the cluster?)");
    }
    return failure;
  }

  /** The newest connection epoch this proxy has seen announced. */
  synchronized long knownEpoch() {
    return lastEpoch;
  }

  /** The node that announced it, or null before any. */
  synchronized String knownHolder() {
    return holderNode;
  }

  /** Stops watching the status address. */
  Future<Void> close() {
    return statusConsumer.unregister();
  }

  @Override
  public Future<JsonObject> invoke(String operation, JsonObject params) {
    return track(() -> delegate.invoke(operation, params));
  }

  @Override
  public Future<JsonObject> request(String method, String path, JsonObject query, JsonObject body) {
    return track(() -> delegate.request(method, path, query, body));
  }

  @Override
  public Future<JsonObject> info() {
    return track(delegate::info);
  }

  @Override
  public Future<JsonObject> operations() {
    return track(delegate::operations);
  }

  @Override
  public Future<JsonObject> originate(JsonObject params) {
    return track(() -> delegate.originate(params));
  }

  @Override
  public Future<Void> answer(String channelId) {
    return track(() -> delegate.answer(channelId));
  }

  @Override
  public Future<Void> hangup(String channelId, String reason) {
    return track(() -> delegate.hangup(channelId, reason));
  }

  @Override
  public Future<JsonObject> play(String channelId, String media, String playbackId) {
    return track(() -> delegate.play(channelId, media, playbackId));
  }

  @Override
  public Future<JsonObject> record(String channelId, JsonObject params) {
    return track(() -> delegate.record(channelId, params));
  }

  @Override
  public Future<JsonObject> snoop(String channelId, JsonObject params) {
    return track(() -> delegate.snoop(channelId, params));
  }

  @Override
  public Future<JsonObject> externalMedia(JsonObject params) {
    return track(() -> delegate.externalMedia(params));
  }

  @Override
  public Future<Void> dial(String channelId, JsonObject params) {
    return track(() -> delegate.dial(channelId, params));
  }

  @Override
  public Future<JsonObject> createBridge(String bridgeId, String type) {
    return track(() -> delegate.createBridge(bridgeId, type));
  }

  @Override
  public Future<Void> addChannel(String bridgeId, String channelId) {
    return track(() -> delegate.addChannel(bridgeId, channelId));
  }

  @Override
  public Future<Void> removeChannel(String bridgeId, String channelId) {
    return track(() -> delegate.removeChannel(bridgeId, channelId));
  }

  @Override
  public Future<Void> destroyBridge(String bridgeId) {
    return track(() -> delegate.destroyBridge(bridgeId));
  }

  @Override
  public Future<Void> stopPlayback(String playbackId) {
    return track(() -> delegate.stopPlayback(playbackId));
  }

  @Override
  public Future<Void> controlPlayback(String playbackId, String operation) {
    return track(() -> delegate.controlPlayback(playbackId, operation));
  }

  @Override
  public Future<Buffer> storedRecordingFile(String recordingName) {
    return track(() -> delegate.storedRecordingFile(recordingName));
  }

  @Override
  public Future<String> getVar(String channelId, String variable) {
    return track(() -> delegate.getVar(channelId, variable));
  }

  @Override
  public Future<Void> setVar(String channelId, String variable, String value) {
    return track(() -> delegate.setVar(channelId, variable, value));
  }
}
