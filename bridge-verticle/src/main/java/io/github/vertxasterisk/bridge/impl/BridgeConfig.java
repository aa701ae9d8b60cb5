package io.github.vertxasterisk.bridge.impl;

import io.github.vertxasterisk.common.ConfigValues;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.bridge.BridgeOptions;
import io.vertx.ext.bridge.PermittedOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The node config's {@code bridge} section plus the address {@code prefix}. Everything is denied unless
 * listed: {@code inbound} (addresses clients may send/publish to), {@code outbound} (addresses they may
 * register for), {@code services} (service-proxy calls, by address, method and AMI action).
 * {@code authToken}, when set, must come with every frame.
 */
public final class BridgeConfig {
  /** The bridge's int settings leave room for a TCP frame's 4-byte length above them. */
  private static final int MAX_INT_SETTING = Integer.MAX_VALUE - 4;

  public final TransportConfig tcp;
  /** How long a TCP client may leave its write buffer full before it is closed ({@link TcpClients}). */
  public final long tcpMaxBlockedMs;
  /** The largest TCP frame a client may send (its JSON, without the 4-byte length); a longer one closes it. */
  public final int tcpMaxFrameBytes;
  /** How many addresses one TCP client may have registered at a time. */
  public final int tcpMaxRegistrations;
  /** How many TCP clients may be connected at a time. */
  public final int tcpMaxConnections;
  public final TokenRules tcpTokenRules;
  /** How long a TCP client may leave a request it received unanswered. */
  public final long tcpReplyTimeoutMs;
  /** How many bytes the requests a TCP client has not answered may hold. */
  public final long tcpMaxUnansweredBytes;
  public final TransportConfig sockjs;
  /** How long a SockJS client's connection may stay unwritable before it is closed ({@link SockJsConnections}). */
  public final long sockjsMaxBlockedMs;
  /** How many HTTP connections the SockJS bridge's server may have open at a time. */
  public final int sockjsMaxConnections;
  public final TokenRules sockjsTokenRules;
  public final long sockjsIdleTimeoutMs;
  final String authToken;

  /**
   * With an {@code authToken}, for one transport: how long a client may stay connected without showing
   * it, and how many may be connected without having shown it yet ({@link TokenWait}).
   */
  public record TokenRules(long authTimeoutMs, int maxUnauthenticated) {
    static TokenRules from(JsonObject transport, String section) {
      return new TokenRules(ConfigValues.positive(transport, section, "authTimeoutMs", 30_000),
        ConfigValues.positiveInt(transport, section, "maxUnauthenticated", 50, MAX_INT_SETTING));
    }
  }
  final List<AddressRule> inbound;
  final List<AddressRule> outbound;
  final List<ServiceRule> services;
  /** {@code <prefix>.ami.<pbx>} and {@code <prefix>.ari.<pbx>}: reachable only through a service rule. */
  final Pattern serviceAddress;

  private BridgeConfig(JsonObject bridge, String prefix) {
    JsonObject tcpJson = section(bridge, "tcp");
    tcp = TransportConfig.from(tcpJson, "bridge.tcp", 7000, null);
    tcpMaxBlockedMs = ConfigValues.positive(tcpJson, "bridge.tcp", "maxBlockedMs", 5_000);
    tcpMaxFrameBytes = ConfigValues.positiveInt(tcpJson, "bridge.tcp", "maxFrameBytes", 1024 * 1024, MAX_INT_SETTING);
    tcpMaxRegistrations = ConfigValues.positiveInt(tcpJson, "bridge.tcp", "maxRegistrations", 1000, MAX_INT_SETTING);
    tcpMaxConnections = ConfigValues.positiveInt(tcpJson, "bridge.tcp", "maxConnections", 1000, MAX_INT_SETTING);
    tcpTokenRules = TokenRules.from(tcpJson, "bridge.tcp");
    tcpReplyTimeoutMs = ConfigValues.positive(tcpJson, "bridge.tcp", "replyTimeoutMs", 30_000);
    tcpMaxUnansweredBytes = ConfigValues.positive(tcpJson, "bridge.tcp", "maxUnansweredBytes", 16L * 1024 * 1024);
    JsonObject sockjsJson = section(bridge, "sockjs");
    sockjs = TransportConfig.from(sockjsJson, "bridge.sockjs", 8080, sockjsJson.getString("path", "/eventbus"));
    sockjsMaxBlockedMs = ConfigValues.positive(sockjsJson, "bridge.sockjs", "maxBlockedMs", 5_000);
    sockjsMaxConnections = ConfigValues.positiveInt(sockjsJson, "bridge.sockjs", "maxConnections", 1000, MAX_INT_SETTING);
    sockjsTokenRules = TokenRules.from(sockjsJson, "bridge.sockjs");
    sockjsIdleTimeoutMs = ConfigValues.positiveInt(sockjsJson, "bridge.sockjs", "idleTimeoutMs", 60_000, MAX_INT_SETTING);
    String token = bridge.getString("authToken");
    authToken = token == null || token.isEmpty() ? null : token;
    inbound = list(bridge.getJsonArray("inbound"), j -> AddressRule.from(j, "bridge.inbound"));
    outbound = list(bridge.getJsonArray("outbound"), j -> AddressRule.from(j, "bridge.outbound"));
    services = list(bridge.getJsonArray("services"), ServiceRule::from);
    serviceAddress = Pattern.compile(Pattern.quote(prefix) + "\\.(ami|ari)\\.[A-Za-z0-9_-]+");
  }

  private static JsonObject section(JsonObject bridge, String key) {
    Object value = bridge.getValue(key);
    if (value == null || value instanceof JsonObject) {
      return value == null ? new JsonObject() : (JsonObject) value;
    }
    throw new IllegalArgumentException("bridge." + key + " must be an object, got a " + value.getClass().getSimpleName());
  }

  public static BridgeConfig from(JsonObject nodeConfig) {
    return new BridgeConfig(nodeConfig.getJsonObject("bridge", new JsonObject()),
      nodeConfig.getString("prefix", "asterisk"));
  }

  private static <T> List<T> list(JsonArray array, Function<JsonObject, T> parse) {
    List<T> out = new ArrayList<>();
    if (array != null) {
      for (Object o : array) {
        if (!(o instanceof JsonObject)) {
          throw new IllegalArgumentException("bridge rules are JSON objects, got " + o);
        }
        out.add(parse.apply((JsonObject) o));
      }
    }
    return out;
  }

  /** Vert.x's own permitted lists, mirroring ours: a second line of defence behind {@link BridgeGuard}. */
  public <T extends BridgeOptions> T bridgeOptions(T options) {
    inbound.forEach(r -> options.addInboundPermitted(new PermittedOptions(r.toPermitted())));
    services.forEach(r -> options.addInboundPermitted(new PermittedOptions(r.address.toPermitted())));
    outbound.forEach(r -> options.addOutboundPermitted(new PermittedOptions(r.toPermitted())));
    return options;
  }

  public boolean authRequired() {
    return authToken != null;
  }
}
