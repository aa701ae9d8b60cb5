package io.github.vertxasterisk.bridge.impl;

import io.vertx.core.json.JsonObject;
import java.util.regex.Pattern;

/** One permitted address: an exact {@code address} or a full-match {@code addressRegex}. */
final class AddressRule {
  final String address;
  final Pattern regex;

  private AddressRule(String address, Pattern regex) {
    this.address = address;
    this.regex = regex;
  }

  static AddressRule from(JsonObject json, String where) {
    String address = json.getString("address");
    String regex = json.getString("addressRegex");
    if ((address == null) == (regex == null)) {
      throw new IllegalArgumentException(where + ": give exactly one of address or addressRegex: " + json.encode());
    }
    return new AddressRule(address, regex == null ? null : Pattern.compile(regex));
  }

  boolean matches(String candidate) {
    return candidate != null && (address != null ? address.equals(candidate) : regex.matcher(candidate).matches());
  }

  /**
   * The same rule in Vert.x's own permitted-options shape (a second line of defence). A regex there never
   * matches a reply address: Vert.x lets a client's answers to its own requests through before it looks at
   * these, and a send to any other reply address would be a forged answer to someone else's request.
   */
  JsonObject toPermitted() {
    return address != null ? new JsonObject().put("address", address)
      : new JsonObject().put("addressRegex",
        "(?!" + Pattern.quote(BridgePolicy.REPLY_PREFIX) + ")(?:" + regex.pattern() + ")");
  }

  @Override
  public String toString() {
    return address != null ? address : "/" + regex.pattern() + "/";
  }
}
