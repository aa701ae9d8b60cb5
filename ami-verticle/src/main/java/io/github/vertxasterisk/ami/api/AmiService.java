package io.github.vertxasterisk.ami.api;

import io.github.vertxasterisk.common.cluster.HolderCalls;
import io.vertx.codegen.annotations.Nullable;
import io.vertx.codegen.annotations.ProxyGen;
import io.vertx.codegen.annotations.VertxGen;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * Drives one Asterisk over AMI from anywhere on the (clustered) event bus.
 *
 * <p>Every method fails with a {@link io.vertx.core.eventbus.ReplyException} whose code is one of
 * {@code io.github.vertxasterisk.common.FailureCode}: {@code 400 bad-request} (nothing was sent),
 * {@code 403 forbidden}, {@code 502 asterisk-error} (Asterisk's own message), {@code 503 not-connected},
 * {@code 504 timeout}, {@code 520 disconnected}, {@code 529 overloaded}.
 *
 * <p>Actions are JSON objects in AMI's own vocabulary: {@code {"Action":"Hangup","Channel":"..."}}. An
 * array value is sent as repeated headers; an object value as {@code key=value} headers (Originate's
 * {@code Variable}). The {@code ActionID} is generated unless given.
 */
@ProxyGen
@VertxGen
public interface AmiService {

  /**
   * A proxy for the PBX's service at {@code address} (see {@link AmiAddresses#service()}). Besides the
   * service's own failures it fails with {@code 521 no-holder} when no node holds the PBX, and with
   * {@code 520 disconnected} when the holder changes while a call is in flight. Create one per PBX and
   * reuse it: it watches the PBX's status address.
   */
  static AmiService createProxy(Vertx vertx, String address) {
    return HolderCalls.proxy(vertx, AmiService.class, address, "AmiVerticle", true, new OriginateAwareProxy(vertx, address, null));
  }

  /** The same with delivery options, e.g. a send timeout longer than the actions' own. */
  static AmiService createProxyWithOptions(Vertx vertx, String address, DeliveryOptions options) {
    return HolderCalls.proxy(vertx, AmiService.class, address, "AmiVerticle", true, new OriginateAwareProxy(vertx, address, options));
  }

  /**
   * Closes a proxy made by {@link #createProxy}: it stops watching the PBX's status address (one
   * consumer per proxy), and calls made with it afterwards fail. For code that cannot keep one proxy
   * per PBX for its whole life; an undeployed verticle's proxies are cleaned up with it anyway.
   */
  static Future<Void> closeProxy(AmiService proxy) {
    return proxy instanceof HolderCalls.Watched watched ? watched.close() : Future.succeededFuture();
  }

  /** Any action; replies with the response's headers. An error response fails with asterisk-error. */
  Future<JsonObject> send(JsonObject action);

  /**
   * An action answered by an event list ({@code EventList: start} ... {@code EventList: Complete}):
   * replies with {@code {"response":{...}, "events":[...], "complete":{...}}}.
   */
  Future<JsonObject> sendList(JsonObject action);

  /** A CLI command; replies with its output lines, whichever format the Asterisk version uses. */
  Future<List<String>> command(String command);

  /**
   * An Originate. With {@code "Async":"true"} (the usual) it replies with the call's
   * {@code OriginateResponse} event once Asterisk knows the outcome, and fails with asterisk-error
   * when that event says {@code Response: Failure} (the message gives the Reason code). Without
   * Async it replies with the response.
   */
  Future<JsonObject> originate(JsonObject request);

  /** Connection state, AMI and Asterisk versions, the node holding the connection, counters. */
  Future<JsonObject> info();

  /** AMI Ping. */
  Future<JsonObject> ping();

  /** Hangs up a channel by name, e.g. {@code Local/100@test-0000000e;1}. */
  Future<JsonObject> hangup(String channel);

  /** Sends a channel to a dialplan location. */
  Future<JsonObject> redirect(String channel, String context, String exten, int priority);

  /** Reads a channel variable, or a global one when {@code channel} is null; null when unset or empty (Asterisk answers both alike). */
  Future<@Nullable String> getVar(@Nullable String channel, String variable);

  /** Sets a channel variable, or a global one when {@code channel} is null. */
  Future<JsonObject> setVar(@Nullable String channel, String variable, String value);

  /** The channels up now: the {@code CoreShowChannel} events of a CoreShowChannels list. */
  Future<List<JsonObject>> coreShowChannels();
}
