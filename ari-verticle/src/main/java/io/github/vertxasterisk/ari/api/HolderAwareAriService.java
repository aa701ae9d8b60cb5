package io.github.vertxasterisk.ari.api;

import io.github.vertxasterisk.common.cluster.HolderCalls;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.util.function.Supplier;

/**
 * The proxy {@link AriService#createProxy} returns: the generated event-bus proxy, with every call run
 * through {@link HolderCalls} ({@code no-holder} at once when no node holds the PBX, {@code
 * disconnected} for a call in flight when another node takes over).
 */
final class HolderAwareAriService implements AriService {
  private final AriService delegate;
  private final HolderCalls calls;

  HolderAwareAriService(Vertx vertx, String address, AriService delegate) {
    this.delegate = delegate;
    this.calls = new HolderCalls(vertx, address, "AriVerticle", false);
  }

  private <T> Future<T> track(Supplier<Future<T>> call) {
    return calls.track(call);
  }

  /** The newest connection epoch this proxy has seen announced. */
  long knownEpoch() {
    return calls.knownEpoch();
  }

  /** The node that announced it, or null before any. */
  String knownHolder() {
    return calls.knownHolder();
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
