package io.github.vertxasterisk.ami.impl;

import io.github.vertxasterisk.ami.api.AmiAddresses;
import io.github.vertxasterisk.ami.codec.AmiCodecLimits;
import io.github.vertxasterisk.common.ConfigValues;
import io.github.vertxasterisk.common.cluster.HolderOptions;
import io.github.vertxasterisk.common.PbxId;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The AMI verticle's configuration, read once at deployment. Shape (defaults in brackets):
 *
 * <pre>
 * { "prefix": "asterisk", "node": "&lt;node id&gt;",
 *   "holder": { "pollMs": 500, "leaseMs": 4000, "rebalance": true },
 *   "pbx": { "id": "pbx1",
 *     "ami": { "host": "127.0.0.1", "port": 5038, "username": "admin", "secret": "...",
 *              "authType": "plain|md5" [plain], "events": "on|off|&lt;mask&gt;" [on], "tls": false,
 *              "actionTimeoutMs": 10000, "connectTimeoutMs": 5000, "loginTimeoutMs": 10000,
 *              "keepAliveIntervalMs": 15000, "keepAliveTimeoutMs": 5000,
 *              "reconnectInitialMs": 500, "reconnectMaxMs": 30000, "authFailedDelayMs": 60000,
 *              "maxPendingActions": 5000, "maxEventsPerSecond": 50000, "maxHeapPercent": 80,
 *              "includeEvents": [], "excludeEvents": [], "filters": [],
 *              "limits": { "maxLineBytes": 65536, "maxMessageBytes": 4194304, "maxHeaders": 50000 } } } }
 * </pre>
 *
 * {@code maxEventsPerSecond} bounds what reaches the bus (a token bucket, bursts of one second's worth;
 * 0 = no bound), and {@code maxHeapPercent} stops publishing while the live heap (after the last GC)
 * is above that share of the maximum (0 = never): the clustered event bus has no publish backpressure,
 * so a flood beyond them is dropped, counted ({@code eventsDropped}) and reported on {@code .status}.
 *
 * The secret is held here only; {@link #toString()} never shows it.
 */
public final class AmiConfig {
  /** EVENT_FLAG_CALL in Asterisk's manager.h. */
  private static final int EVENT_FLAG_CALL = 1 << 1;
  /** Far above a busy real PBX (a few thousand events/s), low enough to protect the cluster. */
  static final int DEFAULT_MAX_EVENTS_PER_SECOND = 50_000;
  /** Past this, a node is close to OutOfMemoryError: shedding events is the lesser harm. */
  static final int DEFAULT_MAX_HEAP_PERCENT = 80;

  final String prefix;
  final String node;
  final String pbx;
  final String host;
  final int port;
  final String username;
  final String secret;
  final boolean md5;
  final String events;
  final boolean tls;
  final boolean tlsTrustAll;
  final long actionTimeoutMs;
  final long connectTimeoutMs;
  final long loginTimeoutMs;
  final long keepAliveIntervalMs;
  final long keepAliveTimeoutMs;
  final long reconnectInitialMs;
  final long reconnectMaxMs;
  final long authFailedDelayMs;
  final int maxPendingActions;
  final int maxEventsPerSecond;
  final int maxHeapPercent;
  final Set<String> includeEvents;
  final Set<String> excludeEvents;
  final List<String> filters;
  final AmiCodecLimits limits;
  final HolderOptions holder;

  private AmiConfig(JsonObject root) {
    JsonObject pbxJson = ConfigValues.requiredObject(root, "pbx");
    JsonObject ami = ConfigValues.requiredObject(pbxJson, "ami");
    prefix = root.getString("prefix", AmiAddresses.DEFAULT_PREFIX);
    node = root.getString("node", "node");
    pbx = PbxId.require(pbxJson.getString("id"));
    host = ami.getString("host", "127.0.0.1");
    if (host.indexOf('@') >= 0) {
      // it is shown in info(), .status and toString(): never quote it
      throw new IllegalArgumentException("pbx.ami.host must be a host name or address, without credentials: use username/secret");
    }
    port = ConfigValues.wholeInt(ami, "pbx.ami", "port", 5038);
    username = oneLine(ConfigValues.requiredString(ami, "pbx.ami", "username"), "pbx.ami.username");
    secret = oneLine(ConfigValues.requiredString(ami, "pbx.ami", "secret"), "pbx.ami.secret");
    String authType = ami.getString("authType", "plain");
    if (!authType.equals("plain") && !authType.equals("md5")) {
      throw new IllegalArgumentException("pbx.ami.authType must be 'plain' or 'md5', got: " + authType);
    }
    md5 = authType.equals("md5");
    events = oneLine(ami.getString("events", "on"), "pbx.ami.events");
    tls = ConfigValues.flag(ami, "pbx.ami", "tls", false);
    tlsTrustAll = ConfigValues.flag(ami, "pbx.ami", "tlsTrustAll", false);
    actionTimeoutMs = ConfigValues.positive(ami, "pbx.ami", "actionTimeoutMs", 10_000);
    connectTimeoutMs = ConfigValues.positive(ami, "pbx.ami", "connectTimeoutMs", 5_000);
    loginTimeoutMs = ConfigValues.positive(ami, "pbx.ami", "loginTimeoutMs", 10_000);
    keepAliveIntervalMs = ConfigValues.positive(ami, "pbx.ami", "keepAliveIntervalMs", 15_000);
    keepAliveTimeoutMs = ConfigValues.positive(ami, "pbx.ami", "keepAliveTimeoutMs", 5_000);
    reconnectInitialMs = ConfigValues.positive(ami, "pbx.ami", "reconnectInitialMs", 500);
    reconnectMaxMs = ConfigValues.positive(ami, "pbx.ami", "reconnectMaxMs", 30_000);
    if (reconnectMaxMs < reconnectInitialMs) {
      throw new IllegalArgumentException("pbx.ami.reconnectMaxMs (" + reconnectMaxMs
        + ") must be at least pbx.ami.reconnectInitialMs (" + reconnectInitialMs + ")");
    }
    authFailedDelayMs = ConfigValues.positive(ami, "pbx.ami", "authFailedDelayMs", 60_000);
    maxPendingActions = ConfigValues.positiveInt(ami, "pbx.ami", "maxPendingActions", 5_000);
    maxEventsPerSecond = ConfigValues.wholeInt(ami, "pbx.ami", "maxEventsPerSecond", DEFAULT_MAX_EVENTS_PER_SECOND);
    if (maxEventsPerSecond < 0) {
      throw new IllegalArgumentException("pbx.ami.maxEventsPerSecond must be 0 (no bound) or positive, got " + maxEventsPerSecond);
    }
    maxHeapPercent = ConfigValues.wholeInt(ami, "pbx.ami", "maxHeapPercent", DEFAULT_MAX_HEAP_PERCENT);
    if (maxHeapPercent < 0 || maxHeapPercent > 100) {
      throw new IllegalArgumentException("pbx.ami.maxHeapPercent must be 0 (no bound) to 100, got " + maxHeapPercent);
    }
    includeEvents = names(ConfigValues.array(ami, "pbx.ami", "includeEvents"));
    excludeEvents = names(ConfigValues.array(ami, "pbx.ami", "excludeEvents"));
    JsonArray filterList = ConfigValues.array(ami, "pbx.ami", "filters");
    filters = (filterList == null ? new JsonArray() : filterList).stream().map(f -> oneLine(String.valueOf(f), "pbx.ami.filters"))
      .collect(Collectors.toList());
    limits = limits(ami);
    holder = HolderOptions.from(root.getJsonObject("holder")); // checked with the other settings
  }

  /**
   * Sent as an AMI header value at every login: a line break there would end the header early and
   * refuse every login (a retry loop), so it is refused at start. The message never echoes the value.
   */
  private static String oneLine(String value, String key) {
    if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
      throw new IllegalArgumentException(key + " must not contain a line break");
    }
    return value;
  }

  /** {@code limits}: whole numbers that fit an int, named when not (getInteger rounded 1.5 and wrapped 2^32 + 64 to 64). */
  private static AmiCodecLimits limits(JsonObject ami) {
    Object raw = ami.getValue("limits");
    if (raw != null && !(raw instanceof JsonObject)) {
      throw new IllegalArgumentException("pbx.ami.limits must be an object, got a " + raw.getClass().getSimpleName());
    }
    JsonObject l = raw == null ? new JsonObject() : (JsonObject) raw;
    return new AmiCodecLimits(
      ConfigValues.positiveInt(l, "pbx.ami.limits", "maxLineBytes", AmiCodecLimits.DEFAULT_MAX_LINE_BYTES),
      ConfigValues.positiveInt(l, "pbx.ami.limits", "maxMessageBytes", AmiCodecLimits.DEFAULT_MAX_MESSAGE_BYTES),
      ConfigValues.positiveInt(l, "pbx.ami.limits", "maxHeaders", AmiCodecLimits.DEFAULT_MAX_HEADERS));
  }

  /** @throws IllegalArgumentException naming the missing or invalid key */
  public static AmiConfig from(JsonObject verticleConfig) {
    return new AmiConfig(verticleConfig);
  }

  /** Whether Asterisk sends this session call-class events (an async Originate's answer is one). */
  boolean receivesCallEvents() {
    // As Asterisk's manager.c strings_to_mask reads it: a number is the mask itself (call is bit 2),
    // ast_true's words are every class, else a comma list of class names.
    String mask = events.trim().toLowerCase(Locale.ROOT);
    if (mask.matches("[0-9]{1,9}")) {
      return (Integer.parseInt(mask) & EVENT_FLAG_CALL) != 0;
    }
    if (AsteriskValues.isTrue(mask)) {
      return true;
    }
    return Arrays.stream(mask.split(",")).map(String::trim).anyMatch(c -> c.equals("call") || c.equals("all"));
  }

  public AmiAddresses addresses() {
    return AmiAddresses.of(prefix, pbx);
  }

  public String pbx() {
    return pbx;
  }

  private static Set<String> names(JsonArray array) {
    return array == null ? Set.of() : array.stream().map(String::valueOf).collect(Collectors.toUnmodifiableSet());
  }

  @Override
  public String toString() {
    return "AmiConfig{pbx=" + pbx + ", " + username + "@" + host + ":" + port + (tls ? " tls" : "")
      + ", auth=" + (md5 ? "md5" : "plain") + ", events=" + events + ", secret=****}";
  }
}
