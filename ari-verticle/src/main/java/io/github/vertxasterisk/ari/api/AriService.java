package io.github.vertxasterisk.ari.api;

import io.github.vertxasterisk.common.cluster.HolderCalls;
import io.vertx.codegen.annotations.Nullable;
import io.vertx.codegen.annotations.ProxyGen;
import io.vertx.codegen.annotations.VertxGen;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;

/**
 * Drives one Asterisk over ARI (REST) from anywhere on the (clustered) event bus.
 *
 * <p>Operations are those the connected Asterisk declares in its own {@code /ari/api-docs}, named
 * {@code <resource>.<nickname>} ({@code channels.originate}, {@code bridges.addChannel}...), with
 * parameters by their declared names. Calls are checked against that declaration before anything is
 * sent.
 *
 * <p>{@link #invoke} and {@link #request} reply {@code {"status":200,"body":<JSON or null>}}; a
 * file (e.g. {@code recordings.getStoredFile}) is replied as
 * {@code {"status":200,"contentType":"audio/x-wav","bodyBase64":"..."}}. The typed helpers reply the
 * resource itself (the {@code body}), or nothing for operations Asterisk answers with 204.
 *
 * <p>Failures are {@link io.vertx.core.eventbus.ReplyException}s with a stable code:
 * {@code 460 unknown-operation}, {@code 461 missing-parameter}, {@code 462 unknown-parameter},
 * {@code 463 invalid-value} ({@link AriErrorCode}: nothing was sent); and from
 * {@code io.github.vertxasterisk.common.FailureCode}: {@code 400 bad-request} (a malformed raw
 * request; nothing sent), {@code 502 asterisk-error} (Asterisk answered an error status: message
 * {@code "asterisk-error: HTTP 404 Channel not found (channels.get)"}, the status also in the
 * exception's {@code debugInfo} as {@code status}), {@code 503 not-connected}, {@code 504 timeout},
 * {@code 520 disconnected} (the connection broke mid-request, or the holder node was replaced: outcome
 * unknown), {@code 521 no-holder} (no node of the cluster holds the PBX).
 */
@ProxyGen
@VertxGen
public interface AriService {

  /**
   * A proxy for the PBX's service at {@code address} (see {@link AriAddresses#service()}). Besides
   * the event-bus calls it fails a call at once with {@code 521 no-holder} when no node holds the PBX,
   * and with {@code 520 disconnected} when another node takes the PBX over while the call is in
   * flight. It watches the PBX's {@code .status} address: create one per PBX and reuse it.
   */
  static AriService createProxy(Vertx vertx, String address) {
    return HolderCalls.proxy(vertx, AriService.class, address, "AriVerticle", false, new AriServiceVertxEBProxy(vertx, address));
  }

  /** The same with delivery options, e.g. a send timeout longer than {@code requestTimeoutMs}. */
  static AriService createProxyWithOptions(Vertx vertx, String address, DeliveryOptions options) {
    return HolderCalls.proxy(vertx, AriService.class, address, "AriVerticle", false, new AriServiceVertxEBProxy(vertx, address, options));
  }

  /**
   * Closes a proxy made by {@link #createProxy}: it stops watching the PBX's status address (one
   * consumer per proxy), and calls made with it afterwards fail. For code that cannot keep one proxy
   * per PBX for its whole life; an undeployed verticle's proxies are cleaned up with it anyway.
   */
  static Future<Void> closeProxy(AriService proxy) {
    return proxy instanceof HolderCalls.Watched watched ? watched.close() : Future.succeededFuture();
  }

  /**
   * Any operation of the connected Asterisk's API, e.g. {@code invoke("channels.hangup",
   * {"channelId":"abc","reason":"busy"})}. List values ({@code media}) may be JSON arrays; body
   * parameters ({@code variables}) JSON objects.
   */
  Future<JsonObject> invoke(String operation, @Nullable JsonObject params);

  /**
   * The raw escape hatch: {@code method} (GET, POST, PUT, DELETE) on {@code path} relative to the
   * ARI base ({@code /channels/abc/answer}, already percent-encoded), query values as text (arrays
   * are comma-joined), an optional JSON body. Not validated against the API; replies like
   * {@link #invoke}.
   */
  Future<JsonObject> request(String method, String path, @Nullable JsonObject query, @Nullable JsonObject body);

  /** Connection state, Asterisk and API versions, applications, the node holding the connection, counters. */
  Future<JsonObject> info();

  /**
   * The operations the connected Asterisk declares: {@code {"apiVersion":..., "operations":[{"name",
   * "method", "path", "binary", "parameters":[{"name","in","required","type","allowMultiple",
   * "allowedValues"}]}]}}.
   */
  Future<JsonObject> operations();

  /**
   * {@code channels.originate}: replies with the new channel. Give {@code channelId} to subscribe to
   * the channel's address before it exists; {@code app} sends it into a Stasis application.
   */
  Future<JsonObject> originate(JsonObject params);

  Future<Void> answer(String channelId);

  /** {@code reason}: normal, busy, congestion, no_answer... (null: normal). */
  Future<Void> hangup(String channelId, @Nullable String reason);

  /**
   * Plays {@code media} (e.g. {@code sound:tt-monkeys}; several comma-separated) on a channel; replies
   * with the playback. Give {@code playbackId} to subscribe to its address first.
   */
  Future<JsonObject> play(String channelId, String media, @Nullable String playbackId);

  /** {@code channels.record}: {@code params} needs {@code name} and {@code format}; replies with the live recording. */
  Future<JsonObject> record(String channelId, JsonObject params);

  /** {@code channels.snoopChannel}: {@code params} needs {@code app}; replies with the snoop channel. */
  Future<JsonObject> snoop(String channelId, JsonObject params);

  /** {@code channels.externalMedia}: {@code params} needs {@code app} and {@code format}; replies with the channel. */
  Future<JsonObject> externalMedia(JsonObject params);

  /** {@code channels.dial} of a created channel; {@code params}: {@code caller}, {@code timeout}. */
  Future<Void> dial(String channelId, @Nullable JsonObject params);

  /** {@code bridges.create}; {@code type} e.g. {@code mixing} (null: Asterisk's default). Replies with the bridge. */
  Future<JsonObject> createBridge(@Nullable String bridgeId, @Nullable String type);

  Future<Void> addChannel(String bridgeId, String channelId);

  Future<Void> removeChannel(String bridgeId, String channelId);

  Future<Void> destroyBridge(String bridgeId);

  Future<Void> stopPlayback(String playbackId);

  /** {@code operation}: restart, pause, unpause, reverse, forward. */
  Future<Void> controlPlayback(String playbackId, String operation);

  /**
   * {@code recordings.getStoredFile}: the stored recording's file, as Asterisk sent it (e.g. a WAV
   * file). On the JSON bridges a Buffer travels base64-encoded.
   */
  Future<Buffer> storedRecordingFile(String recordingName);

  /** A channel variable, or a global one when {@code channelId} is null. */
  Future<@Nullable String> getVar(@Nullable String channelId, String variable);

  /** Sets a channel variable, or a global one when {@code channelId} is null. */
  Future<Void> setVar(@Nullable String channelId, String variable, @Nullable String value);
}
