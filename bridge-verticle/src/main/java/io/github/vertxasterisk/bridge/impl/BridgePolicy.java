package io.github.vertxasterisk.bridge.impl;

import io.github.vertxasterisk.common.LogSafeText;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.bridge.BridgeEventType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Decides whether one frame from a bridge client may enter the event bus. Deny by default:
 * <ul>
 *   <li>with an {@code authToken} configured, every send/publish/register/unregister carries it in the
 *   header {@value #AUTH_HEADER}; it is removed from the frame before the frame goes anywhere;</li>
 *   <li>a frame with an {@code action} header, or addressed to a PBX service address, is a service-proxy
 *   call: it needs a {@code services} rule (method, and for send/sendList the AMI Action);</li>
 *   <li>any other send/publish needs an {@code inbound} rule; a register needs an {@code outbound} rule,
 *   and is never allowed on a service address, whatever the rules say.</li>
 * </ul>
 */
public final class BridgePolicy {
  public static final String AUTH_HEADER = "authToken";
  /** Names a service call's method; read by the service with {@code headers().get("action")}, ignoring case. */
  private static final String ACTION_HEADER = "action";
  /** Where Vert.x sends a message's reply: a client answering a request it received sends there. */
  static final String REPLY_PREFIX = "__vertx.reply.";
  private static final Set<String> ACTION_METHODS = Set.of("send", "sendList");

  private final BridgeConfig config;

  public BridgePolicy(BridgeConfig config) {
    this.config = config;
  }

  /** Whether frames of this type carry the token (and are checked); a ping does not. */
  public static boolean carriesToken(BridgeEventType type) {
    return type == BridgeEventType.SEND || type == BridgeEventType.PUBLISH || type == BridgeEventType.REGISTER
      || type == BridgeEventType.UNREGISTER;
  }

  /** Whether this refusal is the token's: any other one means the frame carried the right token. */
  public static boolean refusedForToken(Refusal refusal) {
    return refusal != null && AUTH_HEADER.equals(refusal.rule());
  }

  /** @return null when the frame may pass (after removing the token header), else why not */
  public Refusal check(BridgeEventType type, JsonObject frame) {
    if (!carriesToken(type)) {
      return null;
    }
    JsonObject headers = frame.getValue("headers") instanceof JsonObject ? frame.getJsonObject("headers") : new JsonObject();
    Object token = headers.remove(AUTH_HEADER);
    if (config.authToken != null && !sameToken(config.authToken, token)) {
      return new Refusal(AUTH_HEADER, "missing or wrong " + AUTH_HEADER + " header");
    }
    String address = frame.getString("address");
    if (address == null || address.isEmpty()) {
      return new Refusal("address", "the frame has no address");
    }
    switch (type) {
      case UNREGISTER:
        return null;
      case REGISTER:
        if (address.startsWith(REPLY_PREFIX)) {
          // a consumer there would take a share of the replies meant for the requester
          return new Refusal("outbound", "register on reply address " + address + " (its replies are the requester's)");
        }
        if (config.serviceAddress.matcher(address).matches()) {
          // a client consuming a service address would be handed a share of every node's calls to it
          return new Refusal("services", "register on service address " + address + " (only its holder consumes it)");
        }
        return permitted(config.outbound, address) ? null
          : new Refusal("outbound", "address " + address + " is not permitted for register");
      default:
        List<Object> actions = valuesIgnoringCase(headers, ACTION_HEADER);
        if (actions.size() > 1) {
          // the bus keeps every spelling and the service reads one of them: the rules cannot know which
          return new Refusal("services", "the frame has " + actions.size() + " action headers (header names ignore case)");
        }
        Object action = actions.isEmpty() ? null : actions.get(0);
        if (type == BridgeEventType.SEND && action == null && address.startsWith(REPLY_PREFIX)) {
          // a reply: passed only to a reply address handed to this very client (by the TCP bridge itself;
          // on the SockJS bridge, whose check spans all its clients, by HandedReplies)
          return null;
        }
        if (address.startsWith(REPLY_PREFIX)) {
          return new Refusal("inbound", type.name().toLowerCase(Locale.ROOT) + " to reply address " + address
            + " (only a send without an action header answers a request)");
        }
        if (action != null || config.serviceAddress.matcher(address).matches()) {
          return serviceCall(type, address, action, frame.getValue("body"));
        }
        return permitted(config.inbound, address) ? null
          : new Refusal("inbound", "address " + address + " is not permitted for " + type.name().toLowerCase(Locale.ROOT));
    }
  }

  private Refusal serviceCall(BridgeEventType type, String address, Object method, Object body) {
    if (type == BridgeEventType.PUBLISH) {
      return new Refusal("services", "publish to service address " + address + " (service calls are sends)");
    }
    ServiceRule rule = config.services.stream().filter(r -> r.address.matches(address)).findFirst().orElse(null);
    if (rule == null) {
      return new Refusal("services", "no service calls are permitted on " + address);
    }
    if (!(method instanceof String)) {
      return new Refusal("services", "a service call to " + address + " needs an 'action' header naming the method");
    }
    if (rule.methods != null && !rule.methods.contains(method)) {
      return new Refusal("services.methods", "method " + LogSafeText.of(method) + " is not permitted on " + address);
    }
    if (rule.actions != null && ACTION_METHODS.contains(method)) {
      return amiActions(rule, address, body);
    }
    return null;
  }

  /**
   * AMI header names are case-insensitive, so every key spelled like {@code Action} must name a permitted
   * action: {@code {"Action":"Ping","action":"Originate"}} must not slip an Originate through.
   */
  private static Refusal amiActions(ServiceRule rule, String address, Object body) {
    Object request = body instanceof JsonObject ? ((JsonObject) body).getValue("action") : null;
    if (!(request instanceof JsonObject)) {
      return new Refusal("services.actions", "the call carries no AMI action object");
    }
    boolean any = false;
    for (Map.Entry<String, Object> header : (JsonObject) request) {
      if (header.getKey().equalsIgnoreCase("Action")) {
        any = true;
        Object name = header.getValue();
        if (!(name instanceof String) || !rule.actions.contains(((String) name).toLowerCase(Locale.ROOT))) {
          return new Refusal("services.actions", "AMI action " + LogSafeText.of(name) + " is not permitted on " + address);
        }
      }
    }
    return any ? null : new Refusal("services.actions", "the AMI action object has no Action");
  }

  /** The bus's headers ignore case (Vert.x's {@code MultiMap}), so a frame's {@code ACTION} is an {@code action}. */
  private static List<Object> valuesIgnoringCase(JsonObject headers, String name) {
    List<Object> values = new ArrayList<>();
    for (Map.Entry<String, Object> header : headers) {
      if (header.getKey().equalsIgnoreCase(name)) {
        values.add(header.getValue());
      }
    }
    return values;
  }

  private static boolean permitted(Iterable<AddressRule> rules, String address) {
    for (AddressRule rule : rules) {
      if (rule.matches(address)) {
        return true;
      }
    }
    return false;
  }

  /** Constant-time comparison: a wrong token's timing says nothing about the right one. */
  private static boolean sameToken(String expected, Object given) {
    return given instanceof String && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
      ((String) given).getBytes(StandardCharsets.UTF_8));
  }
}
