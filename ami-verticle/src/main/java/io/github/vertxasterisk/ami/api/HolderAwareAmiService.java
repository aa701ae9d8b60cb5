package io.github.vertxasterisk.ami.api;

import io.github.vertxasterisk.common.cluster.HolderCalls;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.function.Supplier;

/**
 * The proxy {@link AmiService#createProxy} returns: the generated event-bus proxy, with every call run
 * through {@link HolderCalls} ({@code no-holder} at once when no node holds the PBX, {@code
 * disconnected} for a call in flight when another node takes over).
 */
final class HolderAwareAmiService implements AmiService {
  private final AmiService delegate;
  private final HolderCalls calls;

  HolderAwareAmiService(Vertx vertx, String address, AmiService delegate) {
    this.delegate = delegate;
    this.calls = new HolderCalls(vertx, address, "AmiVerticle", true);
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
